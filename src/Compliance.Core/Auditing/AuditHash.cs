using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Compliance.Core.Auditing;

/// <summary>
/// hash = SHA-256(previous hash + "\n" + canonical form), in lower-case hex. The canonical form is a JSON
/// array of the entry's fields in a fixed order; the time is written to the microsecond, which is what
/// PostgreSQL keeps, so a stored entry hashes the same as it did when written.
/// </summary>
public static class AuditHash
{
    public static readonly string Genesis = new('0', 64);

    public static string Compute(string previousHash, AuditEntry e)
    {
        var canonical = JsonSerializer.Serialize(new[]
        {
            e.OccurredAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            e.ActorId, e.ActorName, e.Action, e.EntityType, e.EntityId, e.Summary,
        });
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "\n" + canonical));
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>PostgreSQL stores timestamps to the microsecond; hash what will be stored.</summary>
    public static DateTime TruncateToMicroseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
}
