using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Organisation;
using Compliance.Core.Policies;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Demo;

/// <summary>
/// The anti-sexual-harassment policy as a newcomer should find it: version 1 published fourteen months ago and
/// superseded; version 2 consulted on with the union, approved by the director and published two months ago as a
/// material change to everyone; about 80% of the people it is for have acknowledged it, fewer at two sites.
/// </summary>
internal static class DemoPolicies
{
    public sealed record People(Guid DirectorId, string DirectorName, string HrName);

    /// <summary>The share of people at each site who have acknowledged; a site not named here has 85%.</summary>
    private static readonly Dictionary<string, double> Acknowledged = new()
    {
        ["London Bridge Hotel"] = 0.9,
        ["Manchester Piccadilly Hotel"] = 0.86,
        ["Cardiff Bay Hotel"] = 0.84,
        ["Glasgow Central Hotel"] = 0.58,
        ["Bristol Harbourside Hotel"] = 0.88,
        ["Belfast City Hotel"] = 0.52,
        ["Head Office"] = 0.97,
    };

    public static async Task AddAsync(ComplianceDbContext db, PolicyTemplates templates, PolicyTemplateModel model, IReadOnlyList<Site> sites, People people,
        DateTime nowUtc, List<AuditEvent> events, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(UkCalendar.ToUk(nowUtc));
        var firstOn = today.AddMonths(-14);
        var secondOn = today.AddMonths(-2);
        var first = UkCalendar.StartOfDayUtc(firstOn).AddHours(10);
        var second = UkCalendar.StartOfDayUtc(secondOn).AddHours(10);

        var text = templates.Render(PolicyKind.SexualHarassment, model with { ReviewBy = firstOn.AddMonths(12) });
        var policy = new Policy(PolicyKind.SexualHarassment, templates.Title(PolicyKind.SexualHarassment), PolicyKind.SexualHarassment.Slug()!, text, first.AddDays(-20));
        var v1 = policy.Versions[0];
        v1.SubmitForApproval(people.HrName, first.AddDays(-10));
        v1.Approve(people.DirectorId, people.DirectorName, first.AddDays(-7));
        policy.Publish(v1.Id, new PolicyPublication(firstOn, AudienceKind.Everyone, [], PolicyChange.Material, [], null, people.HrName), first, firstOn.AddMonths(12));

        var v2 = policy.StartNewVersion(second.AddDays(-30));
        var revised = templates.Render(PolicyKind.SexualHarassment, model with { ReviewBy = secondOn.AddMonths(12) });
        var firstSection = revised.IndexOf("\n## ", StringComparison.Ordinal);
        v2.Edit(revised.Insert(firstSection, "\n\nThis version adds a named contact at every site, agreed with the union."), second.AddDays(-30));
        var consultation = new PolicyConsultation(policy.Id, v2.Id, ConsultationBody.Union, "Unite the Union, hospitality branch", secondOn.AddDays(-21),
            "Asked for a named contact at every site who is not a line manager; added to the reporting section.", people.HrName, second.AddDays(-21));
        v2.SubmitForApproval(people.HrName, second.AddDays(-14));
        v2.Approve(people.DirectorId, people.DirectorName, second.AddDays(-10));
        policy.Publish(v2.Id, new PolicyPublication(secondOn, AudienceKind.Everyone, [], PolicyChange.Material, [], null, people.HrName), second, secondOn.AddMonths(12));
        db.Policies.Add(policy);
        db.PolicyConsultations.Add(consultation);
        await db.SaveChangesAsync(ct);
        events.Add(AuditEvent.For("policy.published", "Policy", policy.Id,
            $"Demo policy \"{policy.Title}\": version 1 from {UkDates.Long(firstOn)}, version 2 (consulted, approved) from {UkDates.Long(secondOn)}; SHA-256 {v2.ContentHash}"));

        // Everyone in the directory today who had started by the publication was asked then; most have acknowledged.
        var siteNames = sites.ToDictionary(s => s.Id, s => s.Name);
        var staff = await PolicyDistribution.InScope(db, v2, today).AsNoTracking()
            .Select(e => new { e.Id, e.SiteId, e.StartDate, HasEmail = e.WorkEmail != null }).ToListAsync(ct);
        var random = new Random(20251001);
        var recipients = new List<PolicyRecipient>();
        var acknowledgements = new List<PolicyAcknowledgement>();
        foreach (var person in staff)
        {
            var asked = person.StartDate is { } start && start > secondOn ? start : secondOn;
            var recipient = new PolicyRecipient(policy.Id, v2.AcknowledgementRound, person.Id, asked, UkCalendar.StartOfDayUtc(asked).AddHours(7));
            if (person.HasEmail) recipient.Sent(asked);
            if (random.NextDouble() < Acknowledged.GetValueOrDefault(siteNames[person.SiteId], 0.85))
            {
                var span = Math.Max(1, today.DayNumber - asked.DayNumber);
                var at = UkCalendar.StartOfDayUtc(asked).AddHours(7).AddMinutes(random.Next(0, span * 24 * 60));
                if (at > nowUtc) at = nowUtc;
                recipient.Acknowledged(at);
                acknowledgements.Add(new PolicyAcknowledgement(policy.Id, v2.AcknowledgementRound, v2.Id, v2.Number, v2.ContentHash!, person.Id, at));
            }
            recipients.Add(recipient);
        }
        await db.Dialect.InsertNewAsync(db, recipients, ct);
        await db.Dialect.InsertNewAsync(db, acknowledgements, ct);
        events.Add(AuditEvent.For("policy.sent", "Policy", policy.Id,
            $"Demo acknowledgements of version 2 of \"{policy.Title}\": {acknowledgements.Count:N0} of {staff.Count:N0} people it is for"));
    }
}
