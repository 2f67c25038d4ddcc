using System.Runtime.CompilerServices;
using Compliance.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Compliance.Core.Data.Providers;

/// <summary>PostgreSQL: advisory locks, row locks and <c>SKIP LOCKED</c> claims, so several instances share the work.</summary>
public sealed class PostgresDialect : IDatabaseDialect
{
    public static readonly PostgresDialect Instance = new();

    public async Task TakeTurnAsync(ComplianceDbContext db, WriterLock which, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({(long)which})", ct);

    public async Task LockRowsAsync(ComplianceDbContext db, FormattableString select, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync(Append(select, " FOR UPDATE"), ct);

    public FormattableString SkippingClaimed(FormattableString select) => Append(select, " FOR UPDATE SKIP LOCKED");

    private static FormattableString Append(FormattableString sql, string suffix) =>
        FormattableStringFactory.Create(sql.Format + suffix, sql.GetArguments());

    /// <summary>From this many rows, a binary COPY rather than tracked inserts (100,000 training completions: 20 s saved through the context).</summary>
    public const int CopyFrom = 1000;

    /// <summary>
    /// Fewer than <see cref="CopyFrom"/>: added to the context and saved (Npgsql sends them in batches). More: a
    /// binary COPY into the table inside the caller's transaction, each value converted by its column's own
    /// mapping as a save would, so the rows are the same either way.
    /// </summary>
    public async Task InsertNewAsync<T>(ComplianceDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        if (rows.Count < CopyFrom)
        {
            db.AddRange(rows);
            await db.SaveChangesAsync(ct);
            return;
        }
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => (Property: p, Column: p.GetColumnName(table)!, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping())).ToList();
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var names = string.Join(", ", columns.Select(c => $"\"{c.Column}\""));
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({names}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                foreach (var (property, _, mapping) in columns)
                {
                    var value = property.PropertyInfo is { } info ? info.GetValue(row) : property.FieldInfo?.GetValue(row);
                    if (value is not null && (mapping.Converter ?? property.GetValueConverter()) is { } converter) value = converter.ConvertToProvider(value);
                    if (value is null) await copy.WriteNullAsync(ct);
                    else await copy.WriteAsync(value, mapping.StoreTypeNameBase, ct);
                }
            }
            await copy.CompleteAsync(ct);
        }
    }

    public async Task<HashSet<(Guid Recipient, string Kind, string Subject, DateOnly DueOn)>> InsertRemindersAsync(
        ComplianceDbContext db, IReadOnlyList<DueReminder> batch, Guid?[] messageIds, DateTime nowUtc, CancellationToken ct)
    {
        // One statement for the whole batch: the sweep of a large organisation is thousands of rows.
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO reminder_deliveries (id, recipient_id, kind, subject, due_on, message_id, claimed_at_utc)
            SELECT gen_random_uuid(), r, k, s, d, m, @now
            FROM unnest(@recipients, @kinds, @subjects, @dues, @messages) AS t(r, k, s, d, m)
            ON CONFLICT (recipient_id, kind, subject, due_on) DO NOTHING
            RETURNING recipient_id, kind, subject, due_on
            """, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.AddWithValue("now", nowUtc);
        command.Parameters.AddWithValue("recipients", batch.Select(r => r.RecipientId).ToArray());
        command.Parameters.AddWithValue("kinds", batch.Select(r => r.Kind).ToArray());
        command.Parameters.AddWithValue("subjects", batch.Select(r => r.Subject).ToArray());
        command.Parameters.AddWithValue("dues", batch.Select(r => r.DueOn).ToArray());
        command.Parameters.AddWithValue("messages", messageIds);
        var claimed = new HashSet<(Guid, string, string, DateOnly)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3)));
        }
        return claimed;
    }

    /// <summary>PostgreSQL reclaims deleted rows' space itself (autovacuum); a dump never holds them.</summary>
    public Task ForgetDeletedAsync(ComplianceDbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Repeatable read: every statement sees the snapshot taken at the first one; readers never block writers.</summary>
    public async Task<IDbContextTransaction> BeginSnapshotAsync(ComplianceDbContext db, CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", ct);
        return tx;
    }

    public Task<Compliance.Core.Data.IEmployeeBulkWriter> BeginEmployeeImportAsync(ComplianceDbContext db, CancellationToken ct) =>
        PostgresEmployeeBulkWriter.BeginAsync(db, ct);
}
