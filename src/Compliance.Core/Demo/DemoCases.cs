using Compliance.Core.Auditing;
using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.Organisation;

namespace Compliance.Core.Demo;

/// <summary>
/// Demo cases at every stage, assigned to the demo case handler (two waiting for one), so that a newcomer sees a
/// queue with deadlines met and missed, and a case's whole history. The words are synthetic and sealed like
/// real ones.
/// </summary>
internal static class DemoCases
{
    public sealed record Handler(Guid Id, string Name);

    private sealed record Demo(CaseState Stage, int DaysAgo, int SiteIndex, InvolvedParties Involved, bool Unsafe, string What);

    private static readonly Demo[] Cases =
    [
        new(CaseState.Received, 1, 0, InvolvedParties.Colleague, true, "A colleague on the late shift keeps standing too close and commenting on my clothes."),
        new(CaseState.Received, 10, 1, InvolvedParties.ThirdParty, false, "A regular guest at the bar made sexual remarks to me on three evenings."),
        new(CaseState.Acknowledged, 4, 2, InvolvedParties.Manager, false, "My manager sends messages late at night asking to meet outside work."),
        new(CaseState.Triaged, 12, 3, InvolvedParties.Colleague, false, "I saw a chef touch a kitchen porter repeatedly although she pulled away."),
        new(CaseState.InformalResolution, 30, 4, InvolvedParties.Colleague, false, "Jokes of a sexual kind in the staff room that make several of us uncomfortable."),
        new(CaseState.Investigation, 45, 0, InvolvedParties.Manager, true, "A duty manager cornered me in the linen store and tried to kiss me."),
        new(CaseState.OutcomeRecorded, 70, 1, InvolvedParties.ThirdParty, false, "A contractor fitting the lifts kept asking me out after I said no."),
        new(CaseState.Appealed, 95, 2, InvolvedParties.Colleague, false, "Explicit images were shared in the team group chat."),
        new(CaseState.Closed, 120, 6, InvolvedParties.Colleague, false, "Comments about my appearance during a sales conference dinner."),
        new(CaseState.Closed, 300, 3, InvolvedParties.ThirdParty, false, "A supplier's driver grabbed my arm and made a sexual comment at the loading bay."),
    ];

    public static void Add(ComplianceDbContext db, CaseKeyring keyring, IReadOnlyList<Site> sites, Handler handler, DateTime nowUtc, DateOnly today,
        CaseOptions options, List<AuditEvent> events)
    {
        foreach (var d in Cases)
        {
            var received = today.AddDays(-d.DaysAgo);
            var (key, wrapped) = keyring.NewDataKey();
            var c = new ReportCase(CaseSecrets.NewReference(), CaseSecrets.Hash(CaseSecrets.Normalise(CaseSecrets.NewKey())), wrapped,
                d.DaysAgo % 3 == 0 ? ReportingMode.Confidential : ReportingMode.Anonymous, d.DaysAgo % 4 == 0 ? ReporterRole.Witness : ReporterRole.PersonAffected,
                IncidentPlace.AtSite, sites[d.SiteIndex % sites.Count].Id, d.Involved, Answer.Yes, d.Unsafe, received,
                received >= options.ProtectedDisclosuresFrom ? CaseFlags.PossibleProtectedDisclosure : CaseFlags.None);
            db.ReportCases.Add(c);
            var seal = new CaseSeal(c.Id, key);
            void Entry(EntryKind kind, DateOnly on, bool reporter, bool visible, params EntrySection[] sections)
            {
                var e = new CaseEntry(c.Id, kind, reporter, visible, on, reporter ? null : nowUtc.AddDays(on.DayNumber - today.DayNumber), reporter ? null : handler.Id, reporter ? null : handler.Name);
                seal.Write(e, sections);
                db.CaseEntries.Add(e);
            }
            Entry(EntryKind.Report, received, true, true, new EntrySection("What happened", d.What), new EntrySection("What they would like to happen", "For it to stop."));
            if (d.Stage == CaseState.Received)
            {
                continue;
            }
            db.CaseAssignments.Add(new CaseAssignment(c.Id, handler.Id, nowUtc.AddDays(-d.DaysAgo + 1), handler.Name));
            var step = received.AddDays(Math.Min(2, d.DaysAgo));
            c.Acknowledge(step);
            Entry(EntryKind.Acknowledgement, step, false, true, new EntrySection("Message", "Thank you for your report. We will write to you here with what happens next."));
            if (d.Stage == CaseState.Acknowledged) continue;
            step = step.AddDays(2);
            c.Triage(step, d.Unsafe ? Urgency.Urgent : Urgency.Prompt, d.Unsafe ? VictimisationRisk.High : VictimisationRisk.Medium, c.Flags);
            Entry(EntryKind.Triage, step, false, false, new EntrySection("Interim measures to protect the reporter", d.Unsafe ? "Shifts changed so that they do not work together." : "None needed for now."));
            if (d.Stage == CaseState.Triaged) continue;
            c.ChooseRoute(d.Stage == CaseState.InformalResolution ? CaseRoute.Informal : CaseRoute.FormalInvestigation);
            Entry(EntryKind.Meeting, step.AddDays(3), false, false, new EntrySection("Record", "Met the reporter, who was accompanied by a union representative."));
            Entry(EntryKind.ReporterMessage, step.AddDays(4), true, true, new EntrySection("Message", "Thank you for meeting me. There is one more thing I remembered."));
            if (d.Stage is CaseState.InformalResolution or CaseState.Investigation) continue;
            step = step.AddDays(20);
            c.RecordOutcome(step, d.Stage == CaseState.Appealed ? CaseOutcome.NotUpheld : CaseOutcome.Upheld);
            Entry(EntryKind.Outcome, step, false, false, new EntrySection("Reasons", "Witness statements supported the report."), new EntrySection("Actions taken", "Final written warning; training for the team."));
            c.MessageSent(step, EntryKind.HandlerMessage, givesFeedback: true);
            Entry(EntryKind.HandlerMessage, step, false, true, new EntrySection("Message", "We have finished looking into your report and have taken action. Thank you for telling us."));
            if (d.Stage == CaseState.OutcomeRecorded) continue;
            if (d.Stage == CaseState.Appealed)
            {
                c.LodgeAppeal(step.AddDays(5));
                Entry(EntryKind.Appeal, step.AddDays(5), false, false, new EntrySection("Grounds of appeal", "The reporter believes the evidence was not fully considered."));
                continue;
            }
            c.Close(step.AddDays(7), options.CheckInMonthsAfterClosure, riskAssessmentChangeNeeded: d.Involved == InvolvedParties.ThirdParty, policyChangeNeeded: false);
            Entry(EntryKind.Closure, step.AddDays(7), false, false, new EntrySection("Note", "Closed after feedback was given."));
            foreach (var due in c.CheckInDates.Where(x => x <= today))
            {
                c.MessageSent(due, EntryKind.CheckIn, givesFeedback: false);
                Entry(EntryKind.CheckIn, due, false, true, new EntrySection("Message", "Since your case closed, has anyone treated you badly because you reported?"));
            }
        }
        events.Add(new AuditEvent("cases.demo-added", "Case", null, $"{Cases.Length} demo cases added, at every stage"));
    }
}
