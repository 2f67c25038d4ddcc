using System.Diagnostics;
using Compliance.Web.Infrastructure;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Compliance.Web.Tests.Data;

/// <summary>
/// The app on its SQLite file as it is installed (no database settings at all), under real concurrent load, a
/// SIGKILL, and an online backup. Each test starts the built app as a process of its own.
/// </summary>
public sealed class SqliteUnderLoadTests : IAsyncLifetime
{
    private readonly SeededInstall _install = new("sqlite", employees: 50);
    private string Folder => _install.Folder;
    private string Data => _install.Data;
    private string DatabaseFile => Path.Combine(Data, DatabaseStartup.SqliteFileName);

    /// <summary>The page's limits lifted: every client here shares one address.</summary>
    private static readonly Dictionary<string, string> NoLimits = new()
    {
        ["Compliance__Cases__ReportsPerClientPerHour"] = "1000000",
        ["Compliance__Cases__ReportsPerHour"] = "1000000",
    };

    public Task InitializeAsync() => _install.CreateAsync();

    public Task DisposeAsync()
    {
        _install.Delete();
        return Task.CompletedTask;
    }

    [SqliteFact]
    public async Task A_thousand_reports_from_fifty_concurrent_clients_all_succeed_and_every_key_opens_its_report()
    {
        await using var server = await AppProcess.StartAsync(null, Data, NoLimits, Folder);
        var (issued, failures) = await ReportLoad.RunAsync(server.BaseUrl, 1000, 50, ReportLoad.SubmitAsync);
        failures.IsEmpty.Should().BeTrue($"{failures.Count} submissions failed, e.g. {failures.FirstOrDefault()}\n{server.Output}");
        issued.Select(i => i.Reference).Distinct().Count().Should().Be(1000);

        var pairs = issued.ToArray();
        var (opened, openFailures) = await ReportLoad.RunAsync(server.BaseUrl, pairs.Length, 50, (b, i) => ReportLoad.OpensAsync(b, pairs[i]));
        openFailures.IsEmpty.Should().BeTrue($"{openFailures.Count} follow-ups failed, e.g. {openFailures.FirstOrDefault()}");
        opened.Count(o => o).Should().Be(1000);
        server.AllOutput.Should().NotContain("database is locked");
    }

    [SqliteFact]
    public async Task An_app_killed_in_the_middle_of_writes_restarts_with_an_intact_file_every_acknowledged_report_and_a_verified_audit_trail()
    {
        var server = await AppProcess.StartAsync(null, Data, NoLimits, Folder);
        using var stop = new CancellationTokenSource();
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<ReportLoad.Issued>();
        // Reports from 20 clients, and an audited bulk import from a second process, both writing when the app dies.
        var load = ReportLoad.RunAsync(server.BaseUrl, int.MaxValue, 20, async (b, i) =>
        {
            var issued = await ReportLoad.SubmitAsync(b, i);
            acknowledged.Add(issued);
            return issued;
        }, stop.Token);
        var imports = Task.Run(async () =>
        {
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var file = Path.Combine(Folder, $"import-{round}.csv");
                await File.WriteAllTextAsync(file, EmployeeCsv.Rows($"K{round:D3}", 2000, "London Bridge Hotel"));
                using var import = StartCommand("import-employees", file);
                try { await import.WaitForExitAsync(stop.Token); }
                catch (OperationCanceledException) { import.Kill(entireProcessTree: true); }
            }
        });
        await Poll.UntilAsync("60 acknowledged reports before the kill", () => Task.FromResult(acknowledged.Count), n => n >= 60, TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(20));
        server.Kill();
        stop.Cancel();
        await imports;
        await load;
        await server.DisposeAsync();

        DatabaseBackup.IntegrityCheck(DatabaseFile).Should().Be("ok");
        var references = new HashSet<string>();
        await using (var connection = new SqliteConnection($"Data Source={DatabaseFile}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT reference FROM report_cases";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) references.Add(reader.GetString(0));
        }
        acknowledged.Count.Should().BeGreaterThanOrEqualTo(60, "the reports acknowledged before the kill are what must survive it");
        var missing = acknowledged.Where(a => !references.Contains(a.Reference)).ToList();
        (missing.Count == 0).Should().BeTrue($"{missing.Count} of {acknowledged.Count} acknowledged reports are missing after the crash.");

        await using var restarted = await AppProcess.StartAsync(null, Data, NoLimits, Folder);
        using (var browser = ReportLoad.NewBrowser(restarted.BaseUrl))
        {
            foreach (var issued in acknowledged.Take(5)) (await ReportLoad.OpensAsync(browser, issued)).Should().BeTrue();
        }
        var (exit, output, errors) = await AppProcess.RunCommandAsync(null, Data, ["verify-audit"], Folder);
        (exit == 0).Should().BeTrue(output + errors);
    }

    [SqliteFact]
    public async Task The_backup_command_copies_the_database_under_write_load_and_the_app_starts_on_the_copy_with_the_key_ring()
    {
        await using var server = await AppProcess.StartAsync(null, Data, NoLimits, Folder);
        ReportLoad.Issued before;
        using (var browser = ReportLoad.NewBrowser(server.BaseUrl)) before = await ReportLoad.SubmitAsync(browser, 0);

        using var stop = new CancellationTokenSource();
        var load = ReportLoad.RunAsync(server.BaseUrl, int.MaxValue, 10, ReportLoad.SubmitAsync, stop.Token);
        await Task.Delay(1000);
        var backups = Path.Combine(Folder, "backups");
        var (exit, output, errors) = await AppProcess.RunCommandAsync(null, Data, ["backup", backups], Folder);
        stop.Cancel();
        var (written, failures) = await load;
        (exit == 0).Should().BeTrue(output + errors);
        failures.IsEmpty.Should().BeTrue($"Reports failed while the backup ran: {failures.FirstOrDefault()}");
        written.Should().NotBeEmpty();
        output.Should().Contain("integrity check: ok");
        output.Should().Contain("does not hold the key ring");

        var copy = Directory.GetFiles(backups, "compliance-*.db").Should().ContainSingle().Which;
        DatabaseBackup.IntegrityCheck(copy).Should().Be("ok");
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(copy).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // Restore as docs/data-and-backups.md says: the copy in place of the database, beside the keys and anchor folders from the
        // backup (reports write no audit entry, so the anchor taken now still matches the copy's chain).
        var restored = Path.Combine(Folder, "restored");
        Directory.CreateDirectory(restored);
        File.Copy(copy, Path.Combine(restored, DatabaseStartup.SqliteFileName));
        CopyFolder(Path.Combine(Data, "keys"), Path.Combine(restored, "keys"));
        CopyFolder(Path.Combine(Data, "anchor"), Path.Combine(restored, "anchor"));
        var verify = await AppProcess.RunCommandAsync(null, restored, ["verify-audit"], Folder);
        (verify.ExitCode == 0).Should().BeTrue(verify.Output + verify.Errors);
        await using var onCopy = await AppProcess.StartAsync(null, restored, NoLimits, Folder);
        using var check = ReportLoad.NewBrowser(onCopy.BaseUrl);
        (await ReportLoad.OpensAsync(check, before)).Should().BeTrue();
    }

    private Process StartCommand(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Compliance.Web.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["Compliance__DataDirectory"] = Data;
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from)) CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
    }
}
