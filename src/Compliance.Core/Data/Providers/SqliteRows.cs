using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Compliance.Core.Data.Providers;

/// <summary>
/// New rows of one entity written to SQLite several to a statement, inside the caller's transaction, with each
/// value converted exactly as EF Core would (the model's columns and type mappings). EF Core's SQLite provider
/// sends one INSERT per row; this prepares one multi-row INSERT and runs it again for each full chunk, so a sweep
/// of thousands of reminders parses a statement once per table and runs one per chunk, never one per row. Lengths are checked as <see cref="SqliteLengthLimits"/> checks a save.
/// </summary>
public static class SqliteRows
{
    /// <summary>
    /// Values in one statement. SQLite takes up to 32,766, but finds each named value by a scan of the names, so a
    /// statement's cost grows with the square of its values. Measured on the reminder sweep (docs/benchmarks.md):
    /// 1,000 values took twice as long as 100; 50 and 200 were both slower than 100.
    /// </summary>
    private const int MaxParameters = 100;

    /// <param name="suffix">Added after the VALUES list, such as an ON CONFLICT clause.</param>
    /// <param name="returning">A column to return, as text, from the rows actually inserted (RETURNING), or null.</param>
    public static async Task<List<string>> InsertAsync<T>(ComplianceDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct, string suffix = "", string? returning = null)
        where T : class
    {
        var inserted = new List<string>();
        if (rows.Count == 0) return inserted;
        if (db.Database.CurrentTransaction?.GetDbTransaction() is not { } transaction)
        {
            throw new InvalidOperationException("Rows are written in bulk only inside a transaction.");
        }
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => (Property: p, Column: p.GetColumnName(table)!)).ToList();
        // A plain insert goes one row to a statement, prepared once: binding is by name, and every extra row makes
        // each value's name longer to find (100,000 training completions: 3.7 s at nine rows a statement, 1.8 s at
        // one). An insert that skips conflicts and returns what it wrote keeps several rows a statement, as measured.
        var perStatement = suffix.Length == 0 && returning is null ? 1 : Math.Max(1, MaxParameters / columns.Count);
        var mappings = columns.Select(c => (RelationalTypeMapping)c.Property.GetRelationalTypeMapping()).ToArray();
        // One command per statement size, prepared once and run again with new values: every full chunk shares it.
        DbCommand? command = null;
        try
        {
            foreach (var chunk in rows.Chunk(perStatement))
            {
                if (command is null || command.Parameters.Count != chunk.Length * columns.Count)
                {
                    if (command is not null) await command.DisposeAsync();
                    command = transaction.Connection!.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = Statement(table.Name, columns.Select(c => c.Column).ToList(), chunk.Length, suffix, returning);
                }
                var first = command.Parameters.Count == 0;
                for (var r = 0; r < chunk.Length; r++)
                {
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var (property, column) = columns[c];
                        var value = Value(property, chunk[r]);
                        if (value is string text && property.GetMaxLength() is { } max && text.Length > max)
                        {
                            throw new DbUpdateException($"{table.Name}.{column} holds at most {max} characters; {text.Length} were given. Nothing was saved.");
                        }
                        // Each value converted by its column's own type mapping, as EF Core would write it.
                        var parameter = mappings[c].CreateParameter(command, Name(r, c), value, property.IsNullable);
                        if (first) command.Parameters.Add(parameter);
                        else command.Parameters[r * columns.Count + c] = parameter;
                    }
                }
                if (first) await command.PrepareAsync(ct);
                if (returning is null)
                {
                    await command.ExecuteNonQueryAsync(ct);
                    continue;
                }
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) inserted.Add(reader.GetString(0));
            }
        }
        finally
        {
            if (command is not null) await command.DisposeAsync();
        }
        return inserted;
    }

    private static string Name(int row, int column) => $"@p{row}_{column}";

    private static string Statement(string table, List<string> columns, int rows, string suffix, string? returning)
    {
        var sql = new StringBuilder($"INSERT INTO \"{table}\" (").AppendJoin(", ", columns.Select(c => $"\"{c}\"")).Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (").AppendJoin(", ", columns.Select((_, c) => Name(r, c))).Append(')');
        }
        sql.Append(' ').Append(suffix);
        if (returning is not null) sql.Append(" RETURNING \"").Append(returning).Append('"');
        return sql.ToString();
    }

    private static object? Value(IProperty property, object row) =>
        property.PropertyInfo is { } info ? info.GetValue(row) : property.FieldInfo?.GetValue(row);
}
