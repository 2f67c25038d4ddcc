namespace Compliance.Core.EvidencePacks;

public enum PackStatus
{
    Queued = 0,
    Generating = 1,
    Ready = 2,
    Failed = 3,
}

/// <summary>
/// One request for an evidence pack and, once made, the pack itself: the stored file is what every later download
/// returns, byte for byte, and its SHA-256 is written to the audit trail. The request is a row, so a restart finds
/// it and makes it (once) rather than losing it.
/// </summary>
public sealed class EvidencePack
{
    /// <summary>A claim older than this was held by an instance that stopped: the pack is made again.</summary>
    public static readonly TimeSpan ClaimLapsesAfter = TimeSpan.FromMinutes(5);

    private EvidencePack()
    {
    }

    public EvidencePack(Guid id, DateOnly from, DateOnly to, bool named, Guid? requestedById, string requestedByName, DateTime requestedAtUtc)
    {
        Id = id;
        PeriodFrom = from;
        PeriodTo = to;
        Named = named;
        RequestedById = requestedById;
        RequestedByName = requestedByName;
        RequestedAtUtc = requestedAtUtc;
        Status = PackStatus.Queued;
        Chapter = "Waiting to start";
    }

    public Guid Id { get; private set; }
    public DateOnly PeriodFrom { get; private set; }
    public DateOnly PeriodTo { get; private set; }

    /// <summary>The named edition: staff names in the training and acknowledgement annexes, asked for by a director.</summary>
    public bool Named { get; private set; }
    public Guid? RequestedById { get; private set; }
    public string RequestedByName { get; private set; } = "";
    public DateTime RequestedAtUtc { get; private set; }
    public PackStatus Status { get; private set; }

    /// <summary>What is being written now, for the progress bar.</summary>
    public string Chapter { get; private set; } = "";
    public int Percent { get; private set; }
    public DateTime? ClaimedAtUtc { get; private set; }
    public int Attempts { get; private set; }
    public DateTime? GeneratedAtUtc { get; private set; }
    public byte[]? Content { get; private set; }
    public byte[]? Companion { get; private set; }
    public string? Sha256 { get; private set; }

    /// <summary>The SHA-256 of the records ZIP, printed in the pack and written with the pack's in the audit trail.</summary>
    public string? RecordsSha256 { get; private set; }
    public long SizeBytes { get; private set; }
    public int PageCount { get; private set; }

    /// <summary>The audit entry that recorded the pack's SHA-256.</summary>
    public long? AuditSequence { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The name a pack (or its records ZIP) is downloaded under.</summary>
    public static string FileNameOf(DateOnly from, DateOnly to, bool named, bool companion) =>
        $"evidence-pack-{from:yyyy-MM-dd}-to-{to:yyyy-MM-dd}{(named ? "-named" : "")}{(companion ? "-records.zip" : ".pdf")}";

    public void Finish(byte[] content, byte[] companion, string sha256, string recordsSha256, int pages, DateTime generatedAtUtc)
    {
        Content = content;
        Companion = companion;
        Sha256 = sha256;
        RecordsSha256 = recordsSha256;
        SizeBytes = content.LongLength;
        PageCount = pages;
        GeneratedAtUtc = generatedAtUtc;
        Status = PackStatus.Ready;
        Percent = 100;
        Chapter = "Done";
        Error = null;
    }

    public void Recorded(long auditSequence) => AuditSequence = auditSequence;
}
