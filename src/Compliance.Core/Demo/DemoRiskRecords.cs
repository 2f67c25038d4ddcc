using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Organisation;
using Compliance.Core.RiskAssessments;
using Compliance.Core.ThirdParty;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Demo;

/// <summary>
/// Risk assessments in the states a newcomer should see (approved, overdue for review, under review, draft)
/// with actions done, due and overdue, and third-party incidents that flagged assessments for review.
/// </summary>
internal static class DemoRiskRecords
{
    public sealed record People(Guid DirectorId, string DirectorName, Guid ManagerId, string ManagerName);

    public static async Task AddAsync(ComplianceDbContext db, IReadOnlyList<Site> sites, People people, DateTime nowUtc, List<AuditEvent> events, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(UkCalendar.ToUk(nowUtc));
        Site At(string name) => sites.Single(s => s.Name == name);

        // Approved three months ago: current.
        var london = Draft(db, "London Bridge Hotel", At("London Bridge Hotel"), nowUtc.AddMonths(-3),
        [
            ("CUSTOMER", "Reception and bar staff", 4, 3, "Customer notice at reception; duty manager on every shift"),
            ("ALCOHOL", "Bar and events staff", 4, 4, "Door staff on Friday and Saturday nights; refusal-of-service policy"),
            ("LONE", "Room attendants and night porters", 3, 4, "Two-person rule for guest rooms after 10pm"),
            ("NIGHT", "Night porters", 3, 3, "Radio check-ins every hour"),
            ("POWER", "Junior and agency staff", 2, 4, "Speak-up line; manager training"),
            ("BANTER", "", 0, 0, ""),
        ]);
        // Approved fourteen months ago: the review is overdue.
        var manchester = Draft(db, "Manchester Piccadilly Hotel", At("Manchester Piccadilly Hotel"), nowUtc.AddMonths(-14),
        [
            ("CUSTOMER", "Front of house", 3, 3, "Customer notice"),
            ("TRAVEL", "Sales team on overnight stays", 2, 3, "Travel policy; separate rooms"),
            ("SOCIAL", "All staff at the summer party", 3, 3, "Two managers stay sober at staff events"),
        ]);
        // Approved, then a review started: revision 2 is a draft.
        var glasgow = Draft(db, "Glasgow Central Hotel", At("Glasgow Central Hotel"), nowUtc.AddMonths(-11),
        [
            ("CUSTOMER", "Reception", 3, 3, "Customer notice"),
            ("INSECURE", "Staff on zero-hours contracts", 3, 4, "Reporting route that does not go through the shift manager"),
        ]);

        // A role's own assessment, approved five months ago: the night porters, across the hotels.
        var porters = Draft(db, "Night porters", null, nowUtc.AddMonths(-5),
        [
            ("LONE", "Night porters on their own at the front desk", 3, 3, "Hourly radio check-ins with security; panic button at the desk"),
            ("NIGHT", "Night porters", 2, 3, "Duty manager on call; taxi home after the shift"),
        ], AssessmentScope.Role, "Night porters, all hotels");

        // Approval needs every factor in the library considered: the rest were judged not relevant at these sites,
        // and each High risk has its action (added below).
        var library = db.RiskFactors.Local.Count > 0 ? db.RiskFactors.Local.ToDictionary(f => f.Code, f => f.Title)
            : await db.RiskFactors.AsNoTracking().ToDictionaryAsync(f => f.Code, f => f.Title, ct);
        foreach (var a in new[] { london, manchester, glasgow, porters })
        {
            foreach (var code in library.Keys.Where(c => a.Draft.Ratings.All(r => r.FactorCode != c)))
            {
                a.Draft.Rate(code, false, null, null, null, null, "Considered at the annual review: not relevant at this hotel.");
            }
        }
        ApprovalScope Scope(params string[] withActions) => new(library, withActions.ToHashSet());

        // The database takes ratings only while a revision is a draft, so the drafts are saved before approval.
        await db.SaveChangesAsync(ct);
        london.Approve(people.DirectorId, people.DirectorName, nowUtc.AddMonths(-3), today.AddMonths(9), Scope("ALCOHOL", "LONE", "CUSTOMER"));
        manchester.Approve(people.DirectorId, people.DirectorName, nowUtc.AddMonths(-14), today.AddMonths(-2), Scope("SOCIAL"));
        porters.Approve(people.DirectorId, people.DirectorName, nowUtc.AddMonths(-5), today.AddMonths(7), Scope("LONE"));
        glasgow.Approve(people.DirectorId, people.DirectorName, nowUtc.AddMonths(-11), today.AddMonths(1), Scope("INSECURE"));
        glasgow.StartReview(nowUtc.AddDays(-3)).Rate("INSECURE", true, "Staff on zero-hours contracts and agency staff", 3, 4, "Independent reporting route");

        Action(db, london, "ALCOHOL", "Train all bar staff in handling harassment by customers", "Bar manager", today.AddDays(-40), done: today.AddDays(-45), note: "All 14 bar staff trained; register kept");
        Action(db, london, "LONE", "Issue personal alarms to room attendants", "Head of housekeeping", today.AddDays(-10));
        Action(db, london, "CUSTOMER", "Put the customer notice up at reception and in the bar", "Front office manager", today.AddDays(21));

        Action(db, manchester, "SOCIAL", "Agree the rules for the staff party with the events team", "General manager", today.AddDays(-90));
        Action(db, porters, "LONE", "Fit a panic button at every front desk", "Facilities manager", today.AddDays(-60), done: today.AddDays(-70), note: "Fitted at all six hotels; tested monthly");
        Action(db, glasgow, "INSECURE", "Set up a reporting route outside the shift manager for agency staff", "HR business partner", today.AddDays(-200), done: today.AddDays(-210), note: "Route set up with the agency; posters in the staff room");

        // Drafts: a site and an event.
        var cardiff = new RiskAssessment("Cardiff Bay Hotel", AssessmentScope.Site, At("Cardiff Bay Hotel").Id, null, null, nowUtc.AddDays(-6));
        cardiff.Draft.Rate("CUSTOMER", true, "Reception and restaurant staff", 3, 3, "Duty manager on every shift");
        cardiff.Draft.Rate("LONE", true, "Room attendants", 3, 4, null);
        db.RiskAssessments.Add(cardiff);
        var party = new RiskAssessment("Christmas party 2026", AssessmentScope.Event, null, null, "Christmas party 2026, London", nowUtc.AddDays(-2));
        party.Draft.Rate("ALCOHOL", true, "Everyone attending", 4, 4, "Drinks tokens; two named sober managers");
        db.RiskAssessments.Add(party);

        foreach (var a in new[] { london, manchester, glasgow, porters, cardiff, party })
        {
            events.Add(AuditEvent.For("risk-assessment.started", "RiskAssessment", a.Id, $"Demo risk assessment \"{a.Title}\""));
        }

        Incident(db, london, At("London Bridge Hotel"), people, today.AddDays(-12), ThirdPartyType.Customer, true,
            "A guest made repeated sexual comments to a receptionist and asked for her phone number.", IncidentResponse.Warning | IncidentResponse.SupportOffered, nowUtc, events);
        Incident(db, london, At("London Bridge Hotel"), people, today.AddDays(-5), ThirdPartyType.Customer, true,
            "A customer touched a waiter's back and made a sexual remark at the bar.", IncidentResponse.Ban | IncidentResponse.SupportOffered, nowUtc, events);
        // An older one, after which London's assessment was reviewed and approved again within the month.
        Incident(db, london, At("London Bridge Hotel"), people, today.AddDays(-100), ThirdPartyType.Customer, true,
            "A wedding guest followed a waitress into the service corridor and made sexual remarks.", IncidentResponse.Ban | IncidentResponse.SupportOffered, nowUtc, events);
        Incident(db, manchester, At("Manchester Piccadilly Hotel"), people, today.AddDays(-30), ThirdPartyType.Contractor, false,
            "A contractor's engineer made demeaning remarks to housekeeping staff.", IncidentResponse.ContractAction, nowUtc, events);
        Incident(db, null, At("Bristol Harbourside Hotel"), people, today.AddDays(-2), ThirdPartyType.MemberOfPublic, true,
            "A passer-by shouted sexual comments at staff on a smoking break.", IncidentResponse.NoneYet, nowUtc, events);
    }

    private static RiskAssessment Draft(ComplianceDbContext db, string title, Site? site, DateTime approvedAtUtc,
        (string Code, string Who, int Likelihood, int Severity, string Controls)[] ratings, AssessmentScope scope = AssessmentScope.Site, string? described = null)
    {
        var assessment = new RiskAssessment(title, scope, site?.Id, null, described, approvedAtUtc.AddDays(-14));
        foreach (var r in ratings)
        {
            var applies = r.Likelihood > 0;
            assessment.Draft.Rate(r.Code, applies, r.Who, applies ? r.Likelihood : null, applies ? r.Severity : null, r.Controls,
                applies ? null : "Managers challenge it every time; staff surveys show no such culture here.");
        }
        db.RiskAssessments.Add(assessment);
        return assessment;
    }

    private static void Action(ComplianceDbContext db, RiskAssessment assessment, string code, string description, string owner, DateOnly due, DateOnly? done = null, string? note = null)
    {
        var action = new RiskAction(assessment.Id, assessment.Current.Number, code, description, owner, due, assessment.CreatedAtUtc);
        if (done is { } on) action.Complete(on, note, on);
        db.RiskActions.Add(action);
    }

    private static void Incident(ComplianceDbContext db, RiskAssessment? covering, Site site, People people, DateOnly on, ThirdPartyType type, bool sexual,
        string description, IncidentResponse responses, DateTime nowUtc, List<AuditEvent> events)
    {
        var loggedAt = nowUtc.AddDays(on.DayNumber - DateOnly.FromDateTime(nowUtc).DayNumber);
        var incident = new ThirdPartyIncident(on, site.Id, type, description, sexual, null, responses,
            responses == IncidentResponse.NoneYet ? null : "Duty manager", people.ManagerId, people.ManagerName, loggedAt);
        if (covering is not null)
        {
            covering.FlagForReview($"{type.Label()} incident on {UkDates.Long(on)}", loggedAt);
            incident.LinkTo(covering.Id);
        }
        db.ThirdPartyIncidents.Add(incident);
        events.Add(AuditEvent.For("third-party-incident.logged", "ThirdPartyIncident", incident.Id, $"Demo {type.Label().ToLowerInvariant()} incident at \"{site.Name}\""));
    }
}
