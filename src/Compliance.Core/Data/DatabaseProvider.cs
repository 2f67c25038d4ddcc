using Compliance.Core.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Data;

/// <summary>The two databases the app runs on: a file (the default, one instance) or a PostgreSQL server (several).</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>Which database, and how to reach it: <c>Compliance:Database:Provider</c> and <c>ConnectionStrings:Compliance</c>.</summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The assembly holding each provider's migrations, both made from the one model.</summary>
    public string MigrationsAssembly => Provider switch
    {
        DatabaseProvider.Sqlite => "Compliance.Data.Sqlite",
        _ => "Compliance.Data.PostgreSQL",
    };

    /// <summary>Points EF Core at this database, with the settings every connection to it must have.</summary>
    public DbContextOptionsBuilder Apply(DbContextOptionsBuilder options) => Provider switch
    {
        DatabaseProvider.Sqlite => options
            .UseSqlite(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly))
            // Writers queue for their turn (SqliteWriteTurns) before anything else happens in a write, and pass it on
            // before what runs after a commit.
            .ReplaceService<Microsoft.EntityFrameworkCore.Storage.IRelationalTransactionFactory, SqliteGatedTransactionFactory>()
            .AddInterceptors(SqliteConnectionSettings.Instance, SqliteLengthLimits.Instance, SqliteWriteTurns.Instance, EvidenceWrites.Instance, AfterCommitRunner.Instance),
        _ => options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly)).AddInterceptors(EvidenceWrites.Instance, AfterCommitRunner.Instance),
    };

    public DbContextOptions<ComplianceDbContext> Options() =>
        ((DbContextOptionsBuilder<ComplianceDbContext>)Apply(new DbContextOptionsBuilder<ComplianceDbContext>())).Options;

    /// <summary>Reads the provider's name as configured; an unknown one is refused with the names that work.</summary>
    public static DatabaseProvider ParseProvider(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured)) return DatabaseProvider.Sqlite;
        if (configured.Trim().Equals("Sqlite", StringComparison.OrdinalIgnoreCase)) return DatabaseProvider.Sqlite;
        if (configured.Trim() is var p && (p.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) || p.Equals("Postgres", StringComparison.OrdinalIgnoreCase)))
            return DatabaseProvider.PostgreSQL;
        throw new InvalidOperationException($"Compliance:Database:Provider is \"{configured}\": use Sqlite (the default) or PostgreSQL.");
    }
}
