using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Compliance.Core.Data.Providers;

/// <summary>
/// New rows of one entity written to SQLite a few hundred to a statement, inside the caller's transaction, with
/// each value converted exactly as EF Core would (the model's columns and type mappings). EF Core's SQLite
/// provider sends one INSERT per row; this sends one per chunk, so a sweep of thousands of reminders makes a
/// handful of statements. Lengths are checked as <see cref="SqliteLengthLimits"/> checks a save.
/// </summary>
public static class SqliteRows
{
    /// <summary>
    /// Values in one statement. SQLite takes up to 32,766, but finds each named value by a scan of the names, so a
    /// statement's cost grows with the square of its values: about a thousand is where more stops paying.
    /// </summary>
    private const int MaxParameters = 1_000;

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
        var perStatement = Math.Max(1, MaxParameters / columns.Count);
        foreach (var chunk in rows.Chunk(perStatement))
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder($"INSERT INTO \"{table.Name}\" (")
                .AppendJoin(", ", columns.Select(c => $"\"{c.Column}\"")).Append(") VALUES ");
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var (property, column) = columns[c];
                    var value = Value(property, chunk[r]);
                    if (value is string text && property.GetMaxLength() is { } max && text.Length > max)
                    {
                        throw new DbUpdateException($"{table.Name}.{column} holds at most {max} characters; {text.Length} were given. Nothing was saved.");
                    }
                    var name = $"@p{r}_{c}";
                    // Each value converted by its column's own type mapping, as EF Core would write it.
                    command.Parameters.Add(((RelationalTypeMapping)property.GetRelationalTypeMapping()).CreateParameter(command, name, value, property.IsNullable));
                    sql.Append(c == 0 ? "" : ", ").Append(name);
                }
                sql.Append(')');
            }
            sql.Append(' ').Append(suffix);
            if (returning is not null) sql.Append(" RETURNING \"").Append(returning).Append('"');
            command.CommandText = sql.ToString();
            if (returning is null)
            {
                await command.ExecuteNonQueryAsync(ct);
                continue;
            }
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) inserted.Add(reader.GetString(0));
        }
        return inserted;
    }

    private static object? Value(IProperty property, object row) =>
        property.PropertyInfo is { } info ? info.GetValue(row) : property.FieldInfo?.GetValue(row);
}
