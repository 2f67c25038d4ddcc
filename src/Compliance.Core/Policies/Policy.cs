using System.Security.Cryptography;
using System.Text;

namespace Compliance.Core.Policies;

/// <summary>
/// A policy and its versions. One version at a time is open for work (a draft, one waiting for approval, or one
/// approved and not yet published); one is in force (published); the rest are superseded and never change.
/// </summary>
public sealed class Policy
{
    private readonly List<PolicyVersion> _versions = [];

    private Policy() { }

    public Policy(PolicyKind kind, string title, string slug, string text, DateTime nowUtc)
    {
        Id = RecordId.New();
        Kind = kind;
        Title = title;
        Slug = slug;
        CreatedAtUtc = nowUtc;
        _versions.Add(new PolicyVersion(Id, 1, text, nowUtc));
    }

    public Guid Id { get; private set; }
    public PolicyKind Kind { get; private set; }
    public string Title { get; private set; } = "";

    /// <summary>Its public address: /policies/{Slug}.</summary>
    public string Slug { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>When the version in force is next to be reviewed (a setting after each publication; default 12 months).</summary>
    public DateOnly? NextReviewDue { get; private set; }

    public IReadOnlyList<PolicyVersion> Versions => _versions;

    /// <summary>When an HR manager asked for everyone who has not acknowledged to be sent a new link; cleared once sent.</summary>
    public DateTime? ChaseRequestedAtUtc { get; private set; }

    public void RequestChase(DateTime nowUtc)
    {
        if (InForce is null) throw new PolicyRuleException("Nothing is published yet, so there is no one to chase.");
        ChaseRequestedAtUtc = nowUtc;
    }

    public PolicyVersion? InForce => _versions.SingleOrDefault(v => v.Status == PolicyVersionStatus.Published);

    /// <summary>The version being worked on, if there is one.</summary>
    public PolicyVersion? Open => _versions.SingleOrDefault(v => v.Status is PolicyVersionStatus.Draft or PolicyVersionStatus.AwaitingApproval or PolicyVersionStatus.Approved);

    public PolicyVersion Version(Guid versionId) =>
        _versions.SingleOrDefault(v => v.Id == versionId) ?? throw new PolicyRuleException("That version of the policy does not exist.");

    /// <summary>A new draft, copied from the version in force.</summary>
    public PolicyVersion StartNewVersion(DateTime nowUtc)
    {
        if (Open is { } open) throw new PolicyRuleException($"Version {open.Number} is still being worked on: finish or publish it first.");
        var from = InForce ?? _versions.MaxBy(v => v.Number)!;
        var draft = new PolicyVersion(Id, _versions.Max(v => v.Number) + 1, from.Text, nowUtc);
        _versions.Add(draft);
        return draft;
    }

    /// <summary>
    /// Publishes an approved version: its text was frozen with its hash at approval, and stays so. The version in
    /// force before it is superseded. A material change starts a new round of acknowledgements; a minor one does not.
    /// </summary>
    public void Publish(Guid versionId, PolicyPublication publication, DateTime nowUtc, DateOnly nextReview)
    {
        var version = Publishable(versionId, publication);
        var before = InForce;
        before?.Supersede(nowUtc);
        version.Publish(publication, publication.Change == PolicyChange.Material ? version.Number : before!.AcknowledgementRound, nowUtc);
        NextReviewDue = nextReview;
    }

    /// <summary>
    /// Keeps an approved version's publication for its effective date, a later day: until then the version in force
    /// stays in force, and on that day the policy job publishes it as if an HR manager had pressed Publish.
    /// </summary>
    public void Schedule(Guid versionId, PolicyPublication publication, DateTime nowUtc)
    {
        var version = Publishable(versionId, publication);
        if (version.ScheduledAtUtc is not null) throw new PolicyRuleException($"Version {version.Number} is already scheduled to be published on {UkDates.Long(version.EffectiveOn)}.");
        version.Schedule(publication, nowUtc);
    }

    /// <summary>Takes back a scheduled publication: the version stays approved, to be published later or another day.</summary>
    public PolicyVersion CancelSchedule()
    {
        if (Open is not { ScheduledAtUtc: not null } version) throw new PolicyRuleException("No publication is scheduled.");
        version.CancelSchedule();
        return version;
    }

    /// <summary>The version whose scheduled publication has come, if there is one.</summary>
    public PolicyVersion? DueToPublish(DateOnly today) =>
        Open is { Status: PolicyVersionStatus.Approved, ScheduledAtUtc: not null } version && version.EffectiveOn <= today ? version : null;

    private PolicyVersion Publishable(Guid versionId, PolicyPublication publication)
    {
        var version = Version(versionId);
        if (version.Status != PolicyVersionStatus.Approved)
        {
            throw new PolicyRuleException(version.Status is PolicyVersionStatus.Published or PolicyVersionStatus.Superseded
                ? $"Version {version.Number} is already published."
                : $"Version {version.Number} has not been approved by a director: it cannot be published yet.");
        }
        var before = InForce;
        if (publication.Change == PolicyChange.Minor && before is null)
        {
            throw new PolicyRuleException("The first version of a policy is read by everyone in scope: publish it as a material change.", "Change");
        }
        if (before is not null && publication.EffectiveOn < before.EffectiveOn)
        {
            throw new PolicyRuleException($"The effective date cannot be before that of version {before.Number} ({UkDates.Long(before.EffectiveOn)}).", "EffectiveOn");
        }
        return version;
    }
}

public static class PolicyQueries
{
    /// <summary>The policies with a version in force.</summary>
    public static IQueryable<Policy> WithVersionInForce(this IQueryable<Policy> policies) =>
        policies.Where(p => p.Versions.Any(v => v.Status == PolicyVersionStatus.Published));
}

/// <summary>What publishing says: from when, for whom, whether everyone reads it again, and why a missing section is acceptable.</summary>
public sealed record PolicyPublication(DateOnly EffectiveOn, AudienceKind Audience, Guid[] AudienceIds, PolicyChange Change, string[] MissingSections,
    string? MissingSectionsReason, string PublishedByName);

public sealed class PolicyVersion
{
    public const int MaxTextLength = 100_000;

    private PolicyVersion() { }

    internal PolicyVersion(Guid policyId, int number, string text, DateTime nowUtc)
    {
        Id = RecordId.New();
        PolicyId = policyId;
        Number = number;
        Text = text;
        Status = PolicyVersionStatus.Draft;
        CreatedAtUtc = nowUtc;
        UpdatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid PolicyId { get; private set; }
    public int Number { get; private set; }
    public PolicyVersionStatus Status { get; private set; }

    /// <summary>The policy in Markdown. Frozen from approval on; its SHA-256 is <see cref="ContentHash"/>.</summary>
    public string Text { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    public DateTime? SubmittedAtUtc { get; private set; }
    public string? SubmittedByName { get; private set; }
    public DateTime? ApprovedAtUtc { get; private set; }
    public Guid? ApprovedById { get; private set; }
    public string? ApprovedByName { get; private set; }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 text, recorded at approval: what was approved is what is published.</summary>
    public string? ContentHash { get; private set; }

    /// <summary>Why a director sent the draft back, if they did.</summary>
    public string? ReturnedReason { get; private set; }

    public DateTime? PublishedAtUtc { get; private set; }
    public string? PublishedByName { get; private set; }
    public DateOnly EffectiveOn { get; private set; }
    public AudienceKind Audience { get; private set; }
    public Guid[] AudienceIds { get; private set; } = [];
    public PolicyChange Change { get; private set; }

    /// <summary>The checklist sections missing when it was published, and the written reason given for that (kept as evidence).</summary>
    public string[] MissingSections { get; private set; } = [];
    public string? MissingSectionsReason { get; private set; }

    /// <summary>The number of the material version whose acknowledgements this version counts: itself, or the one a minor change followed.</summary>
    public int AcknowledgementRound { get; private set; }
    public DateTime? SupersededAtUtc { get; private set; }

    /// <summary>When an HR manager scheduled this approved version to be published on its effective date, a later day.</summary>
    public DateTime? ScheduledAtUtc { get; private set; }

    /// <summary>The publication kept for a scheduled version, as it was given.</summary>
    public PolicyPublication? ScheduledPublication => ScheduledAtUtc is null ? null
        : new(EffectiveOn, Audience, AudienceIds, Change, MissingSections, MissingSectionsReason, PublishedByName ?? "");

    public bool IsFrozen => Status is not PolicyVersionStatus.Draft and not PolicyVersionStatus.AwaitingApproval;

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Editing a draft; editing one waiting for approval takes it back to a draft (the director would approve other words).</summary>
    public void Edit(string text, DateTime nowUtc)
    {
        if (IsFrozen) throw new PolicyRuleException(Status == PolicyVersionStatus.Approved
            ? $"Version {Number} was approved as it stands and cannot be changed. Start a new version to change it."
            : $"Version {Number} is published and cannot be changed. Start a new version to change it.");
        Text = text;
        Status = PolicyVersionStatus.Draft;
        SubmittedAtUtc = null;
        SubmittedByName = null;
        UpdatedAtUtc = nowUtc;
    }

    public void SubmitForApproval(string byName, DateTime nowUtc)
    {
        if (Status != PolicyVersionStatus.Draft) throw new PolicyRuleException($"Version {Number} is not a draft: it is {Status.Label().ToLowerInvariant()}.");
        Status = PolicyVersionStatus.AwaitingApproval;
        SubmittedAtUtc = nowUtc;
        SubmittedByName = byName;
        ReturnedReason = null;
    }

    public void Approve(Guid approverId, string approverName, DateTime nowUtc)
    {
        if (Status != PolicyVersionStatus.AwaitingApproval) throw new PolicyRuleException($"Version {Number} has not been sent for approval.");
        Status = PolicyVersionStatus.Approved;
        ApprovedAtUtc = nowUtc;
        ApprovedById = approverId;
        ApprovedByName = approverName;
        ContentHash = Hash(Text);
    }

    public void Return(string reason, DateTime nowUtc)
    {
        if (Status != PolicyVersionStatus.AwaitingApproval) throw new PolicyRuleException($"Version {Number} is not waiting for approval.");
        Status = PolicyVersionStatus.Draft;
        ReturnedReason = reason;
        SubmittedAtUtc = null;
        SubmittedByName = null;
        UpdatedAtUtc = nowUtc;
    }

    internal void Publish(PolicyPublication p, int round, DateTime nowUtc)
    {
        if (ContentHash != Hash(Text)) throw new PolicyRuleException($"Version {Number} no longer matches the text that was approved.");
        Status = PolicyVersionStatus.Published;
        PublishedAtUtc = nowUtc;
        Keep(p);
        AcknowledgementRound = round;
    }

    internal void Schedule(PolicyPublication p, DateTime nowUtc)
    {
        Keep(p);
        ScheduledAtUtc = nowUtc;
        UpdatedAtUtc = nowUtc;
    }

    internal void CancelSchedule() => ScheduledAtUtc = null;

    private void Keep(PolicyPublication p)
    {
        PublishedByName = p.PublishedByName;
        EffectiveOn = p.EffectiveOn;
        Audience = p.Audience;
        AudienceIds = p.Audience is AudienceKind.Sites or AudienceKind.Departments ? [.. p.AudienceIds.Distinct()] : [];
        Change = p.Change;
        MissingSections = p.MissingSections;
        MissingSectionsReason = p.MissingSections.Length > 0 ? p.MissingSectionsReason : null;
    }

    internal void Supersede(DateTime nowUtc)
    {
        Status = PolicyVersionStatus.Superseded;
        SupersededAtUtc = nowUtc;
    }
}
