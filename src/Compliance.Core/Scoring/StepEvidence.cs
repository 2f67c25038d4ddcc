using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.Organisation;
using Compliance.Core.Policies;
using Compliance.Core.RiskAssessments;
using Compliance.Core.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Scoring;

/// <summary>
/// The facts each step's rule reads, as they stood on any day, from dated records only (publication and effective
/// dates, acknowledgement times, approvals, action due and completion dates, training completions), never from
/// what a record says today, and never from a case's content.
/// </summary>
public sealed class StepEvidence(ComplianceDbContext db, IOptions<PolicyOptions> policies, IOptions<RiskAssessmentOptions> risk, IOptions<TrainingOptions> training,
    IOptions<CaseOptions> cases, ScoringSettings scoring)
{
    /// <summary>The database the evidence is read from (for a cache of today's scores to know which writes matter).</summary>
    internal Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database => db.Database;

    /// <summary>The score rules' settings as they stood on the day.</summary>
    public Task<ScoringOptions> ScoringOptionsOnAsync(DateOnly day, CancellationToken ct = default) => scoring.OnAsync(day, ct);

    /// <summary>The steps scored from evidence so far, on one day.</summary>
    public async Task<List<StepScore>> ScoresOnAsync(DateOnly day, CancellationToken ct = default)
    {
        var o = await scoring.OnAsync(day, ct);
        return
        [
            StepRules.Policy(await PolicyOnAsync(day, ct), o),
            StepRules.Engagement(await EngagementOnAsync(day, ct), o),
            StepRules.RiskAssessment(await RiskOnAsync(day, ct), o),
            StepRules.Reporting(await ReportingOnAsync(day, ct), o),
            StepRules.Training(await TrainingOnAsync(day, ct), o),
            StepRules.Complaints(await ComplaintsOnAsync(day, ct), o),
            StepRules.ThirdParties(await ThirdPartiesOnAsync(day, ct), o),
            StepRules.Monitoring(await MonitoringOnAsync(day, ct), o),
        ];
    }

    /// <summary>The anti-harassment policy version in force on the day: published by then, effective by then, the latest such.</summary>
    private Task<PolicyVersion?> PolicyVersionOnAsync(DateOnly day, CancellationToken ct)
    {
        var endOfDay = UkCalendar.StartOfDayUtc(day.AddDays(1));
        return db.PolicyVersions.AsNoTracking()
            .Where(v => (v.Status == PolicyVersionStatus.Published || v.Status == PolicyVersionStatus.Superseded) && v.PublishedAtUtc < endOfDay && v.EffectiveOn <= day
                && db.Policies.Any(p => p.Id == v.PolicyId && p.Kind == PolicyKind.SexualHarassment))
            .OrderByDescending(v => v.EffectiveOn).ThenByDescending(v => v.Number).FirstOrDefaultAsync(ct);
    }

    public async Task<PolicyFacts> PolicyOnAsync(DateOnly day, CancellationToken ct = default)
    {
        var endOfDay = UkCalendar.StartOfDayUtc(day.AddDays(1));
        var version = await PolicyVersionOnAsync(day, ct);
        if (version is null) return new PolicyFacts(day, null, null, null, null, 0, 0);
        var people = PolicyDistribution.InScope(db, version, day).Select(e => e.Id);
        var inScope = await people.CountAsync(ct);
        var acknowledged = await db.PolicyAcknowledgements.CountAsync(a => a.PolicyId == version.PolicyId && a.Round == version.AcknowledgementRound
            && a.AcknowledgedAtUtc < endOfDay && people.Contains(a.EmployeeId), ct);
        return new PolicyFacts(day, version.PolicyId, version.Number, version.EffectiveOn, version.EffectiveOn.AddMonths(policies.Value.ReviewIntervalMonths), inScope, acknowledged);
    }

    /// <summary>
    /// The people behind <see cref="PolicyOnAsync"/>'s counts on the day, one by one: each person the policy version in
    /// force applies to, and when they confirmed reading it (null if not by the end of the day). The pack's records
    /// ZIP lists them so that its policy lines can be counted again from the file.
    /// </summary>
    public async Task<List<(Guid EmployeeId, DateTime? AcknowledgedAtUtc)>> PolicyPeopleOnAsync(DateOnly day, CancellationToken ct = default)
    {
        var endOfDay = UkCalendar.StartOfDayUtc(day.AddDays(1));
        var version = await PolicyVersionOnAsync(day, ct);
        if (version is null) return [];
        var people = await PolicyDistribution.InScope(db, version, day).Select(e => e.Id).ToListAsync(ct);
        var acknowledged = await db.PolicyAcknowledgements.AsNoTracking().Where(a => a.PolicyId == version.PolicyId && a.Round == version.AcknowledgementRound && a.AcknowledgedAtUtc < endOfDay)
            .Select(a => new { a.EmployeeId, a.AcknowledgedAtUtc }).ToListAsync(ct);
        var first = acknowledged.GroupBy(a => a.EmployeeId).ToDictionary(g => g.Key, g => g.Min(a => a.AcknowledgedAtUtc));
        return [.. people.Select(p => (p, first.TryGetValue(p, out var at) ? (DateTime?)at : null))];
    }

    /// <summary>The last time, by the day, staff were asked, told and their representatives consulted, as recorded by the end of that day.</summary>
    public async Task<EngagementFacts> EngagementOnAsync(DateOnly day, CancellationToken ct = default)
    {
        var endOfDay = UkCalendar.StartOfDayUtc(day.AddDays(1));
        var recorded = db.EngagementActivities.AsNoTracking().Where(a => a.HeldOn <= day && a.RecordedAtUtc < endOfDay);
        var last = await recorded.GroupBy(a => a.Kind).Select(g => new { g.Key, Last = g.Max(a => a.HeldOn) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        var policy = await db.PolicyConsultations.AsNoTracking().Where(c => c.HeldOn <= day && c.RecordedAtUtc < endOfDay).MaxAsync(c => (DateOnly?)c.HeldOn, ct);
        DateOnly? Latest(params DateOnly?[] days) => days.Max();
        return new EngagementFacts(day, last.TryGetValue(EngagementKind.Survey, out var asked) ? asked : null,
            Latest(last.TryGetValue(EngagementKind.Briefing, out var b) ? b : null, last.TryGetValue(EngagementKind.Notice, out var n) ? n : null),
            Latest(last.TryGetValue(EngagementKind.Consultation, out var c) ? c : null, policy));
    }

    /// <summary>Sites under the duty on the day, each site-wide assessment's last approval by then, and the actions open and overdue then.</summary>
    public async Task<RiskFacts> RiskOnAsync(DateOnly day, CancellationToken ct = default)
    {
        var endOfDay = UkCalendar.StartOfDayUtc(day.AddDays(1));
        var sites = await db.Sites.AsNoTracking().Where(s => s.Nation != Nation.NorthernIreland).Select(s => s.Id).ToListAsync(ct);
        var approvals = await db.AssessmentRevisions.AsNoTracking()
            .Where(r => r.Status == RevisionStatus.Approved && r.ApprovedAtUtc < endOfDay)
            .Join(db.RiskAssessments.Where(a => a.Scope == AssessmentScope.Site && a.SiteId != null), r => r.AssessmentId, a => a.Id, (r, a) => new { SiteId = a.SiteId!.Value, r.ApprovedAtUtc })
            .GroupBy(x => x.SiteId).Select(g => new { g.Key, Last = g.Max(x => x.ApprovedAtUtc) })
            .ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        int current = 0, overdue = 0;
        foreach (var site in sites)
        {
            // Stryker disable once all : a mutant of this pattern leaves at unassigned, and the compile error would drop every mutant of RiskOnAsync
            if (!approvals.TryGetValue(site, out var last) || last is not { } at) continue;
            if (DateOnly.FromDateTime(UkCalendar.ToUk(at)).AddMonths(risk.Value.ReviewIntervalMonths) >= day) current++;
            else overdue++;
        }
        var open = db.RiskActions.Where(a => a.CreatedAtUtc < endOfDay && (a.CompletedOn == null || a.CompletedOn > day));
        return new RiskFacts(day, sites.Count, current, overdue, await open.CountAsync(ct), await open.CountAsync(a => a.DueDate < day, ct));
    }

    private DateOnly? _historiesUpTo;
    private readonly Dictionary<Guid, TrainingCoverage.History> _histories = [];

    /// <summary>
    /// For a reader inside one snapshot (an evidence pack): each course's training history is read once, up to the
    /// day given, and its coverage on any day up to then worked out from it, rather than read again for each day.
    /// Outside a snapshot the history would go stale as completions arrive: the reader turns it off (null) when its
    /// snapshot ends, and nothing else asks for it.
    /// </summary>
    internal void ReadTrainingHistoryOnce(DateOnly? upTo)
    {
        _historiesUpTo = upTo;
        _histories.Clear();
    }

    /// <summary>The course's totals on the day: from its history when <see cref="ReadTrainingHistoryOnce"/> covers the day, else read for the day.</summary>
    internal async Task<(TrainingCoverage.Counts Totals, int LongStale)> TrainingTotalsOnAsync(Course course, DateOnly day, DateOnly longStale, CancellationToken ct)
    {
        var dueSoon = training.Value.DueSoonDays;
        if (_historiesUpTo is not { } upTo || day > upTo) return await TrainingCoverage.TotalsOnAsync(db, course, day, dueSoon, longStale, ct);
        if (!_histories.TryGetValue(course.Id, out var history)) _histories[course.Id] = history = await TrainingCoverage.HistoryAsync(db, course, upTo, ct);
        return history.TotalsOn(day, dueSoon, longStale);
    }

    /// <summary>
    /// The courses on record on the day: set up in the app by then, or with a content version in effect or a
    /// completion by then. A course set up today for training people took in 2024 was there in 2024: its own dated
    /// records say so, and a past day is scored from those, not from when they were typed in.
    /// </summary>
    internal static IQueryable<Course> CoursesOn(ComplianceDbContext db, DateOnly day)
    {
        var endOfDay = UkCalendar.StartOfDayUtc(day.AddDays(1));
        return db.Courses.Where(c => c.CreatedAtUtc < endOfDay || c.Versions.Any(v => v.EffectiveFrom <= day)
            || db.TrainingCompletions.Any(t => t.CourseId == c.Id && t.CompletedOn <= day));
    }

    /// <summary>Each course's coverage on the day, worked out from the dated completions (see <see cref="TrainingCoverage"/>).</summary>
    public async Task<TrainingFacts> TrainingOnAsync(DateOnly day, CancellationToken ct = default)
    {
        var courses = await CoursesOn(db, day).AsNoTracking().Include(c => c.Versions).OrderBy(c => c.Title).ToListAsync(ct);
        var facts = new List<CourseFacts>();
        var longStale = day.AddMonths(-(await scoring.OnAsync(day, ct)).LongStaleMonths);
        foreach (var course in courses)
        {
            var (t, old) = await TrainingTotalsOnAsync(course, day, longStale, ct);
            facts.Add(new CourseFacts(course.Id, course.Title, t.InScope, t.InDate, t.Stale, old, t.Never));
        }
        return new TrainingFacts(day, facts);
    }

    /// <summary>Whether the policy in force on the day gives the reporting page's address.</summary>
    public async Task<ReportingFacts> ReportingOnAsync(DateOnly day, CancellationToken ct = default)
    {
        var version = await PolicyVersionOnAsync(day, ct);
        return new ReportingFacts(day, version?.PolicyId, version is not null && version.Text.Contains("/report", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Reports received in the window to the day, and each one's deadlines as they stood then: met if done by the
    /// deadline; missed if done late, or not done by the day and the deadline past; otherwise not due yet. Only dates
    /// are read, never what a report says.
    /// </summary>
    public async Task<ComplaintFacts> ComplaintsOnAsync(DateOnly day, CancellationToken ct = default) =>
        await ComplaintsBetweenAsync(day.AddMonths(-(await scoring.OnAsync(day, ct)).WindowMonths).AddDays(1), day, ct);

    /// <summary>As <see cref="ComplaintsOnAsync"/>, for the reports received from <paramref name="from"/> to <paramref name="day"/> (both included).</summary>
    public async Task<ComplaintFacts> ComplaintsBetweenAsync(DateOnly from, DateOnly day, CancellationToken ct = default)
    {
        var o = cases.Value;
        var received = await db.ReportCases.AsNoTracking().Where(c => c.ReceivedOn >= from && c.ReceivedOn <= day)
            .Select(c => new { c.ReceivedOn, c.AcknowledgedOn, c.TriagedOn, c.FeedbackGivenOn, c.ClosedOn }).ToListAsync(ct);
        int met = 0, missed = 0;
        void Judge(DateOnly due, DateOnly? done)
        {
            if (done is { } d && d <= day)
            {
                if (d <= due) met++;
                else missed++;
            }
            else if (due < day)
            {
                missed++;
            }
        }
        foreach (var c in received)
        {
            var acknowledged = c.AcknowledgedOn is { } a && a <= day ? a : (DateOnly?)null;
            Judge(c.ReceivedOn.AddDays(o.AcknowledgeWithinDays), acknowledged);
            Judge(CaseDeadlines.AddWorkingDays(acknowledged ?? c.ReceivedOn, o.TriageWithinWorkingDays), c.TriagedOn);
            // A case closed by the day without feedback (a reporter who never came back) has no feedback deadline, as on the case page.
            if (!(c.ClosedOn is { } closed && closed <= day && (c.FeedbackGivenOn is null || c.FeedbackGivenOn > day))) Judge(c.ReceivedOn.AddMonths(o.FeedbackWithinMonths), c.FeedbackGivenOn);
        }
        return new ComplaintFacts(day, received.Count, met, missed);
    }

    /// <summary>Third-party incidents that happened in the window to the day, and whether the assessment each flagged was approved again within the review period of the incident.</summary>
    public async Task<ThirdPartyFacts> ThirdPartiesOnAsync(DateOnly day, CancellationToken ct = default) =>
        await ThirdPartiesBetweenAsync(day.AddMonths(-(await scoring.OnAsync(day, ct)).WindowMonths).AddDays(1), day, ct);

    /// <summary>
    /// As <see cref="ThirdPartiesOnAsync"/>, for the incidents that happened from <paramref name="from"/> to
    /// <paramref name="day"/>: counted by the day they happened, as the incident tables count them, whenever they
    /// were logged (a record counts from the date it says it happened, not from when it was typed in), with the time
    /// to review from that day too, so logging an incident late never makes its review in time.
    /// </summary>
    public async Task<ThirdPartyFacts> ThirdPartiesBetweenAsync(DateOnly from, DateOnly day, CancellationToken ct = default)
    {
        var endOfDay = UkCalendar.StartOfDayUtc(day.AddDays(1));
        var o = await scoring.OnAsync(day, ct);
        var incidents = await db.ThirdPartyIncidents.AsNoTracking().Where(i => i.OccurredOn >= from && i.OccurredOn <= day)
            .Select(i => new { i.OccurredOn, i.LoggedAtUtc, i.RiskAssessmentId }).ToListAsync(ct);
        var assessments = incidents.Select(i => i.RiskAssessmentId).OfType<Guid>().Distinct().ToList();
        var approvals = await db.AssessmentRevisions.AsNoTracking()
            .Where(r => assessments.Contains(r.AssessmentId) && r.Status == RevisionStatus.Approved && r.ApprovedAtUtc < endOfDay)
            .Select(r => new { r.AssessmentId, At = r.ApprovedAtUtc!.Value }).ToListAsync(ct);
        int inTime = 0, late = 0;
        foreach (var i in incidents)
        {
            // The review must come after the incident was logged (it cannot answer one nobody knew of) and by the end of
            // the last day allowed from the day it happened; once that day is reached without one, it is late.
            var lastDay = i.OccurredOn.AddDays(o.ThirdPartyReviewWithinDays);
            var by = UkCalendar.StartOfDayUtc(lastDay.AddDays(1));
            if (i.RiskAssessmentId is { } id && approvals.Any(a => a.AssessmentId == id && a.At > i.LoggedAtUtc && a.At < by)) inTime++;
            else if (lastDay <= day) late++;
        }
        return new ThirdPartyFacts(day, incidents.Count, inTime, late);
    }

    /// <summary>The last board review on or before the day that had been signed off by the end of it, and the action plan as it stood then.</summary>
    public async Task<MonitoringFacts> MonitoringOnAsync(DateOnly day, CancellationToken ct = default)
    {
        var endOfDay = UkCalendar.StartOfDayUtc(day.AddDays(1));
        var last = await db.BoardSignOffs.AsNoTracking().Where(s => s.ReviewedOn <= day && s.SignedAtUtc < endOfDay)
            .OrderByDescending(s => s.ReviewedOn).ThenByDescending(s => s.SignedAtUtc).Select(s => new { s.ReviewedOn, s.Meeting, s.SignedByName }).FirstOrDefaultAsync(ct);
        var open = db.PlanActions.Where(a => a.CreatedAtUtc < endOfDay && (a.CompletedOn == null || a.CompletedOn > day));
        return new MonitoringFacts(day, last?.ReviewedOn, last?.Meeting, last?.SignedByName, await open.CountAsync(ct), await open.CountAsync(a => a.DueDate < day, ct));
    }
}
