namespace Compliance.Core.Auditing;

/// <summary>
/// One link of the append-only, hash-chained audit trail. The summary never holds report text,
/// reporters' names or secrets: it says what happened, not what was said.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The longest summary kept; a longer one (a reason or note typed at length) is cut, ending "…": the record itself keeps the whole text.</summary>
    public const int MaxSummaryLength = 500;

    private AuditEntry() { }

    internal AuditEntry(long sequence, DateTime occurredAtUtc, AuditActorInfo actor, AuditEvent e, string previousHash)
    {
        Id = RecordId.New();
        Sequence = sequence;
        OccurredAtUtc = occurredAtUtc;
        ActorId = actor.Id;
        ActorName = actor.Name;
        Action = e.Action;
        EntityType = e.EntityType;
        EntityId = e.EntityId;
        Summary = e.Summary.Length <= MaxSummaryLength ? e.Summary : e.Summary[..(MaxSummaryLength - 1)] + "…";
        PreviousHash = previousHash;
        Hash = AuditHash.Compute(previousHash, this);
    }

    public Guid Id { get; private set; }
    public long Sequence { get; private set; }
    public DateTime OccurredAtUtc { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string? EntityId { get; private set; }
    public string Summary { get; private set; } = "";
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";
}

/// <summary>Something worth recording: what was done, to which kind of thing, which one, in a few words.</summary>
public sealed record AuditEvent(string Action, string EntityType, string? EntityId, string Summary)
{
    public static AuditEvent For(string action, string entityType, Guid entityId, string summary) =>
        new(action, entityType, entityId.ToString(), summary);
}

public sealed record AuditActorInfo(string Id, string Name)
{
    public static readonly AuditActorInfo System = new("system", "System");
}

/// <summary>Who is acting: the signed-in person on a web request, the operator for a command.</summary>
public interface IAuditActor
{
    AuditActorInfo Current { get; }
}
