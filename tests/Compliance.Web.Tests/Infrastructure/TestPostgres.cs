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

    private static async Task<string> StartAsync()
    {
        // One cluster per test process: test assemblies run in parallel and must not share (or stop) each other's server.
        var directory = Path.Combine(Path.GetTempPath(), "compliance-test-postgres", $"{Environment.UserName}-{Environment.ProcessId}");
        var local = new LocalPostgres(directory, NullLogger.Instance);
        var connectionString = await local.EnsureStartedAsync("postgres");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            local.Stop();
            try { Directory.Delete(local.ClusterDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return connectionString;
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
