using Compliance.Core.Data.Providers;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Data;

/// <summary>The writers that must take turns: each has one lock, held to the end of the writer's transaction.</summary>
public enum WriterLock : long
{
    /// <summary>The audit chain: one writer at a time, so two entries never follow the same head.</summary>
    AuditChain = 0x41554449545F4348, // "AUDIT_CH"
    /// <summary>The set of administrators: two changes at once could leave none active.</summary>
    Administrators = 0x4143434F554E5453, // "ACCOUNTS"
}

/// <summary>
/// The one seam between the use cases and the database engine: every guarantee that rests on what an engine
/// offers (locks, claims, bulk loading) is asked for here, and each provider keeps it its own way. PostgreSQL
/// locks rows and skips locked ones, so several instances work side by side; SQLite has one writer at a time,
/// and every write transaction takes the write lock at its start (<c>BEGIN IMMEDIATE</c>), so a transaction
/// that reads and then writes already holds what a row lock would give it.
/// </summary>
public interface IDatabaseDialect
{
    /// <summary>Waits until no other transaction holds <paramref name="which"/>, then holds it until this one ends.</summary>
    Task TakeTurnAsync(ComplianceDbContext db, WriterLock which, CancellationToken ct);

    /// <summary>Locks the rows <paramref name="select"/> finds until the transaction ends (other writers wait).</summary>
    Task LockRowsAsync(ComplianceDbContext db, FormattableString select, CancellationToken ct);

    /// <summary>A row-choosing subquery as a claim: rows another instance is claiming at this moment are skipped.</summary>
    FormattableString SkippingClaimed(FormattableString select);

    /// <summary>Inserts the reminder deliveries that are not there yet; returns the keys this call inserted.</summary>
    Task<HashSet<(Guid Recipient, string Kind, string Subject, DateOnly DueOn)>> InsertRemindersAsync(
        ComplianceDbContext db, IReadOnlyList<Reminders.DueReminder> batch, Guid?[] messageIds, DateTime nowUtc, CancellationToken ct);

    /// <summary>New rows of one entity, written within the caller's transaction a batch at a time, never a statement per row.</summary>
    Task InsertNewAsync<T>(ComplianceDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class;

    /// <summary>
    /// After rows were deleted so that nothing of them may remain (a purged report): makes sure no copy of their
    /// pages is left behind in the database's own files where the engine keeps them.
    /// </summary>
    Task ForgetDeletedAsync(ComplianceDbContext db, CancellationToken ct);

    /// <summary>
    /// Starts a transaction that only reads and sees the database as it stood at its first read, whatever is written
    /// meanwhile, without holding up writers (an evidence pack is made from one consistent view).
    /// </summary>
    Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginSnapshotAsync(ComplianceDbContext db, CancellationToken ct);

    /// <summary>Starts a bulk load of employees inside the caller's transaction; nothing is written until it finishes.</summary>
    Task<IEmployeeBulkWriter> BeginEmployeeImportAsync(ComplianceDbContext db, CancellationToken ct);
}

/// <summary>Many employees written at once, streamed, all or nothing with the caller's transaction.</summary>
public interface IEmployeeBulkWriter : IAsyncDisposable
{
    void Write(ValidEmployee row);

    /// <summary>Writes what was streamed: new employee numbers are added, known ones updated.</summary>
    Task<(int Created, int Updated)> FinishAsync(CancellationToken ct);
}

public static class DatabaseDialects
{
    public static IDatabaseDialect For(DbContext db) => db.Database.IsSqlite() ? SqliteDialect.Instance : PostgresDialect.Instance;

    public static async Task<(int Created, int Updated)> WriteAllAsync(this IDatabaseDialect dialect, ComplianceDbContext db, IEnumerable<ValidEmployee> rows, CancellationToken ct)
    {
        await using var writer = await dialect.BeginEmployeeImportAsync(db, ct);
        foreach (var row in rows) writer.Write(row);
        return await writer.FinishAsync(ct);
    }
}
