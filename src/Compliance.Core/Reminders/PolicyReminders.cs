using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Mail;
using Compliance.Core.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Reminders;

/// <summary>
/// Policies tell the HR managers when a review date is coming up (30 days before, by default) and once it has
/// passed; and tell each line manager, once a week, how many of their people have not confirmed a policy weeks
/// after being asked and reminded twice (the people themselves are reminded by <see cref="PolicyDistribution"/>).
/// A query for the reviews and one per policy in force, whatever the number of people.
/// </summary>
public sealed class PolicyReminders(ComplianceDbContext db, IOptions<PolicyOptions> options) : IReminderSource
{
    public string Name => "Policies";

    public async Task<IReadOnlyList<DueReminder>> DueAsync(DateOnly today, CancellationToken ct)
    {
        var due = new List<DueReminder>();
        var hr = await ActiveAccounts.InRole(db, Roles.HRManager).Select(u => u.Id).ToListAsync(ct);
        var notice = Math.Max(0, options.Value.ReviewNoticeDays);
        var reviews = await db.Policies.AsNoTracking().Where(p => p.NextReviewDue != null && p.NextReviewDue <= today.AddDays(notice))
            .Select(p => new { p.Id, p.Title, Review = p.NextReviewDue!.Value }).ToListAsync(ct);
        foreach (var p in reviews)
        {
            var overdue = p.Review < today;
            var when = ReminderText.Until(today, p.Review);
            var reminder = overdue
                ? ("policy-review-overdue", $"Review of “{p.Title}” overdue since {ReminderText.Date(p.Review)}", new PolicyReviewEmail(p.Title, ReminderText.Date(p.Review), "", true))
                : ($"policy-review-{notice}d", $"Review of “{p.Title}” due {when} ({ReminderText.Date(p.Review)})", new PolicyReviewEmail(p.Title, ReminderText.Date(p.Review), when, false));
            due.AddRange(hr.Select(person => new DueReminder(person, reminder.Item1, p.Id.ToString(), p.Review, reminder.Item2, $"/policies/manage/{p.Id}", reminder.Item3)));
        }

        // Line managers: once a week (the Monday is the reminder's date) while any of their people is outstanding.
        var days = Math.Max(1, options.Value.ManagerNoticeDays);
        var askedBy = today.AddDays(-days);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var policies = await db.Policies.AsNoTracking().Include(p => p.Versions).WithVersionInForce().ToListAsync(ct);
        foreach (var policy in policies)
        {
            var version = policy.InForce!;
            var outstanding = PolicyDistribution.InScope(db, version, today)
                .Join(db.PolicyRecipients.Where(r => r.PolicyId == policy.Id && r.Round == version.AcknowledgementRound && r.AcknowledgedAtUtc == null && r.AskedOn <= askedBy),
                    e => e.Id, r => r.EmployeeId, (e, r) => e);
            // A manager responsible for a person's site and their department counts them once (the union drops the repeat).
            var bySite = outstanding.Join(db.ManagerScopes.Where(s => s.SiteId != null), e => (Guid?)e.SiteId, s => s.SiteId, (e, s) => new { s.UserId, EmployeeId = e.Id });
            var byDepartment = outstanding.Where(e => e.DepartmentId != null)
                .Join(db.ManagerScopes.Where(s => s.DepartmentId != null), e => e.DepartmentId, s => s.DepartmentId, (e, s) => new { s.UserId, EmployeeId = e.Id });
            var counts = await bySite.Union(byDepartment).GroupBy(x => x.UserId).Select(g => new { Manager = g.Key, Count = g.Count() }).ToListAsync(ct);
            due.AddRange(counts.Select(c => new DueReminder(c.Manager, "policy-team-outstanding", policy.Id.ToString(), monday,
                $"{c.Count:N0} of your team {(c.Count == 1 ? "has" : "have")} not confirmed reading “{policy.Title}”", "/team",
                new PolicyTeamEmail(policy.Title, c.Count, days))));
        }
        return due;
    }
}
