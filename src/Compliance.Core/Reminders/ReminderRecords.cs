namespace Compliance.Core.Reminders;

/// <summary>
/// The claim that a reminder has been given: unique on (recipient, kind, subject, due date), and written in the
/// same transaction as the email and the notification it queues. A second sweep, on this instance or another,
/// finds the claim and queues nothing.
/// </summary>
public sealed class ReminderDelivery
{
    private ReminderDelivery()
    {
    }

    /// <summary>A claim about to be written; it counts only if no claim with the same key is there already.</summary>
    public ReminderDelivery(Guid recipientId, string kind, string subject, DateOnly dueOn, Guid? messageId, DateTime claimedAtUtc)
    {
        Id = RecordId.Undated();
        RecipientId = recipientId;
        Kind = kind;
        Subject = subject;
        DueOn = dueOn;
        MessageId = messageId;
        ClaimedAtUtc = claimedAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid RecipientId { get; private set; }
    public string Kind { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public DateOnly DueOn { get; private set; }

    /// <summary>The email queued with the claim; null when the person has no address to send to.</summary>
    public Guid? MessageId { get; private set; }

    public DateTime ClaimedAtUtc { get; private set; }
}

/// <summary>A line in a person's notification list in the app, shown with an unread count in the header.</summary>
public sealed class Notification
{
    public const int MaxTitleLength = 300;

    private Notification()
    {
    }

    public Notification(Guid userId, string kind, string subject, string title, string path, DateTime nowUtc)
    {
        Id = RecordId.Undated();
        UserId = userId;
        Kind = kind;
        Subject = subject;
        Title = title.Length > MaxTitleLength ? title[..MaxTitleLength] : title;
        Path = path;
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string Kind { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Path { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;
}
