using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Compliance.Web.Infrastructure;

/// <summary>Holds the connection string once start-up has decided it.</summary>
public sealed class DatabaseConnection
{
    private string? _value;

    public string Value
    {
        get => _value ?? throw new InvalidOperationException("The database has not been prepared yet.");
        set => _value = value;
    }
}

/// <summary>
/// The one place that decides which PostgreSQL the app uses: <c>ConnectionStrings:Compliance</c> when set
/// (and then no local server is started), otherwise the app's own instance under the data directory.
/// Migrations are applied before the app serves a request or runs a command.
/// </summary>
public static class DatabaseStartup
{
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Compliance.Database");
        var connectionString = configuration.GetConnectionString("Compliance");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var dataDirectory = DataDirectory.Resolve(configuration);
            var local = new LocalPostgres(Path.Combine(dataDirectory, "postgres"), logger);
            connectionString = await local.EnsureStartedAsync("compliance", ct);
            if (local.StartedHere)
            {
                services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(local.Stop);
            }
        }
        services.GetRequiredService<DatabaseConnection>().Value = connectionString;

        // The migrator's first look at its history table fails by design on a new database; that one expected
        // failure is not worth a red line in the log. Any real failure still stops start-up with its message.
        var options = new DbContextOptionsBuilder<ComplianceDbContext>()
            .UseNpgsql(connectionString)
            .UseLoggerFactory(services.GetRequiredService<ILoggerFactory>())
            .ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug)))
            .Options;
        await using var db = new ComplianceDbContext(options);
        await db.Database.MigrateAsync(ct);
        logger.LogInformation("{KeyRing}", KeyRing.Describe(configuration));
    }

    /// <summary>When the app starts serving, the audit chain's head is anchored outside the database.</summary>
    public static async Task WriteStartCheckpointAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
        await scope.ServiceProvider.GetRequiredService<Compliance.Core.Auditing.AuditAnchor>().WriteAsync(db, "start-up", ct);
    }
}

public static class DataDirectory
{
    /// <summary><c>Compliance:DataDirectory</c>, default <c>./data</c>, made absolute and created.</summary>
    public static string Resolve(IConfiguration configuration)
    {
        var path = Path.GetFullPath(configuration["Compliance:DataDirectory"] is { Length: > 0 } configured ? configured : "data");
        Directory.CreateDirectory(path);
        return path;
    }
}
