using System.Text.RegularExpressions;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Core.Mail;
using Compliance.Core.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Policies;

public sealed record CreatePolicyInput(PolicyKind? Kind, string? Title, string? Contacts);

public sealed record ConsultationInput(ConsultationBody? Body, string? ConsultedName, string? HeldOn, string? Outcome);

public sealed record PublishInput(string? EffectiveOn, AudienceKind? Audience, Guid[] AudienceIds, PolicyChange? Change, string? MissingSectionsReason);

/// <summary>A version published now, or scheduled to be on its effective date (a later day).</summary>
public sealed record PublishOutcome(Guid VersionId, bool Scheduled, DateOnly EffectiveOn);

/// <summary>
/// The work on policies: create from a template, edit a draft, record consultation, send for approval, approve or
/// send back, publish, start a new version. Each change is saved with its audit entry; a refusal names the field
/// and changes nothing.
/// </summary>
public sealed partial class PolicyWork(ComplianceDbContext db, AuditTrail audit, TimeProvider clock, PolicyTemplates templates,
    IOptions<PolicyOptions> options, IOptions<MailOptions> mail)
{
    /// <summary>Addresses under /policies/ that pages use, which no policy may take.</summary>
    private static readonly HashSet<string> Reserved = ["manage", "acknowledge", "new", "pdf", "code"];

    public const int MinMissingReasonLength = 20;

    private DateOnly Today => UkCalendar.Today(clock);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>What a new policy's template is filled with, from the organisation's records and the contacts given.</summary>
    public async Task<PolicyTemplateModel> TemplateModelAsync(string? contacts, CancellationToken ct = default) =>
        new(await db.Organisations.NameAsync(ct) ?? "The organisation",
            await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct),
            mail.Value.Link("/report"), Lines(contacts), PolicyTemplates.DefaultSupportLines, Today.AddMonths(options.Value.ReviewIntervalMonths));

    public async Task<(Guid? Id, List<FieldError> Errors)> CreateAsync(CreatePolicyInput input, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) return (null, [new("Kind", "Choose which policy to create.")]);
        var title = string.IsNullOrWhiteSpace(input.Title) ? templates.Title(kind) : input.Title.Trim();
        if (title.Length > 200) errors.Add(new("Title", "The title must be 200 characters or fewer."));
        var contacts = Lines(input.Contacts);
        if (contacts.Any(c => c.Length > 300)) errors.Add(new("Contacts", "Keep each contact to 300 characters or fewer, one per line."));
        if (contacts.Count > 20) errors.Add(new("Contacts", "List at most 20 named contacts."));
        var slug = kind.Slug() ?? SlugOf(title);
        if (slug.Length == 0) errors.Add(new("Title", "Give the policy a title with letters or numbers in it."));
        else if (Reserved.Contains(slug)) errors.Add(new("Title", "Choose another title: that address is used by the app."));
        else if (await db.Policies.AnyAsync(p => p.Slug == slug, ct))
        {
            errors.Add(kind == PolicyKind.Other
                ? new("Title", "A policy with that title already exists: choose another title.")
                : new("Kind", $"There is already a policy of this kind ({kind.Label().ToLowerInvariant()}): start a new version of it instead."));
        }
        if (errors.Count > 0) return (null, errors);

        var text = templates.Render(kind, await TemplateModelAsync(input.Contacts, ct));
        var policy = new Policy(kind, title, slug, text, Now);
        db.Policies.Add(policy);
        await audit.SaveAsync(db, AuditEvent.For("policy.created", "Policy", policy.Id, $"Policy \"{title}\" created from the template; version 1 is a draft"), ct);
        return (policy.Id, []);
    }

    public Task<List<FieldError>> EditAsync(Guid policyId, string? text, CancellationToken ct = default)
    {
        var value = (text ?? "").ReplaceLineEndings("\n");
        if (string.IsNullOrWhiteSpace(value)) return Task.FromResult<List<FieldError>>([new("Text", "The policy cannot be empty.")]);
        if (value.Length > PolicyVersion.MaxTextLength) return Task.FromResult<List<FieldError>>([new("Text", $"The policy must be {PolicyVersion.MaxTextLength:N0} characters or fewer; it is {value.Length:N0}.")]);
        return ChangeAsync(policyId, policy =>
        {
            var version = policy.Open ?? throw new PolicyRuleException("No version is being worked on. Start a new version to change the policy.");
            var wasWaiting = version.Status == PolicyVersionStatus.AwaitingApproval;
            version.Edit(value, Now);
            return AuditEvent.For("policy.edited", "Policy", policy.Id, $"Version {version.Number} of \"{policy.Title}\" edited" + (wasWaiting ? "; the request for approval is withdrawn" : ""));
        }, ct);
    }

    public async Task<List<FieldError>> RecordConsultationAsync(Guid policyId, ConsultationInput input, string byName, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        if (input.Body is not { } body || !Enum.IsDefined(body)) errors.Add(new("Body", "Choose who was consulted: a trade union, staff representatives, a staff group or another."));
        var name = input.ConsultedName?.Trim();
        if (string.IsNullOrEmpty(name)) errors.Add(new("ConsultedName", "Name who was consulted, for example \"Unite, Harbour Hotel branch\"."));
        else if (name.Length > PolicyConsultation.MaxNameLength) errors.Add(new("ConsultedName", $"Keep this to {PolicyConsultation.MaxNameLength} characters or fewer."));
        var heldOn = EmployeeValidator.ParseDate(input.HeldOn);
        if (heldOn is null) errors.Add(new("HeldOn", "Enter the date of the consultation as a UK date, such as 31/03/2026 or 31 March 2026."));
        else if (heldOn > Today) errors.Add(new("HeldOn", "The consultation date cannot be in the future."));
        var outcome = input.Outcome?.Trim();
        if (string.IsNullOrEmpty(outcome)) errors.Add(new("Outcome", "Say what changed as a result, or that nothing did and why."));
        else if (outcome.Length > PolicyConsultation.MaxOutcomeLength) errors.Add(new("Outcome", $"Keep this to {PolicyConsultation.MaxOutcomeLength:N0} characters or fewer."));
        if (errors.Count > 0) return errors;
        return await ChangeAsync(policyId, policy =>
        {
            var version = policy.Open ?? throw new PolicyRuleException("Consultation is recorded against a version being worked on; start a new version first.");
            db.PolicyConsultations.Add(new PolicyConsultation(policy.Id, version.Id, input.Body!.Value, name!, heldOn!.Value, outcome!, byName, Now));
            return AuditEvent.For("policy.consulted", "Policy", policy.Id, $"Consultation with {name} ({input.Body.Value.Label()}) on {UkDates.Long(heldOn)} recorded for version {version.Number}");
        }, ct);
    }

    public Task<List<FieldError>> SubmitAsync(Guid policyId, string byName, CancellationToken ct = default) =>
        ChangeAsync(policyId, policy =>
        {
            var version = policy.Open ?? throw new PolicyRuleException("No version is being worked on.");
            version.SubmitForApproval(byName, Now);
            return AuditEvent.For("policy.submitted", "Policy", policy.Id, $"Version {version.Number} of \"{policy.Title}\" sent to a director for approval");
        }, ct);

    public Task<List<FieldError>> ApproveAsync(Guid policyId, Guid approverId, string approverName, CancellationToken ct = default) =>
        ChangeAsync(policyId, policy =>
        {
            var version = policy.Open ?? throw new PolicyRuleException("No version is waiting for approval.");
            version.Approve(approverId, approverName, Now);
            return AuditEvent.For("policy.approved", "Policy", policy.Id, $"Version {version.Number} of \"{policy.Title}\" approved by {approverName} (content SHA-256 {version.ContentHash})");
        }, ct);

    public Task<List<FieldError>> ReturnAsync(Guid policyId, string? reason, CancellationToken ct = default)
    {
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text)) return Task.FromResult<List<FieldError>>([new("ReturnReason", "Say what needs to change before you can approve it.")]);
        if (text.Length > 2000) return Task.FromResult<List<FieldError>>([new("ReturnReason", "Keep this to 2,000 characters or fewer.")]);
        return ChangeAsync(policyId, policy =>
        {
            var version = policy.Open ?? throw new PolicyRuleException("No version is waiting for approval.");
            version.Return(text, Now);
            return AuditEvent.For("policy.returned", "Policy", policy.Id, $"Version {version.Number} of \"{policy.Title}\" sent back to draft: {text}");
        }, ct);
    }

    public Task<List<FieldError>> StartNewVersionAsync(Guid policyId, CancellationToken ct = default) =>
        ChangeAsync(policyId, policy =>
        {
            var version = policy.StartNewVersion(Now);
            return AuditEvent.For("policy.version-started", "Policy", policy.Id, $"Version {version.Number} of \"{policy.Title}\" started as a draft");
        }, ct);

    /// <summary>Publishes the approved version; returns the version's id for sending it out (a material change only).</summary>
    /// <summary>How far ahead a publication may be scheduled.</summary>
    public const int MaxScheduleDays = 366;

    public async Task<(PublishOutcome? Outcome, List<FieldError> Errors)> PublishAsync(Guid policyId, PublishInput input, string byName, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var effective = string.IsNullOrWhiteSpace(input.EffectiveOn) ? Today : EmployeeValidator.ParseDate(input.EffectiveOn);
        if (effective is null) errors.Add(new("EffectiveOn", "Enter the effective date as a UK date, such as 31/03/2026 or 31 March 2026."));
        else if (effective > Today.AddDays(MaxScheduleDays)) errors.Add(new("EffectiveOn", $"The effective date can be at most a year ahead ({UkDates.Long(Today.AddDays(MaxScheduleDays))})."));
        if (input.Audience is not { } audience || !Enum.IsDefined(audience)) errors.Add(new("Audience", "Choose who the policy is for."));
        else if (audience == AudienceKind.Sites && (input.AudienceIds.Length == 0 || await db.Sites.CountAsync(s => input.AudienceIds.Contains(s.Id), ct) != input.AudienceIds.Distinct().Count()))
        {
            errors.Add(new("AudienceIds", "Choose at least one site."));
        }
        else if (audience == AudienceKind.Departments && (input.AudienceIds.Length == 0 || await db.Departments.CountAsync(d => input.AudienceIds.Contains(d.Id), ct) != input.AudienceIds.Distinct().Count()))
        {
            errors.Add(new("AudienceIds", "Choose at least one department."));
        }
        if (input.Change is not { } change || !Enum.IsDefined(change)) errors.Add(new("Change", "Say whether this is a material change (everyone reads it again) or a minor one."));
        if (errors.Count > 0) return (null, errors);

        PublishOutcome? outcome = null;
        var result = await ChangeAsync(policyId, policy =>
        {
            var version = policy.Open ?? throw new PolicyRuleException("No version is ready to publish.");
            if (version.Status != PolicyVersionStatus.Approved) throw new PolicyRuleException($"Version {version.Number} has not been approved by a director: it cannot be published yet.");
            var missing = policy.Kind.HasChecklist() ? PolicySections.Missing(version.Text) : [];
            var reason = input.MissingSectionsReason?.Trim();
            if (missing.Length > 0 && (reason is null || reason.Length < MinMissingReasonLength))
            {
                throw new PolicyRuleException($"{missing.Length} required section{(missing.Length == 1 ? " is" : "s are")} missing ({string.Join("; ", missing.Select(PolicySections.TitleOf))}). "
                    + $"Add {(missing.Length == 1 ? "it" : "them")}, or write why the policy is published without {(missing.Length == 1 ? "it" : "them")} (at least {MinMissingReasonLength} characters): the reason is kept as evidence.", "MissingSectionsReason");
            }
            if (reason?.Length > 2000) throw new PolicyRuleException("Keep the reason to 2,000 characters or fewer.", "MissingSectionsReason");
            var publication = new PolicyPublication(effective!.Value, input.Audience!.Value, input.AudienceIds, input.Change!.Value, missing, reason, byName);
            if (publication.EffectiveOn > Today)
            {
                policy.Schedule(version.Id, publication, Now);
                outcome = new(version.Id, true, publication.EffectiveOn);
                return AuditEvent.For("policy.scheduled", "Policy", policy.Id,
                    $"Version {version.Number} of \"{policy.Title}\" scheduled to be published on {UkDates.Long(publication.EffectiveOn)}: {Describe(publication)}; SHA-256 {version.ContentHash}");
            }
            outcome = new(version.Id, false, publication.EffectiveOn);
            return Published(policy, version, publication, "published");
        }, ct);
        return result.Count > 0 ? (null, result) : (outcome, []);
    }

    /// <summary>Publishes each version whose scheduled day has come (the policy job runs this first, every morning).</summary>
    public async Task<int> PublishDueAsync(CancellationToken ct = default)
    {
        var today = Today;
        var due = await db.PolicyVersions.AsNoTracking()
            .Where(v => v.Status == PolicyVersionStatus.Approved && v.ScheduledAtUtc != null && v.EffectiveOn <= today).Select(v => v.PolicyId).ToListAsync(ct);
        var published = 0;
        foreach (var policyId in due)
        {
            var errors = await ChangeAsync(policyId, policy =>
            {
                var version = policy.DueToPublish(today) ?? throw new PolicyRuleException("Its scheduled publication was cancelled.");
                return Published(policy, version, version.ScheduledPublication!, "published as scheduled");
            }, ct);
            if (errors.Count == 0) published++;
        }
        return published;
    }

    public Task<List<FieldError>> CancelScheduleAsync(Guid policyId, CancellationToken ct = default) =>
        ChangeAsync(policyId, policy =>
        {
            var version = policy.CancelSchedule();
            return AuditEvent.For("policy.schedule-cancelled", "Policy", policy.Id,
                $"Scheduled publication of version {version.Number} of \"{policy.Title}\" on {UkDates.Long(version.EffectiveOn)} cancelled; the version stays approved");
        }, ct);

    private AuditEvent Published(Policy policy, PolicyVersion version, PolicyPublication publication, string how)
    {
        var nextReview = publication.EffectiveOn.AddMonths(options.Value.ReviewIntervalMonths);
        policy.Publish(version.Id, publication, Now, nextReview);
        return AuditEvent.For("policy.published", "Policy", policy.Id,
            $"Version {version.Number} of \"{policy.Title}\" {how}, in force from {UkDates.Long(publication.EffectiveOn)}, {Describe(publication)}"
            + $"; SHA-256 {version.ContentHash}; next review by {UkDates.Long(nextReview)}");
    }

    private static string Describe(PolicyPublication p) =>
        $"for {p.Audience.Label().ToLowerInvariant()}, "
        + (p.Change == PolicyChange.Material ? "a material change: everyone in scope is asked to acknowledge it" : "a minor change: acknowledgements of the version before still count")
        + (p.MissingSections.Length > 0 ? $"; published without {string.Join(", ", p.MissingSections)} because: {p.MissingSectionsReason}" : "");

    public Task<Policy?> LoadAsync(Guid policyId, CancellationToken ct = default) =>
        db.Policies.Include(p => p.Versions).SingleOrDefaultAsync(p => p.Id == policyId, ct);

    /// <summary>One change to one policy, under its row lock, saved with its audit entry; a refused change saves nothing.</summary>
    private async Task<List<FieldError>> ChangeAsync(Guid policyId, Func<Policy, AuditEvent> change, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Dialect.LockRowsAsync(db, $"SELECT 1 FROM policies WHERE id = {policyId}", ct);
        var policy = await LoadAsync(policyId, ct);
        if (policy is null) return [new("", "That policy no longer exists.")];
        try
        {
            await audit.SaveAsync(db, change(policy), ct);
            await tx.CommitAsync(ct);
            return [];
        }
        catch (PolicyRuleException ex)
        {
            db.ChangeTracker.Clear();
            return [new(ex.Field, ex.Message)];
        }
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    public static string SlugOf(string title)
    {
        var slug = NotSlug().Replace(title.ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 80 ? slug[..80].Trim('-') : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
