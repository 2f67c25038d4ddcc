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
    IOptions<ScoringOptions> scoring)
{
    /// <summary>The steps scored from evidence so far, on one day.</summary>
    public async Task<List<StepScore>> ScoresOnAsync(DateOnly day, CancellationToken ct = default)
    {
        var o = scoring.Value;
        return
        [
            StepRules.Policy(await PolicyOnAsync(day, ct), o),
            StepRules.RiskAssessment(await RiskOnAsync(day, ct), o),
            StepRules.Training(await TrainingOnAsync(day, ct), o),
        ];
    }

    /// <summary>The anti-harassment policy version in force on the day: published by then, effective by then, the latest such.</summary>
    public async Task<PolicyFacts> PolicyOnAsync(DateOnly day, CancellationToken ct = default)
    {
        var endOfDay = UkCalendar.StartOfDayUtc(day.AddDays(1));
        var version = await db.PolicyVersions.AsNoTracking()
            .Where(v => (v.Status == PolicyVersionStatus.Published || v.Status == PolicyVersionStatus.Superseded) && v.PublishedAtUtc < endOfDay && v.EffectiveOn <= day
                && db.Policies.Any(p => p.Id == v.PolicyId && p.Kind == PolicyKind.SexualHarassment))
            .OrderByDescending(v => v.EffectiveOn).ThenByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        if (version is null) return new PolicyFacts(day, null, null, null, null, 0, 0);
        var people = PolicyDistribution.InScope(db, version, day).Select(e => e.Id);
        var inScope = await people.CountAsync(ct);
        var acknowledged = await db.PolicyAcknowledgements.CountAsync(a => a.PolicyId == version.PolicyId && a.Round == version.AcknowledgementRound
            && a.AcknowledgedAtUtc < endOfDay && people.Contains(a.EmployeeId), ct);
        return new PolicyFacts(day, version.PolicyId, version.Number, version.EffectiveOn, version.EffectiveOn.AddMonths(policies.Value.ReviewIntervalMonths), inScope, acknowledged);
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
            if (!approvals.TryGetValue(site, out var last) || last is not { } at) continue;
            if (DateOnly.FromDateTime(UkCalendar.ToUk(at)).AddMonths(risk.Value.ReviewIntervalMonths) >= day) current++;
            else overdue++;
        }
        var open = db.RiskActions.Where(a => a.CreatedAtUtc < endOfDay && (a.CompletedOn == null || a.CompletedOn > day));
        return new RiskFacts(day, sites.Count, current, overdue, await open.CountAsync(ct), await open.CountAsync(a => a.DueDate < day, ct));
    }

    /// <summary>Each course's coverage on the day, worked out from the dated completions (see <see cref="TrainingCoverage"/>).</summary>
    public async Task<TrainingFacts> TrainingOnAsync(DateOnly day, CancellationToken ct = default)
    {
        var endOfDay = UkCalendar.StartOfDayUtc(day.AddDays(1));
        var courses = await db.Courses.AsNoTracking().Include(c => c.Versions).Where(c => c.CreatedAtUtc < endOfDay).OrderBy(c => c.Title).ToListAsync(ct);
        var facts = new List<CourseFacts>();
        var longStale = day.AddMonths(-scoring.Value.LongStaleMonths);
        foreach (var course in courses)
        {
            var coverage = await TrainingCoverage.OnAsync(db, course, day, training.Value.DueSoonDays, ct);
            var t = coverage.Totals;
            var old = coverage.People([TrainingState.Stale]).Count(p => p.LastCompleted <= longStale);
            facts.Add(new CourseFacts(course.Id, course.Title, t.InScope, t.InDate, t.Stale, old, t.Never));
        }
        return new TrainingFacts(day, facts);
    }
}
