using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Mail;
using Compliance.Core.RiskAssessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Reminders;

/// <summary>
/// Risk assessments tell the HR managers: a review coming up (30 and 7 days before, by default), a review overdue,
/// an assessment flagged for an early review, and an action past its due date. Four queries, whatever the size.
/// </summary>
public sealed class RiskReminders(ComplianceDbContext db, IOptions<ReminderOptions> options) : IReminderSource
{
    public string Name => "Risk assessments";

    public async Task<IReadOnlyList<DueReminder>> DueAsync(DateOnly today, CancellationToken ct)
    {
        var hr = await ActiveAccounts.InRole(db, Roles.HRManager).Select(u => u.Id).ToListAsync(ct);
        if (hr.Count == 0) return [];
        var notices = options.Value.RiskReviewNoticeDays.Where(d => d > 0).Distinct().OrderDescending().ToArray();
        var horizon = today.AddDays(notices.FirstOrDefault());
        var assessments = await db.RiskAssessments.AsNoTracking()
            .Where(a => a.NextReviewDue <= horizon || a.ReviewFlaggedAtUtc != null)
            .Select(a => new { a.Id, a.Title, a.NextReviewDue, a.ReviewFlaggedAtUtc, a.ReviewFlagReason })
            .ToListAsync(ct);
        var actions = await db.RiskActions.AsNoTracking().Overdue(today)
            .Join(db.RiskAssessments, x => x.AssessmentId, a => a.Id, (x, a) => new { x.Id, x.Description, x.Owner, x.DueDate, a.Title })
            .ToListAsync(ct);

        var due = new List<(string Kind, string Subject, DateOnly DueOn, string Title, string Path, IEmailModel Email)>();
        foreach (var a in assessments)
        {
            var path = $"/risk/assessments/{a.Id}";
            if (a.ReviewFlaggedAtUtc is { } flagged)
            {
                var on = DateOnly.FromDateTime(UkCalendar.ToUk(flagged));
                due.Add(("risk-review-flagged", a.Id.ToString(), on, $"Review “{a.Title}” early: it has been flagged", path,
                    new RiskReviewEmail(a.Title, ReminderText.Date(on), "now", false, true, a.ReviewFlagReason ?? "")));
            }
            if (a.NextReviewDue is not { } review) continue;
            if (review < today)
            {
                due.Add(("risk-review-overdue", a.Id.ToString(), review, $"Review of “{a.Title}” overdue since {ReminderText.Date(review)}", path,
                    new RiskReviewEmail(a.Title, ReminderText.Date(review), "", true, false, null)));
                continue;
            }
            // The nearest notice whose day has come: 7 days before beats 30 once both have passed.
            var notice = notices.Where(n => review.AddDays(-n) <= today).Cast<int?>().LastOrDefault();
            if (notice is null) continue;
            var when = ReminderText.Until(today, review);
            due.Add(($"risk-review-{notice}d", a.Id.ToString(), review, $"Review of “{a.Title}” due {when} ({ReminderText.Date(review)})", path,
                new RiskReviewEmail(a.Title, ReminderText.Date(review), when, false, false, null)));
        }
        foreach (var x in actions)
        {
            due.Add(("risk-action-overdue", x.Id.ToString(), x.DueDate, $"Action on “{x.Title}” overdue since {ReminderText.Date(x.DueDate)}",
                $"/risk/actions/{x.Id}", new ActionOverdueEmail(x.Description, x.Owner, x.Title, ReminderText.Date(x.DueDate))));
        }
        return [.. from d in due from person in hr select new DueReminder(person, d.Kind, d.Subject, d.DueOn, d.Title, d.Path, d.Email)];
    }
}
