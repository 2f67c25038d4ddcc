using System.Security.Cryptography;
using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.Data.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// The one place that decides which database the app uses. <c>Compliance:Database:Provider</c> is <c>Sqlite</c>
/// (the default: a file, <c>compliance.db</c> in the data directory, for one instance) or <c>PostgreSQL</c>
/// (an existing server named by <c>ConnectionStrings:Compliance</c>, for several instances). Migrations are
/// applied, and the database's settings checked, before the app serves a request or runs a command.
/// </summary>
public static class DatabaseStartup
{
    public const string SqliteFileName = "compliance.db";

    /// <summary>The configured database; a SQLite file is named in the data directory unless a connection string names one.</summary>
    public static DatabaseTarget Target(IConfiguration configuration)
    {
        var provider = DatabaseTarget.ParseProvider(configuration["Compliance:Database:Provider"]);
        var connectionString = configuration.GetConnectionString("Compliance");
        // A person's change, and on either engine a report waiting for its turn (ReportAdmission), waits at most this
        // long; past it they are told at once (nothing saved, the words kept), never left to hang.
        var limit = configuration.GetValue("Compliance:Database:WriteWaitLimit", SqliteWriteGate.DefaultWaitLimit);
        if (limit <= TimeSpan.Zero || limit.TotalMilliseconds >= SqliteConnectionSettings.BusyTimeoutMilliseconds)
            throw new InvalidOperationException($"Compliance:Database:WriteWaitLimit is {limit}: give a time above zero and under the busy timeout of {SqliteConnectionSettings.BusyTimeoutMilliseconds / 1000} seconds, such as 00:00:05.");
        if (provider == DatabaseProvider.PostgreSQL)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Compliance:Database:Provider is PostgreSQL, but ConnectionStrings:Compliance is not set: name the server, database and account (see docs/data-and-backups.md).");
            return new DatabaseTarget(provider, connectionString);
        }
        var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? "" : connectionString);
        if (string.IsNullOrWhiteSpace(sqlite.DataSource)) sqlite.DataSource = Path.Combine(DataDirectory.Resolve(configuration), SqliteFileName);
        sqlite.Mode = SqliteOpenMode.ReadWriteCreate;
        sqlite.Pooling = true;
        sqlite.ForeignKeys = true;
        // Microsoft.Data.Sqlite retries a busy statement for this long too (seconds).
        sqlite.DefaultTimeout = SqliteConnectionSettings.BusyTimeoutMilliseconds / 1000;
        // Writers in this process queue for their turn rather than sleeping in SQLite's busy handler.
        SqliteWriteGate.For(sqlite.ToString()).WaitLimit = limit;
        return new DatabaseTarget(provider, sqlite.ToString());
    }

    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Compliance.Database");
        var target = services.GetRequiredService<DatabaseTarget>();
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            RefuseToLeaveAnEarlierClusterBehind(configuration, target);
            PrepareSqliteFile(target);
        }

        // The migrator's first look at its history table fails by design on a new database; that one expected
        // failure is not worth a red line in the log. Any real failure still stops start-up with its message.
        var options = target.Apply(new DbContextOptionsBuilder<ComplianceDbContext>())
            .UseLoggerFactory(services.GetRequiredService<ILoggerFactory>())
            .ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug)))
            .Options;
        await using var db = new ComplianceDbContext((DbContextOptions<ComplianceDbContext>)options);
        // Only a database that is behind is migrated: the migrator's lock is taken then, not at every start, so a
        // process killed while starting (a command, a crash) cannot leave the next start waiting on it.
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await using var guard = target.Provider == DatabaseProvider.Sqlite ? await MigrationGuard.TakeAsync(target, ct) : null;
            if (guard is not null) ClearAbandonedMigrationLock(target, logger);
            await db.Database.MigrateAsync(ct);
        }
        if (target.Provider == DatabaseProvider.Sqlite) await CheckSqliteSettingsAsync(db, target, ct);
        await Jobs.JobsSetup.InstallStorageSchemaAsync(target, ct);
        logger.LogInformation("{Database}", Describe(target));
        logger.LogInformation("{KeyRing}", KeyRing.Describe(configuration));
        await CheckKeyRingOpensCasesAsync(db, services.GetRequiredService<CaseKeyring>(), ct);
    }

    /// <summary>
    /// When the app starts serving, the audit chain's head is anchored outside the database, unless the chain fails
    /// its check: a checkpoint written then would seem to vouch for a chain whose entries or checkpoints were removed.
    /// The app still starts (people must be able to report), and says so at every start and on the audit page.
    /// </summary>
    public static async Task WriteStartCheckpointAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
        var anchor = scope.ServiceProvider.GetRequiredService<Compliance.Core.Auditing.AuditAnchor>();
        var verdict = await new Compliance.Core.Auditing.AuditVerifier(db, anchor).VerifyAsync(ct);
        if (!verdict.IsValid)
        {
            scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Compliance.Audit").LogCritical(
                "THE AUDIT TRAIL FAILED ITS CHECK: {Problem}. No checkpoint was written over it. Run verify-audit, keep a copy of the database and anchor/ as they are, and tell the directors.",
                verdict.Problem);
            return;
        }
        await anchor.WriteAsync(db, "start-up", ct);
    }

    /// <summary>What start-up says about the database: which one, and where (never a password).</summary>
    public static string Describe(DatabaseTarget target) => target.Provider == DatabaseProvider.Sqlite
        ? $"Database: SQLite file {new SqliteConnectionStringBuilder(target.ConnectionString).DataSource} (one instance; back it up with the backup command)."
        : $"Database: PostgreSQL {Redacted(target.ConnectionString)}.";

    private static string Redacted(string connectionString)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"database {b.Database} on {b.Host}{(b.Port is 5432 ? "" : ":" + b.Port)} as {b.Username}";
    }

    /// <summary>
    /// Earlier versions ran a PostgreSQL cluster of their own in <c>data/postgres</c>. Starting such an
    /// installation on a new, empty SQLite file would look as if every record had gone: unless the provider is
    /// named, it refuses to start and says how to go on.
    /// </summary>
    private static void RefuseToLeaveAnEarlierClusterBehind(IConfiguration configuration, DatabaseTarget target)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Compliance:Database:Provider"])) return;
        var cluster = Path.Combine(DataDirectory.Resolve(configuration), "postgres", "pgdata");
        if (!Directory.Exists(cluster) || File.Exists(new SqliteConnectionStringBuilder(target.ConnectionString).DataSource)) return;
        throw new InvalidOperationException(
            $"{cluster} holds the PostgreSQL database of an earlier version of the app, which no longer starts one of its own. " +
            "To keep using it, start that cluster and set Compliance__Database__Provider=PostgreSQL with ConnectionStrings__Compliance pointing at it (see the CHANGELOG); " +
            "to start afresh on SQLite instead, set Compliance__Database__Provider=Sqlite.");
    }

    /// <summary>
    /// A new database file is made readable by the app's own account only (its journal files take the same
    /// permissions), and put in WAL mode, which the file keeps.
    /// </summary>
    private static void PrepareSqliteFile(DatabaseTarget target)
    {
        var path = new SqliteConnectionStringBuilder(target.ConnectionString).DataSource;
        if (path != ":memory:" && !File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using (File.Create(path)) { }
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        using var connection = new SqliteConnection(target.ConnectionString);
        connection.Open();
        SqliteConnectionSettings.UseWriteAheadLog(connection);
    }

    /// <summary>
    /// The migrator marks a SQLite file as being migrated with a row that it removes when done; a process killed
    /// part-way leaves the row, and every later start would wait for it for ever. Every migration here runs
    /// while holding <see cref="MigrationGuard"/>, which the operating system releases when a process dies, so a
    /// mark found while holding the guard was left by a process that is gone: it is removed, and said so.
    /// </summary>
    private static void ClearAbandonedMigrationLock(DatabaseTarget target, ILogger logger)
    {
        using var connection = new SqliteConnection(target.ConnectionString);
        connection.Open();
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
        if (Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0) return;
        using var clear = connection.CreateCommand();
        clear.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
        if (clear.ExecuteNonQuery() > 0)
        {
            logger.LogWarning("A migration of the database was left unfinished by a process that ended part-way; its mark was removed and the migration runs again.");
        }
    }

    /// <summary>Refuses to start on a SQLite connection without the settings the app's guarantees rest on.</summary>
    private static async Task CheckSqliteSettingsAsync(ComplianceDbContext db, DatabaseTarget target, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var wrong = SqliteConnectionSettings.Check(db.Database.GetDbConnection());
            if (wrong.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The SQLite database {new SqliteConnectionStringBuilder(target.ConnectionString).DataSource} does not take the settings the app needs ({string.Join("; ", wrong)}). " +
                    "Keep it on a local disk (not a network share) that the app's account can write to.");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// An instance whose key ring is not the one that sealed the cases could open none of them: it refuses to
    /// start, saying so, rather than failing on every request about a case.
    /// </summary>
    public static async Task CheckKeyRingOpensCasesAsync(ComplianceDbContext db, CaseKeyring keyring, CancellationToken ct)
    {
        // The newest reports: a key ring restored from an older backup opens old reports but not these.
        var newest = await db.ReportCases.AsNoTracking().OrderByDescending(c => c.ReceivedOn).ThenByDescending(c => c.Id)
            .Select(c => c.WrappedDataKey).Take(3).ToListAsync(ct);
        try
        {
            foreach (var wrapped in newest.Where(w => w.Length > 0)) keyring.Unwrap(wrapped);
        }
        catch (CryptographicException)
        {
            throw new InvalidOperationException(
                "This instance's key ring cannot open the reports already in the database, so it would fail on every case. " +
                "Give it the key ring the other instances use (Compliance:KeyRing:Store = Database with the same certificate, or the same keys folder restored from backup); see docs/data-and-backups.md.");
        }
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

/// <summary>
/// One migrating process at a time on a SQLite file: an exclusive lock on <c>compliance.db.migrating</c> beside it,
/// which the operating system drops when the holder ends, however it ends.
/// </summary>
public sealed class MigrationGuard : IAsyncDisposable
{
    private readonly FileStream _file;

    private MigrationGuard(FileStream file) => _file = file;

    public static async Task<MigrationGuard> TakeAsync(DatabaseTarget target, CancellationToken ct)
    {
        var path = new SqliteConnectionStringBuilder(target.ConnectionString).DataSource + ".migrating";
        while (true)
        {
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                return new MigrationGuard(new FileStream(path, options));
            }
            catch (IOException)
            {
                // Another process is migrating: wait for it.
                await Task.Delay(200, ct);
            }
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
