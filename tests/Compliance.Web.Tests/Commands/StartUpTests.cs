using System.Net;
using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Web.Tests.Commands;

/// <summary>The app started as an operator starts it: its own process, from a folder that is not its own, on a new database.</summary>
public sealed class StartUpTests : IAsyncLifetime
{
    private string _connectionString = "";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "compliance-test-data", Guid.NewGuid().ToString("N"));
    private readonly string _elsewhere = Path.Combine(Path.GetTempPath(), "compliance-test-data", "elsewhere-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabase.CreateDatabaseAsync();
        Directory.CreateDirectory(_elsewhere);
    }

    public Task DisposeAsync()
    {
        foreach (var d in new[] { _dataDirectory, _elsewhere }) if (Directory.Exists(d)) Directory.Delete(d, true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Started_from_another_folder_the_app_uses_its_own_settings_and_files_and_starts_without_alarming_lines()
    {
        await using var app = await AppProcess.StartAsync(_connectionString, _dataDirectory, workingDirectory: _elsewhere);
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var css = await http.GetAsync("/css/site.css");
        Assert.True(css.StatusCode == HttpStatusCode.OK, $"The stylesheet gave {(int)css.StatusCode}.\n{app.Output}");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/report")).StatusCode);
        await Task.Delay(500);

        var log = app.AllOutput;
        // appsettings.json keeps Entity Framework at Warning: no SQL in the log.
        Assert.DoesNotContain("Executed DbCommand", log);
        Assert.DoesNotContain("fail:", log);
        Assert.DoesNotContain("warn:", log);
        Assert.DoesNotContain("__EFMigrationsHistory", log);
        Assert.DoesNotContain("No XML encryptor configured", log);
        Assert.Contains("protected by file permissions only", log);
        var keys = Path.Combine(_dataDirectory, "keys");
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        Assert.NotEmpty(Directory.GetFiles(keys, "*.xml"));
    }

    [Fact]
    public async Task A_fresh_install_starts_on_a_sqlite_file_readable_by_its_owner_only()
    {
        await using var app = await AppProcess.StartAsync(null, _dataDirectory, workingDirectory: _elsewhere);
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        Assert.Contains("Set up your organisation", await http.GetStringAsync("/setup"));
        var file = Path.Combine(_dataDirectory, "compliance.db");
        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Contains("Database: SQLite file " + file, app.AllOutput);
    }

    [Fact]
    public async Task A_data_directory_from_a_version_that_ran_its_own_postgresql_is_not_silently_started_afresh()
    {
        Directory.CreateDirectory(Path.Combine(_dataDirectory, "postgres", "pgdata"));
        var refused = await Assert.ThrowsAsync<TimeoutException>(() => AppProcess.StartAsync(null, _dataDirectory, workingDirectory: _elsewhere));
        Assert.Contains("holds the PostgreSQL database of an earlier version of the app", refused.Message);
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "compliance.db")));
        // Named on purpose, SQLite starts afresh.
        await using var app = await AppProcess.StartAsync(null, _dataDirectory, new Dictionary<string, string> { ["Compliance__Database__Provider"] = "Sqlite" }, _elsewhere);
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "compliance.db")));
    }

    [Fact]
    public async Task An_unknown_database_provider_or_postgresql_without_a_connection_string_is_refused_with_what_to_set()
    {
        var unknown = await Assert.ThrowsAsync<TimeoutException>(() => AppProcess.StartAsync(null, _dataDirectory, new Dictionary<string, string> { ["Compliance__Database__Provider"] = "MySQL" }, _elsewhere));
        Assert.Contains("use Sqlite (the default) or PostgreSQL", unknown.Message);
        var noServer = await Assert.ThrowsAsync<TimeoutException>(() => AppProcess.StartAsync(null, _dataDirectory, new Dictionary<string, string> { ["Compliance__Database__Provider"] = "PostgreSQL" }, _elsewhere));
        Assert.Contains("ConnectionStrings:Compliance is not set", noServer.Message);
    }

    [SqliteFact]
    public async Task A_migration_left_unfinished_by_a_killed_process_does_not_stop_the_next_start()
    {
        // What a process killed in its first migration leaves: the migrator's mark, and nothing else.
        Directory.CreateDirectory(_dataDirectory);
        var file = Path.Combine(_dataDirectory, "compliance.db");
        await TestDatabase.ExecuteAsync($"Data Source={file}", """
            CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
            INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, datetime('now'));
            """);
        await using var app = await AppProcess.StartAsync(null, _dataDirectory, workingDirectory: _elsewhere);
        Assert.Contains("left unfinished by a process that ended part-way", app.AllOutput);
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>($"Data Source={file}", "SELECT count(*) FROM \"__EFMigrationsLock\""));
    }

    [Fact]
    public async Task A_certificate_named_in_the_settings_encrypts_the_key_ring_at_rest_and_reads_it_back()
    {
        var pfx = Path.Combine(_elsewhere, "key-ring.pfx");
        await TestCertificate.WritePfxAsync(pfx, "CN=Compliance key ring test", "pfx password");
        var settings = new Dictionary<string, string>
        {
            ["Compliance__KeyRing__Certificate"] = pfx,
            ["Compliance__KeyRing__CertificatePassword"] = "pfx password",
        };
        string key;
        await using (var app = await AppProcess.StartAsync(_connectionString, _dataDirectory, settings, _elsewhere))
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/report")).StatusCode);
            await Task.Delay(500);
            Assert.Contains("encrypted at rest with the certificate CN=Compliance key ring test", app.AllOutput);
            Assert.DoesNotContain("No XML encryptor configured", app.AllOutput);
            key = await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(_dataDirectory, "keys"), "*.xml").Single());
            Assert.Contains("EncryptedData", key);
            Assert.DoesNotContain("<value>", key);
        }

        // Started again, it reads its encrypted key back: the sign-in page's form is protected with it.
        await using var again = await AppProcess.StartAsync(_connectionString, _dataDirectory, settings, _elsewhere);
        using var client = new HttpClient { BaseAddress = new Uri(again.BaseUrl) };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/sign-in")).StatusCode);
        Assert.Single(Directory.GetFiles(Path.Combine(_dataDirectory, "keys"), "*.xml"));
        Assert.DoesNotContain("fail:", again.AllOutput);

        // A certificate that is not there stops start-up with a clear message rather than serving without its keys.
        settings["Compliance__KeyRing__Certificate"] = Path.Combine(_elsewhere, "missing.pfx");
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => AppProcess.StartAsync(_connectionString, _dataDirectory, settings, _elsewhere));
        Assert.Contains("missing.pfx, which does not exist", ex.Message);
    }
}
