using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Demo;

/// <summary>
/// The demo's monitoring: a board review ten months ago with the actions it agreed, an action a closed case asked
/// for, one added by hand and now overdue, and the year's trend worked out from all the demo's evidence.
/// </summary>
internal static class DemoPosition
{
    public sealed record Director(Guid Id, string Name);

    public static async Task AddAsync(ComplianceDbContext db, StepEvidence evidence, PositionTrend trend, Director director, string hrName,
        DateTime nowUtc, List<AuditEvent> events, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(UkCalendar.ToUk(nowUtc));
        var reviewedOn = today.AddMonths(-10);
        var signedAt = UkCalendar.StartOfDayUtc(reviewedOn).AddHours(16);
        var signOffId = RecordId.New();
        var agreed = new PlanAction(ReasonableStep.Training, "Put managers through the new course on responding to a report", "Head of Learning",
            reviewedOn.AddMonths(4), PlanSource.BoardSignOff, signOffId, director.Name, signedAt);
        // The evidence kept with it: the learning system's report of the managers who passed.
        var passed = System.Text.Encoding.UTF8.GetBytes("course,managers,passed,report_date\nResponding to a report,25,20," + reviewedOn.AddMonths(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "\n");
        agreed.Complete(reviewedOn.AddMonths(3), "Course launched; 80% of managers passed within the quarter.", "/training",
            ("managers-course-report.csv", passed, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(passed))));
        var survey = new PlanAction(ReasonableStep.EngagingStaff, "Run a staff survey on harassment and publish what it found", "Head of People",
            today.AddMonths(1), PlanSource.BoardSignOff, signOffId, director.Name, signedAt);
        var notices = new PlanAction(ReasonableStep.Reporting, "Put the reporting page's address on the staff-room notice at every site", hrName,
            today.AddDays(-20), PlanSource.Manual, null, hrName, nowUtc.AddMonths(-2));
        db.PlanActions.AddRange(agreed, survey, notices);
        // Staff were briefed; no survey yet (the board asked for one). The policy's union consultation also counts.
        db.EngagementActivities.Add(new EngagementActivity(EngagementKind.Briefing, today.AddMonths(-5), "Team briefings on the reporting page", "All staff, at each site's monthly meeting",
            db.Employees.Local.Count * 4 / 5, "Most staff had not known they could report anonymously. Posters with the address to go in every staff room.", null, hrName, nowUtc.AddMonths(-5)));
        foreach (var closed in db.ReportCases.Local.Where(c => c.ClosedOn is not null && c.RiskAssessmentChangeNeeded == true).ToList())
        {
            var site = db.Sites.Local.Single(s => s.Id == closed.SiteId).Name;
            var review = ActionPlan.FromCaseClosure(ReasonableStep.RiskAssessment, $"Review the risk assessment for {site}: a case closed on {UkDates.Long(closed.ClosedOn!.Value)} asked for a change.",
                closed.ClosedOn.Value.AddDays(30), closed.Id, UkCalendar.StartOfDayUtc(closed.ClosedOn.Value).AddHours(12));
            review.Complete(closed.ClosedOn.Value.AddDays(26), "Loading-bay supervision added to the assessment; approved.", "/risk", null);
            db.PlanActions.Add(review);
        }
        await db.SaveChangesAsync(ct);

        // The scores of the meeting day, worked out from the demo's evidence with the review among it, as a real sign-off's are.
        var signOff = new BoardSignOff(signOffId, reviewedOn, "Board", "Chair; chief executive; finance director; HR director; two non-executive directors",
            "Agreed the action plan below. Managers' training to be refreshed this year; a staff survey before the next review.",
            "[]", director.Id, director.Name, signedAt);
        db.BoardSignOffs.Add(signOff);
        await db.SaveChangesAsync(ct);
        signOff.Keep(await evidence.ScoresOnAsync(reviewedOn, ct));
        await db.SaveChangesAsync(ct);
        events.Add(AuditEvent.For("position.signed-off", "BoardSignOff", signOffId, $"Demo board review of the position on {UkDates.Long(reviewedOn)}, signed off by {director.Name}"));
        events.Add(new AuditEvent("plan.demo-added", "PlanAction", null, $"{await db.PlanActions.CountAsync(ct)} demo actions in the action plan"));
        await trend.RecordDueAsync(ct);
    }
}
