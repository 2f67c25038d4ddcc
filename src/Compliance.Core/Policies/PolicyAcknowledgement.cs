namespace Compliance.Core.Policies;

/// <summary>
/// A person asked to read a policy in one round of acknowledgements (a material version and the minor versions
/// after it): when they were first asked, when last sent their link, reminders, and whether they have acknowledged.
/// One row per person per round, so asking again never asks twice.
/// </summary>
public sealed class PolicyRecipient
{
    private PolicyRecipient() { }

    public PolicyRecipient(Guid policyId, int round, Guid employeeId, DateOnly askedOn, DateTime nowUtc)
    {
        Id = RecordId.New();
        PolicyId = policyId;
        Round = round;
        EmployeeId = employeeId;
        AskedOn = askedOn;
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid PolicyId { get; private set; }
    public int Round { get; private set; }
    public Guid EmployeeId { get; private set; }
    public DateOnly AskedOn { get; private set; }

    /// <summary>The last day a link was sent (or a letter made); sending again on the same day is skipped.</summary>
    public DateOnly? LastSentOn { get; private set; }
    public int TimesSent { get; private set; }
    public DateOnly? FirstReminderOn { get; private set; }
    public DateOnly? SecondReminderOn { get; private set; }
    public DateTime? AcknowledgedAtUtc { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    public void Sent(DateOnly on)
    {
        LastSentOn = on;
        TimesSent++;
    }

    public void Acknowledged(DateTime nowUtc) => AcknowledgedAtUtc ??= nowUtc;
}

/// <summary>
/// A personal link: only the SHA-256 of its secret is kept. A person may hold several (each reminder is a new
/// link), each valid until they acknowledge or leave, or until it expires when a setting says so.
/// </summary>
public sealed class PolicyLink
{
    private PolicyLink() { }

    public PolicyLink(Guid recipientId, byte[] secretHash, DateTime nowUtc)
    {
        Id = RecordId.New();
        RecipientId = recipientId;
        SecretHash = secretHash;
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid RecipientId { get; private set; }
    public byte[] SecretHash { get; private set; } = [];
    public DateTime CreatedAtUtc { get; private set; }
}

/// <summary>
/// "I have read and understood this policy": the person, the version and its hash, and when. Nothing about their
/// device. One per person per round; the evidence pack reads these by date.
/// </summary>
public sealed class PolicyAcknowledgement
{
    private PolicyAcknowledgement() { }

    public PolicyAcknowledgement(Guid policyId, int round, Guid versionId, int versionNumber, string contentHash, Guid employeeId, DateTime nowUtc)
    {
        Id = RecordId.New();
        PolicyId = policyId;
        Round = round;
        VersionId = versionId;
        VersionNumber = versionNumber;
        ContentHash = contentHash;
        EmployeeId = employeeId;
        AcknowledgedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid PolicyId { get; private set; }
    public int Round { get; private set; }
    public Guid VersionId { get; private set; }
    public int VersionNumber { get; private set; }
    public string ContentHash { get; private set; } = "";
    public Guid EmployeeId { get; private set; }
    public DateTime AcknowledgedAtUtc { get; private set; }
}
