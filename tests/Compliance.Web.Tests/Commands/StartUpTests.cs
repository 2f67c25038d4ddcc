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
        (css.StatusCode == HttpStatusCode.OK).Should().BeTrue($"The stylesheet gave {(int)css.StatusCode}.\n{app.Output}");
        (css.Content.Headers.ContentType?.MediaType).Should().Be("text/css");
        (await http.GetAsync("/report")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Task.Delay(500);

        var log = app.AllOutput;
        // appsettings.json keeps Entity Framework at Warning: no SQL in the log.
        log.Should().NotContain("Executed DbCommand");
        log.Should().NotContain("fail:");
        log.Should().NotContain("warn:");
        log.Should().NotContain("__EFMigrationsHistory");
        log.Should().NotContain("No XML encryptor configured");
        log.Should().Contain("protected by file permissions only");
        var keys = Path.Combine(_dataDirectory, "keys");
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(keys).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.GetFiles(keys, "*.xml").Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_fresh_install_starts_on_a_sqlite_file_readable_by_its_owner_only()
    {
        await using var app = await AppProcess.StartAsync(null, _dataDirectory, workingDirectory: _elsewhere);
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        (await http.GetStringAsync("/setup")).Should().Contain("Set up your organisation");
        var file = Path.Combine(_dataDirectory, "compliance.db");
        File.Exists(file).Should().BeTrue();
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        app.AllOutput.Should().Contain("Database: SQLite file " + file);
    }

    [Fact]
    public async Task A_data_directory_from_a_version_that_ran_its_own_postgresql_is_not_silently_started_afresh()
    {
        Directory.CreateDirectory(Path.Combine(_dataDirectory, "postgres", "pgdata"));
        var refused = (await FluentActions.Awaiting(() => AppProcess.StartAsync(null, _dataDirectory, workingDirectory: _elsewhere)).Should().ThrowExactlyAsync<TimeoutException>()).Which;
        refused.Message.Should().Contain("holds the PostgreSQL database of an earlier version of the app");
        File.Exists(Path.Combine(_dataDirectory, "compliance.db")).Should().BeFalse();
        // Named on purpose, SQLite starts afresh.
        await using var app = await AppProcess.StartAsync(null, _dataDirectory, new Dictionary<string, string> { ["Compliance__Database__Provider"] = "Sqlite" }, _elsewhere);
        File.Exists(Path.Combine(_dataDirectory, "compliance.db")).Should().BeTrue();
    }

    [Fact]
    public async Task An_unknown_database_provider_or_postgresql_without_a_connection_string_is_refused_with_what_to_set()
    {
        var unknown = (await FluentActions.Awaiting(() => AppProcess.StartAsync(null, _dataDirectory, new Dictionary<string, string> { ["Compliance__Database__Provider"] = "MySQL" }, _elsewhere)).Should().ThrowExactlyAsync<TimeoutException>()).Which;
        unknown.Message.Should().Contain("use Sqlite (the default) or PostgreSQL");
        var noServer = (await FluentActions.Awaiting(() => AppProcess.StartAsync(null, _dataDirectory, new Dictionary<string, string> { ["Compliance__Database__Provider"] = "PostgreSQL" }, _elsewhere)).Should().ThrowExactlyAsync<TimeoutException>()).Which;
        noServer.Message.Should().Contain("ConnectionStrings:Compliance is not set");
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
        app.AllOutput.Should().Contain("left unfinished by a process that ended part-way");
        (await TestDatabase.ScalarAsync<long>($"Data Source={file}", "SELECT count(*) FROM \"__EFMigrationsLock\"")).Should().Be(0L);
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
            (await http.GetAsync("/report")).StatusCode.Should().Be(HttpStatusCode.OK);
            await Task.Delay(500);
            app.AllOutput.Should().Contain("encrypted at rest with the certificate CN=Compliance key ring test");
            app.AllOutput.Should().NotContain("No XML encryptor configured");
            key = await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(_dataDirectory, "keys"), "*.xml").Single());
            key.Should().Contain("EncryptedData");
            key.Should().NotContain("<value>");
        }

        // Started again, it reads its encrypted key back: the sign-in page's form is protected with it.
        await using var again = await AppProcess.StartAsync(_connectionString, _dataDirectory, settings, _elsewhere);
        using var client = new HttpClient { BaseAddress = new Uri(again.BaseUrl) };
        (await client.GetAsync("/account/sign-in")).StatusCode.Should().Be(HttpStatusCode.OK);
        Directory.GetFiles(Path.Combine(_dataDirectory, "keys"), "*.xml").Should().ContainSingle();
        again.AllOutput.Should().NotContain("fail:");

        // A certificate that is not there stops start-up with a clear message rather than serving without its keys.
        settings["Compliance__KeyRing__Certificate"] = Path.Combine(_elsewhere, "missing.pfx");
        var ex = (await FluentActions.Awaiting(() => AppProcess.StartAsync(_connectionString, _dataDirectory, settings, _elsewhere)).Should().ThrowExactlyAsync<TimeoutException>()).Which;
        ex.Message.Should().Contain("missing.pfx, which does not exist");
    }
}
