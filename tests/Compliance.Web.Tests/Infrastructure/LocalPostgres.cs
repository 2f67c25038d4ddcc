using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Compliance.Web.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the tests (and benchmarks) that run on PostgreSQL, from the machine's
/// PostgreSQL binaries. Its cluster lives in a folder of its own and listens only on a Unix socket inside it (no
/// TCP port). PostgreSQL refuses to run as root, so under root the cluster belongs to the <c>postgres</c> account.
/// </summary>
public sealed class LocalPostgres(string clusterDirectory, ILogger logger)
{
    private const string SuperUser = "compliance";
    private const string SystemAccount = "postgres";
    private static readonly bool IsRoot = Environment.UserName == "root";

    public string ClusterDirectory { get; private set; } = Path.GetFullPath(clusterDirectory);
    private string DataPath => Path.Combine(ClusterDirectory, "pgdata");
    private string SocketPath => Path.Combine(ClusterDirectory, "socket");

    /// <summary>True when this process started the server (and so should stop it).</summary>
    public bool StartedHere { get; private set; }

    /// <summary>Initialises the cluster if needed, starts it if not running, creates the database; returns its connection string.</summary>
    public async Task<string> EnsureStartedAsync(string database, CancellationToken ct = default)
    {
        var bin = FindBinDirectory();
        Directory.CreateDirectory(ClusterDirectory);
        if (IsRoot && !Run("runuser", ["-u", SystemAccount, "--", "test", "-x", ClusterDirectory], throwOnError: false))
        {
            // A folder under /root is out of the postgres account's reach; keep the cluster in a folder of its own.
            var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ClusterDirectory)))[..16];
            var fallback = Path.Combine("/var/lib/compliance", key);
            logger.LogWarning("The postgres account cannot reach {Directory}; its database cluster is kept in {Fallback} instead", ClusterDirectory, fallback);
            ClusterDirectory = fallback;
            Directory.CreateDirectory(ClusterDirectory);
        }
        Directory.CreateDirectory(SocketPath);
        if (IsRoot)
        {
            Run("chown", ["-R", $"{SystemAccount}:{SystemAccount}", ClusterDirectory]);
        }
        Run("chmod", ["700", ClusterDirectory]);

        if (!File.Exists(Path.Combine(DataPath, "PG_VERSION")))
        {
            logger.LogInformation("Creating the app's PostgreSQL cluster in {Directory}", DataPath);
            AsOwner(Path.Combine(bin, "initdb"), ["-D", DataPath, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"]);
        }
        if (!AsOwner(Path.Combine(bin, "pg_ctl"), ["status", "-D", DataPath], throwOnError: false))
        {
            logger.LogInformation("Starting the app's PostgreSQL instance (socket in {Socket})", SocketPath);
            AsOwner(Path.Combine(bin, "pg_ctl"), ["start", "-D", DataPath, "-w", "-t", "120", "-l", Path.Combine(ClusterDirectory, "postgres.log"),
                "-o", $"-c listen_addresses='' -k \"{SocketPath}\" -c unix_socket_permissions=0700 -c max_connections=200"]);
            StartedHere = true;
        }

        var admin = new NpgsqlConnectionStringBuilder { Host = SocketPath, Username = SuperUser, Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "")}\"", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
        }
        return new NpgsqlConnectionStringBuilder { Host = SocketPath, Username = SuperUser, Database = database }.ConnectionString;
    }

    public void Stop()
    {
        if (File.Exists(Path.Combine(DataPath, "postmaster.pid")))
        {
            AsOwner(Path.Combine(FindBinDirectory(), "pg_ctl"), ["stop", "-D", DataPath, "-m", "fast", "-w"], throwOnError: false);
        }
    }

    public static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("COMPLIANCE_PG_BIN");
        if (!string.IsNullOrEmpty(configured) && File.Exists(Path.Combine(configured, "initdb")))
        {
            return configured;
        }
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL's server programs were not found. Install them (sudo apt-get install postgresql), " +
            "or set ConnectionStrings__Compliance to use an existing PostgreSQL server.");
    }

    private bool AsOwner(string program, string[] args, bool throwOnError = true) =>
        IsRoot ? Run("runuser", ["-u", SystemAccount, "--", program, .. args], throwOnError) : Run(program, args, throwOnError);

    private static bool Run(string program, IEnumerable<string> args, bool throwOnError = true)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0 && throwOnError)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed (exit {process.ExitCode}): {stderr.Result.Trim()} {stdout.Result.Trim()}".Trim());
        }
        return process.ExitCode == 0;
    }
}
