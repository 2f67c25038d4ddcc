using Compliance.Core.Data;
using Compliance.Core.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Policies;

public enum LinkState
{
    /// <summary>Forged, expired, or the person has left: one plain message, no detail.</summary>
    NotValid = 1,
    Open = 2,
    AlreadyAcknowledged = 3,
}

/// <summary>What a personal link opens: the version in force of its policy (the current one, even if the link was sent for an earlier one).</summary>
public sealed record LinkView(LinkState State, Guid? PolicyId, string? PolicyTitle, string? OrganisationName, PolicyVersion? Version, DateTime? AcknowledgedAtUtc)
{
    public static readonly LinkView NotValid = new(LinkState.NotValid, null, null, null, null, null);
}

public enum AcknowledgeOutcome
{
    NotValid = 1,
    Recorded = 2,
    AlreadyRecorded = 3,

    /// <summary>The version on the page is no longer in force: nothing is recorded, and the current one is shown.</summary>
    Superseded = 4,
}

/// <summary>
/// A person without an account opens their link and confirms they have read the policy. The record keeps who,
/// which version and its hash, and when: nothing about their device. Acknowledging twice records once.
/// </summary>
public sealed class PolicyAcknowledging(ComplianceDbContext db, TimeProvider clock, IOptions<PolicyOptions> options)
{
    private sealed record Found(PolicyRecipient Recipient, Policy Policy);

    public async Task<LinkView> OpenAsync(string? secret, CancellationToken ct = default)
    {
        var found = await FindAsync(secret, ct);
        if (found is null) return LinkView.NotValid;
        var organisation = await db.Organisations.NameAsync(ct) ?? "";
        var version = found.Policy.InForce!;
        var acknowledged = await db.PolicyAcknowledgements.AsNoTracking()
            .Where(a => a.PolicyId == found.Policy.Id && a.Round == version.AcknowledgementRound && a.EmployeeId == found.Recipient.EmployeeId)
            .Select(a => (DateTime?)a.AcknowledgedAtUtc).FirstOrDefaultAsync(ct);
        return new LinkView(acknowledged is null ? LinkState.Open : LinkState.AlreadyAcknowledged, found.Policy.Id, found.Policy.Title, organisation, version, acknowledged);
    }

    public async Task<AcknowledgeOutcome> AcknowledgeAsync(string? secret, Guid versionId, CancellationToken ct = default)
    {
        var found = await FindAsync(secret, ct);
        if (found is null) return AcknowledgeOutcome.NotValid;
        var version = found.Policy.InForce!;
        if (version.Id != versionId) return AcknowledgeOutcome.Superseded;
        var employeeId = found.Recipient.EmployeeId;
        var round = version.AcknowledgementRound;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Dialect.LockRowsAsync(db, $"SELECT 1 FROM policies WHERE id = {found.Policy.Id}", ct);
        if (await db.PolicyAcknowledgements.AnyAsync(a => a.PolicyId == found.Policy.Id && a.Round == round && a.EmployeeId == employeeId, ct))
        {
            return AcknowledgeOutcome.AlreadyRecorded;
        }
        db.PolicyAcknowledgements.Add(new PolicyAcknowledgement(found.Policy.Id, round, version.Id, version.Number, version.ContentHash!, employeeId, now));
        // The request of this round (the link may be from an earlier round: a new request is made for the current one).
        var request = await db.PolicyRecipients.SingleOrDefaultAsync(r => r.PolicyId == found.Policy.Id && r.Round == round && r.EmployeeId == employeeId, ct);
        if (request is null)
        {
            request = new PolicyRecipient(found.Policy.Id, round, employeeId, UkCalendar.Today(clock), now);
            db.PolicyRecipients.Add(request);
        }
        request.Acknowledged(now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return AcknowledgeOutcome.Recorded;
    }

    /// <summary>The link's request and policy, or null when the link is unknown, expired, its person has left, or nothing is in force.</summary>
    private async Task<Found?> FindAsync(string? secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100) return null;
        var hash = PolicyDistribution.HashOf(secret);
        var link = await db.PolicyLinks.AsNoTracking().Where(l => l.SecretHash == hash).Select(l => new { l.RecipientId, l.CreatedAtUtc }).FirstOrDefaultAsync(ct);
        if (link is null) return null;
        if (options.Value.LinkValidDays > 0 && link.CreatedAtUtc.AddDays(options.Value.LinkValidDays) < clock.GetUtcNow().UtcDateTime) return null;
        var recipient = await db.PolicyRecipients.AsNoTracking().SingleAsync(r => r.Id == link.RecipientId, ct);
        var today = UkCalendar.Today(clock);
        var employee = await db.Employees.AsNoTracking().Where(e => e.Id == recipient.EmployeeId).Select(e => new { e.LeavingDate }).SingleAsync(ct);
        if (employee.LeavingDate is { } left && left <= today) return null;
        var policy = await db.Policies.AsNoTracking().Include(p => p.Versions).SingleAsync(p => p.Id == recipient.PolicyId, ct);
        return policy.InForce is null ? null : new Found(recipient, policy);
    }
}
