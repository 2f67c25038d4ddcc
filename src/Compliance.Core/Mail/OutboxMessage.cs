namespace Compliance.Core.Mail;

public enum MessageStatus
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Queued = 1,

    /// <summary>Claimed by a sender; if the sender dies, the claim lapses and the message is tried again.</summary>
    Sending = 2,

    Sent = 3,

    /// <summary>Mail was not configured: written as an .eml file to the outbox folder instead.</summary>
    SavedToFolder = 4,

    /// <summary>Every attempt failed; an administrator can try it again from the Outbox page.</summary>
    GaveUp = 5,
}

/// <summary>
/// One email, queued in the same transaction as whatever caused it, so that nothing is lost if the app stops
/// before it is sent. The sender claims it, tries it, and records the outcome; a failure waits longer each time.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxErrorLength = 500;

    private OutboxMessage()
    {
    }

    public OutboxMessage(string toAddress, string toName, RenderedEmail email, string kind, string? subjectKey, DateTime nowUtc, Guid? id = null)
    {
        Id = id ?? RecordId.Undated();
        ToAddress = toAddress;
        ToName = toName;
        Subject = email.Subject;
        HtmlBody = email.Html;
        TextBody = email.Text;
        Kind = kind;
        SubjectKey = subjectKey;
        CreatedAtUtc = nowUtc;
        NextAttemptAtUtc = nowUtc;
        Status = MessageStatus.Queued;
    }

    public Guid Id { get; private set; }
    public string ToAddress { get; private set; } = "";
    public string ToName { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public string TextBody { get; private set; } = "";

    /// <summary>What the message is about, e.g. "case-acknowledge-missed" or "test".</summary>
    public string Kind { get; private set; } = "";

    /// <summary>The record it is about (a case id, say), so that purging the record purges its messages.</summary>
    public string? SubjectKey { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>Notices to a confidential reporter carry their address: such a message is deleted once sent or given up, and its address is never shown.</summary>
    public const string ReporterNoticeKind = "reporter-notice";

    public bool IsReporterNotice => Kind == ReporterNoticeKind;

    /// <summary>
    /// Messages sent because a reporter did something (a report arrived, a reporter wrote, a reporter is told of a
    /// reply): deleted once sent or given up, so the outbox does not keep when a reporter was at a keyboard.
    /// </summary>
    public bool ForgottenOnceDone => Kind is ReporterNoticeKind or "case-new-report" or "case-reporter-message";

    public const string PolicyRequestKind = "policy-acknowledge";

    /// <summary>
    /// Deleted once sent, saved to the outbox folder or given up: the messages above, and requests to read a policy,
    /// whose personal link the app otherwise keeps only as a hash.
    /// </summary>
    public bool DeletedOnceDone => ForgottenOnceDone || Kind == PolicyRequestKind;

    /// <summary>The recipient as the Outbox page may show it.</summary>
    public static string ShownAddress(string kind, string address) => kind == ReporterNoticeKind ? "A reporter (address kept private)" : address;
    public MessageStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAtUtc { get; private set; }
    public DateTime? ClaimedUntilUtc { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? DoneAtUtc { get; private set; }

    /// <summary>The .eml file's name in the outbox folder, when it was saved there.</summary>
    public string? FileName { get; private set; }

    /// <summary>Claims the message for one attempt (the dispatcher does the same in SQL for a batch).</summary>
    public void MarkAttempt(DateTime claimedUntilUtc)
    {
        Status = MessageStatus.Sending;
        ClaimedUntilUtc = claimedUntilUtc;
        Attempts++;
    }

    public void Delivered(DateTime nowUtc, string? fileName)
    {
        Status = fileName is null ? MessageStatus.Sent : MessageStatus.SavedToFolder;
        FileName = fileName;
        DoneAtUtc = nowUtc;
        ClaimedUntilUtc = null;
        LastError = null;
    }

    /// <summary>Records a failed attempt: tried again after the back-off, or given up after the last attempt.</summary>
    public void AttemptFailed(string error, DateTime nowUtc, IReadOnlyList<TimeSpan> backOff)
    {
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        ClaimedUntilUtc = null;
        if (Attempts > backOff.Count)
        {
            Status = MessageStatus.GaveUp;
            DoneAtUtc = nowUtc;
            return;
        }
        Status = MessageStatus.Queued;
        NextAttemptAtUtc = nowUtc + backOff[Attempts - 1];
    }

    /// <summary>An administrator asks for another try now (after fixing the mail settings, say).</summary>
    public void Retry(DateTime nowUtc)
    {
        if (Status is not (MessageStatus.GaveUp or MessageStatus.Queued)) return;
        Status = MessageStatus.Queued;
        Attempts = 0;
        NextAttemptAtUtc = nowUtc;
        DoneAtUtc = null;
    }
}

public sealed record RenderedEmail(string Subject, string Html, string Text);
