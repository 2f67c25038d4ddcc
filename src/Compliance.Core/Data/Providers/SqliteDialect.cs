using Compliance.Core.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Data.Providers;

/// <summary>
/// SQLite: one writer at a time for the whole file. Every write transaction takes the write lock when it begins
/// (<c>BEGIN IMMEDIATE</c>, which is how Microsoft.Data.Sqlite begins one unless asked to defer), so a turn, a row
/// lock or a claim is already held by the transaction that asks for it; others wait (busy timeout) and then see
/// its committed work. Asking outside a transaction is a mistake in the caller and is refused.
/// </summary>
public sealed class SqliteDialect : IDatabaseDialect
{
    public static readonly SqliteDialect Instance = new();

    public Task TakeTurnAsync(ComplianceDbContext db, WriterLock which, CancellationToken ct) => InTransaction(db);

    public Task LockRowsAsync(ComplianceDbContext db, FormattableString select, CancellationToken ct) => InTransaction(db);

    public FormattableString SkippingClaimed(FormattableString select) => select;

    private static Task InTransaction(ComplianceDbContext db) => db.Database.CurrentTransaction is null
        ? throw new InvalidOperationException("A lock was asked for outside a transaction: it would be released at once.")
        : Task.CompletedTask;

    public async Task<HashSet<(Guid Recipient, string Kind, string Subject, DateOnly DueOn)>> InsertRemindersAsync(
        ComplianceDbContext db, IReadOnlyList<DueReminder> batch, Guid?[] messageIds, DateTime nowUtc, CancellationToken ct)
    {
        await InTransaction(db);
        // One small prepared insert per row inside the transaction: on a local file that is as fast as a batch.
        var claimed = new HashSet<(Guid, string, string, DateOnly)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var r = batch[i];
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO reminder_deliveries (id, recipient_id, kind, subject, due_on, message_id, claimed_at_utc)
                VALUES ({Guid.NewGuid()}, {r.RecipientId}, {r.Kind}, {r.Subject}, {r.DueOn}, {messageIds[i]}, {nowUtc})
                ON CONFLICT (recipient_id, kind, subject, due_on) DO NOTHING
                """, ct);
            if (inserted == 1) claimed.Add(r.Key);
        }
        return claimed;
    }

    /// <summary>
    /// secure_delete overwrites the deleted rows in the database file, but the write-ahead log still holds the
    /// pages as they were until it is reused: checkpoint it into the file and truncate it. (A reader that is
    /// part-way through keeps the log alive until it finishes; the next purge or checkpoint then clears it.)
    /// </summary>
    public async Task ForgetDeletedAsync(ComplianceDbContext db, CancellationToken ct) =>
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);

    public Task<IEmployeeBulkWriter> BeginEmployeeImportAsync(ComplianceDbContext db, CancellationToken ct) =>
        SqliteEmployeeBulkWriter.BeginAsync(db, ct);
}
