using Compliance.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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
        // A few hundred claims to a statement; those already there are skipped, and the new ones' ids come back.
        var rows = batch.Select((r, i) => new ReminderDelivery(r.RecipientId, r.Kind, r.Subject, r.DueOn, messageIds[i], nowUtc)).ToList();
        var inserted = (await SqliteRows.InsertAsync(db, rows, ct, "ON CONFLICT (recipient_id, kind, subject, due_on) DO NOTHING", returning: "id"))
            .Select(Guid.Parse).ToHashSet();
        return [.. batch.Where((r, i) => inserted.Contains(rows[i].Id)).Select(r => r.Key)];
    }

    public async Task InsertNewAsync<T>(ComplianceDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        await InTransaction(db);
        await SqliteRows.InsertAsync(db, rows, ct);
    }

    /// <summary>
    /// A deferred transaction: in WAL mode its first read fixes what it sees, and it never takes the write lock.
    /// EF Core does not own a transaction it is handed, so disposing what is returned ends it here, and the
    /// connection can begin another.
    /// </summary>
    public async Task<IDbContextTransaction> BeginSnapshotAsync(ComplianceDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        var tx = connection.BeginTransaction(deferred: true);
        var used = await db.Database.UseTransactionAsync(tx, ct) ?? throw new InvalidOperationException("The read transaction could not be started.");
        return new OwnedTransaction(used, tx);
    }

    private sealed class OwnedTransaction(IDbContextTransaction inner, System.Data.Common.DbTransaction owned) : IDbContextTransaction
    {
        public Guid TransactionId => inner.TransactionId;
        public void Commit() => inner.Commit();
        public Task CommitAsync(CancellationToken ct = default) => inner.CommitAsync(ct);
        public void Rollback() => inner.Rollback();
        public Task RollbackAsync(CancellationToken ct = default) => inner.RollbackAsync(ct);

        public void Dispose()
        {
            inner.Dispose();
            owned.Dispose();
        }

        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await owned.DisposeAsync();
        }
    }

    /// <summary>
    /// secure_delete overwrites the deleted rows in the database file, but the write-ahead log still holds the
    /// pages as they were until it is reused: checkpoint it into the file and truncate it. (A reader that is
    /// part-way through keeps the log alive until it finishes; the checkpoint does not wait for it, and the next
    /// round of <c>WriteAheadLogTrim</c>, within a minute, clears it.) It takes the write lock, so it waits its turn.
    /// </summary>
    public async Task ForgetDeletedAsync(ComplianceDbContext db, CancellationToken ct)
    {
        // One connection throughout, the busy timeout put back whatever the checkpoint does: the handle goes back to
        // the pool with its settings, which are not sent again when it is next opened.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA busy_timeout = 0; PRAGMA wal_checkpoint(TRUNCATE);", ct);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync($"PRAGMA busy_timeout = {SqliteConnectionSettings.BusyTimeoutMilliseconds};", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    public Task<IEmployeeBulkWriter> BeginEmployeeImportAsync(ComplianceDbContext db, CancellationToken ct) =>
        SqliteEmployeeBulkWriter.BeginAsync(db, ct);
}
