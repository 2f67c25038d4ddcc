using System.Data.Common;
using System.Text;
using Compliance.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Compliance.Web.Tests.Infrastructure;

/// <summary>
/// The database each test runs on: SQLite (a fresh file per fixture) or PostgreSQL (a fresh database per fixture
/// on one throwaway server per test process), chosen by the environment variable <c>COMPLIANCE_TEST_DATABASE</c>
/// (<c>Sqlite</c>, the default, or <c>PostgreSQL</c>). <c>scripts/test.sh</c> runs the suite once on each. Every
/// database is made by the real migrations of its provider.
/// </summary>
public static class TestDatabase
{
    public static DatabaseProvider Provider { get; } =
        DatabaseTarget.ParseProvider(Environment.GetEnvironmentVariable("COMPLIANCE_TEST_DATABASE"));

    public static bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    /// <summary>The settings, as environment variables, that point an app process at this provider.</summary>
    public static string ProviderSetting => Provider.ToString();

    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    /// <summary>The test server's folder, holding its own log (postgres.log).</summary>
    public static string ClusterDirectory { get; private set; } = "";

    private static async Task<string> StartAsync()
    {
        // One cluster per test process: test assemblies run in parallel and must not share (or stop) each other's server.
        var root = Path.Combine(Path.GetTempPath(), "compliance-test-postgres");
        RemoveAbandoned(root);
        var directory = Path.Combine(root, $"{Environment.UserName}-{Environment.ProcessId}");
        var local = new LocalPostgres(directory, NullLogger.Instance);
        var connectionString = await local.EnsureStartedAsync("postgres");
        ClusterDirectory = local.ClusterDirectory;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            local.Stop();
            TryDelete(local.ClusterDirectory);
        };
        return connectionString;
    }

    /// <summary>
    /// Clusters left by test processes that have ended (one that was killed, or whose exit was cut short, never
    /// removes its own): each is stopped if still running and deleted, so runs do not fill the disk.
    /// </summary>
    private static void RemoveAbandoned(string root)
    {
        if (!Directory.Exists(root)) return;
        var prefix = Environment.UserName + "-";
        foreach (var directory in Directory.GetDirectories(root))
        {
            var name = Path.GetFileName(directory);
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !int.TryParse(name[prefix.Length..], out var pid)) continue;
            if (pid == Environment.ProcessId || IsRunning(pid)) continue;
            new LocalPostgres(directory, NullLogger.Instance).Stop();
            TryDelete(directory);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    public static DatabaseTarget Target(string connectionString) => new(Provider, connectionString);

    public static ComplianceDbContext NewDbContext(string connectionString) => new(Target(connectionString).Options());

    /// <summary>
    /// Closes the idle pooled connections to a database whose app has stopped, at once rather than after the pool's
    /// idle lifetime of five minutes: a run starts some 80 apps, and their idle connections would otherwise
    /// outnumber what the PostgreSQL server takes.
    /// </summary>
    public static void ClosePooledConnections(string connectionString)
    {
        if (string.IsNullOrEmpty(connectionString)) return;
        if (IsSqlite) SqliteConnection.ClearPool(new SqliteConnection(connectionString));
        else NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
    }

    /// <summary>A new, empty database (not yet migrated): for the tests of start-up and the commands, which make their own.</summary>
    public static Task<string> CreateDatabaseAsync() => NewDatabaseAsync(template: null);

    /// <summary>
    /// A new database already made by the app's own migrations, as its start-up would leave it: a copy of one
    /// migrated once per test process (a file copy on SQLite; <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL), so an
    /// app started on it finds no migration pending and its tests do not each pay for running them all.
    /// </summary>
    public static async Task<string> CreateMigratedDatabaseAsync() => await NewDatabaseAsync(await Migrated.Value);

    private static readonly Lazy<Task<string>> Migrated = new(MigrateTemplateAsync);

    private static async Task<string> NewDatabaseAsync(string? template)
    {
        if (IsSqlite)
        {
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "compliance-test-sqlite", Environment.ProcessId.ToString())).FullName;
            var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db");
            if (template is not null)
            {
                File.Copy(new SqliteConnectionStringBuilder(template).DataSource, path);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            return new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        }
        var server = await Server.Value;
        var name = "test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            var from = template is null ? "" : $" TEMPLATE {new NpgsqlConnectionStringBuilder(template).Database}";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}{from}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// The database every app fixture is copied from: migrated, with the job store's schema on PostgreSQL, in WAL mode
    /// on SQLite with its log folded into the file. It is made over connections that are not pooled, so none is left
    /// open on it (a PostgreSQL template must have no one connected) and no other test's pool is touched.
    /// </summary>
    private static async Task<string> MigrateTemplateAsync()
    {
        var connectionString = await NewDatabaseAsync(template: null);
        var unpooled = IsSqlite
            ? new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString()
            : new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        if (IsSqlite)
        {
            await using var file = new SqliteConnection(unpooled);
            await file.OpenAsync();
            Compliance.Core.Data.Providers.SqliteConnectionSettings.UseWriteAheadLog(file);
        }
        await using (var db = NewDbContext(unpooled))
        {
            await db.Database.MigrateAsync();
        }
        await Compliance.Web.Jobs.JobsSetup.InstallStorageSchemaAsync(Target(unpooled), CancellationToken.None);
        if (IsSqlite) await ExecuteAsync(unpooled, "PRAGMA wal_checkpoint(TRUNCATE);");
        return connectionString;
    }

    /// <summary>
    /// Everything the database holds, as an operator's backup would: pg_dump of the whole database on PostgreSQL;
    /// on SQLite the file itself with its write-ahead log, byte for byte (so a value kept anywhere in it is found).
    /// </summary>
    /// <param name="schema">On PostgreSQL, only this schema.</param>
    public static async Task<string> DumpAsync(string connectionString, string? schema = null)
    {
        if (IsSqlite)
        {
            var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
            var bytes = new List<byte>(await File.ReadAllBytesAsync(path));
            if (File.Exists(path + "-wal")) bytes.AddRange(await File.ReadAllBytesAsync(path + "-wal"));
            return Encoding.Latin1.GetString([.. bytes]);
        }
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(LocalPostgres.FindBinDirectory(), "pg_dump"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-h", b.Host!, "-U", b.Username!, "--no-owner", b.Database! }) start.ArgumentList.Add(arg);
        if (schema is not null) start.ArgumentList.Add("--schema=" + schema);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        (process.ExitCode == 0).Should().BeTrue("pg_dump failed: " + error);
        return await output;
    }

    private static async Task<DbConnection> OpenAsync(string connectionString)
    {
        DbConnection connection = IsSqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (IsSqlite) Compliance.Core.Data.Providers.SqliteConnectionSettings.Apply(connection);
        return connection;
    }

    public static async Task<int> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Runs SQL as an insider with direct access to the database would: with the triggers that guard the audit
    /// trail and approved revisions out of the way (PostgreSQL: replica mode; SQLite: the triggers dropped).
    /// </summary>
    public static Task<int> AsInsiderAsync(string connectionString, string sql) => IsSqlite
        ? ExecuteAsync(connectionString, "DROP TRIGGER IF EXISTS audit_entries_no_update; DROP TRIGGER IF EXISTS audit_entries_no_delete; " + sql)
        : ExecuteAsync(connectionString, "SET session_replication_role = replica; " + sql);

    /// <summary>A GUID as the database keeps it, for SQL written by hand: lower-case on PostgreSQL, upper-case text on SQLite.</summary>
    public static string Literal(Guid id) => IsSqlite ? $"'{id.ToString().ToUpperInvariant()}'" : $"'{id}'";

    /// <summary>Today minus some days, in SQL either database understands for a date column.</summary>
    public static string DaysAgo(int days) => IsSqlite ? $"date('now', '-{days} days')" : $"(current_date - {days})";

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        if (value is null or DBNull) return default;
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return type == typeof(Guid) ? (T)(object)Guid.Parse(value.ToString()!)
            : type == typeof(bool) && value is long l ? (T)(object)(l != 0)
            : (T)Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture);
    }
}
