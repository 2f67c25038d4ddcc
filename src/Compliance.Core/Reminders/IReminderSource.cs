using Compliance.Core.Mail;

namespace Compliance.Core.Reminders;

/// <summary>
/// What a feature tells the daily sweep: the reminders due on a given UK day. Each feature registers one; the
/// sweep needs no change for a new one. A source should answer with a few set-based queries, never one per item,
/// and should keep answering for as long as a reminder stays due (an overdue review is overdue every day), so a
/// day the sweep did not run is caught up the next: the delivery record sends each one once.
/// </summary>
public interface IReminderSource
{
    /// <summary>A short name for logs and the Jobs page, e.g. "risk assessments".</summary>
    string Name { get; }

    Task<IReadOnlyList<DueReminder>> DueAsync(DateOnly today, CancellationToken ct);
}

/// <param name="RecipientId">The account to tell.</param>
/// <param name="Kind">A stable code, e.g. "risk-review-7d"; with the recipient, subject and due date it is the delivery's unique key.</param>
/// <param name="Subject">The record it is about, e.g. an assessment or case id.</param>
/// <param name="DueOn">The date the reminder is about (a review date, a deadline), not the day it is sent.</param>
/// <param name="Title">The line shown in the app's notification list: plain text, no case content.</param>
/// <param name="Path">The app page to open, e.g. "/cases/{id}".</param>
/// <param name="Email">The typed model of the email template.</param>
public sealed record DueReminder(Guid RecipientId, string Kind, string Subject, DateOnly DueOn, string Title, string Path, IEmailModel Email)
{
    public (Guid, string, string, DateOnly) Key => (RecipientId, Kind, Subject, DueOn);
}
