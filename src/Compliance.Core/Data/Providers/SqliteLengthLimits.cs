using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Compliance.Core.Data.Providers;

/// <summary>
/// PostgreSQL refuses a value longer than its column (<c>varchar(n)</c>); SQLite keeps any length. So that a
/// value too long for its column is refused on both, and nothing is saved, SQLite's saves are checked against
/// the model's maximum lengths first.
/// </summary>
public sealed class SqliteLengthLimits : SaveChangesInterceptor
{
    public static readonly SqliteLengthLimits Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? db)
    {
        if (db is null) return;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is not string text || property.Metadata.GetMaxLength() is not { } max || text.Length <= max) continue;
                if (entry.State == EntityState.Modified && !property.IsModified) continue;
                throw new DbUpdateException(
                    $"{entry.Metadata.GetTableName()}.{property.Metadata.GetColumnName()} holds at most {max} characters; {text.Length} were given. Nothing was saved.",
                    [entry]);
            }
        }
    }
}
