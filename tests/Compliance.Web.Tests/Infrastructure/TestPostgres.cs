using Compliance.Web.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Compliance.Web.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL server per test process, started through the app's own <see cref="LocalPostgres"/>
/// (so that start-up path is exercised too); each fixture gets a fresh database created by the real migrations.
/// </summary>
public static class TestPostgres
{
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

    public static async Task<string> CreateDatabaseAsync()
    {
        var server = await Server.Value;
        var name = "test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>pg_dump of the whole database (schema and data), as an operator's backup would hold it.</summary>
    public static async Task<string> DumpAsync(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(LocalPostgres.FindBinDirectory(), "pg_dump"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-h", b.Host!, "-U", b.Username!, "--no-owner", b.Database! }) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "pg_dump failed: " + error);
        return await output;
    }

    public static async Task<int> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T));
    }
}
