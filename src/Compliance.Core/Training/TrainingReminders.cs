using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Mail;
using Compliance.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Training;

/// <summary>
/// Training tells line managers, once for each day on which some of their people's training on a course lapsed
/// (looking back a week, so a day the sweep missed is caught up), and HR managers, once a week while a course's
/// coverage is below the threshold (90% by default). The people themselves are emailed by <see cref="TrainingDistribution"/>.
/// </summary>
public sealed class TrainingReminders(ComplianceDbContext db, IOptions<TrainingOptions> options) : IReminderSource
{
    public const int LookbackDays = 7;

    public string Name => "Training";

    public async Task<IReadOnlyList<DueReminder>> DueAsync(DateOnly today, CancellationToken ct)
    {
        var due = new List<DueReminder>();
        var hr = await ActiveAccounts.InRole(db, Roles.HRManager).Select(u => u.Id).ToListAsync(ct);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var threshold = Math.Clamp(options.Value.CoverageThresholdPercent, 0, 100);
        var scopes = await db.ManagerScopes.AsNoTracking().Select(s => new { s.UserId, s.SiteId, s.DepartmentId }).ToListAsync(ct);
        foreach (var course in await db.Courses.AsNoTracking().OrderBy(c => c.Title).ToListAsync(ct))
        {
            var coverage = await TrainingCoverage.OnAsync(db, course, today, options.Value.DueSoonDays, ct);
            var totals = coverage.Totals;
            if (totals.InScope > 0 && totals.Percent < threshold)
            {
                due.AddRange(hr.Select(person => new DueReminder(person, "training-coverage-low", course.Id.ToString(), monday,
                    $"Training coverage for “{course.Title}” is {totals.Percent}%, below {threshold}%", $"/training/courses/{course.Id}",
                    new TrainingCoverageEmail(course.Title, totals.Percent, threshold, totals.Stale, totals.Never))));
            }
            if (scopes.Count == 0) continue;
            // Those whose training lapsed in the last week, by the day it lapsed.
            var from = TrainingRules.StaleCutoff(today.AddDays(-LookbackDays), course.RefreshMonths);
            var stale = coverage.People([TrainingState.Stale]).Where(p => p.LastCompleted > from).ToList();
            var byManager = stale
                .SelectMany(p => scopes.Where(s => s.SiteId == p.SiteId || (s.DepartmentId != null && s.DepartmentId == p.DepartmentId))
                    .Select(s => s.UserId).Distinct()
                    .Select(m => (Manager: m, Lapsed: TrainingRules.LapsesOn(p.LastCompleted!.Value, course.RefreshMonths))))
                .GroupBy(x => x);
            foreach (var g in byManager)
            {
                var (manager, lapsed) = g.Key;
                var count = g.Count();
                due.Add(new DueReminder(manager, "training-team-stale", course.Id.ToString(), lapsed,
                    $"{count:N0} of your team {(count == 1 ? "has" : "have")} training on “{course.Title}” that lapsed on {UkDates.Long(lapsed)}", "/team",
                    new TrainingTeamEmail(course.Title, count, UkDates.Long(lapsed))));
            }
        }
        return due;
    }
}
