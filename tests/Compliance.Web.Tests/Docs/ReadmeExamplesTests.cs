using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Compliance.Core.Accounts;
using Compliance.Core.Demo;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Docs;

/// <summary>An empty installation with the README's demo data in it, as `scripts/run.sh seed-demo` makes.</summary>
public sealed class ReadmeApp : ComplianceAppFactory
{
    public IReadOnlyList<DemoAccount> Accounts { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Accounts = await WithServiceAsync<SeedDemo, IReadOnlyList<DemoAccount>>(s => s.HandleAsync(250));
    }
}

/// <summary>
/// Every shell example in the README and the guides in <c>docs/</c> is run here, against the demo data: a new example
/// that this test does not know how to run fails the first test, so no page can promise what nobody has tried.
/// </summary>
public sealed partial class ReadmeExamplesTests(ReadmeApp app) : IClassFixture<ReadmeApp>
{
    /// <summary>
    /// The README and the guides for those who use and run the app. The benchmarks and the mutation test, whose
    /// commands take minutes to hours and measure rather than use the app, are left to the pages that report them.
    /// </summary>
    private static IEnumerable<string> Guides() =>
        new[] { Path.Combine(Repository.Root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md")
            .Where(f => Path.GetFileName(f) is not ("benchmarks.md" or "testing.md")).Order(StringComparer.Ordinal));

    /// <summary>Each command of the guides' ```sh blocks, continuation lines joined.</summary>
    private static List<string> Examples()
    {
        var commands = new List<string>();
        foreach (Match block in Guides().SelectMany(f => ShellBlock().Matches(File.ReadAllText(f))))
        {
            var current = "";
            foreach (var raw in block.Groups[1].Value.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0) continue;
                current += (current.Length > 0 ? " " : "") + line.TrimEnd('\\').Trim();
                if (!line.EndsWith('\\'))
                {
                    commands.Add(Regex.Replace(current, @"\s+#.*$", ""));
                    current = "";
                }
            }
        }
        return commands;
    }

    [Fact]
    public void Every_shell_example_in_the_README_and_the_guides_is_one_this_test_runs()
    {
        var examples = Examples();
        examples.Should().Contain("scripts/run.sh");
        examples.Should().Contain("scripts/test.sh");
        // scripts/run.sh and scripts/test.sh are the two promises: CI runs the second on every change, and
        // scripts/run.sh VERB runs the app's command, as the tests below do with the built app.
        var unknown = examples.Where(e => !(e is "scripts/run.sh" or "scripts/test.sh" || e.StartsWith("scripts/run.sh seed-demo") || e.StartsWith("scripts/run.sh backup ")
            || e.StartsWith("curl ") || e.StartsWith("openssl ") || e.StartsWith("pg_dump "))).ToList();
        (unknown.Count == 0).Should().BeTrue("Examples in the README or docs/ that no test runs:\n" + string.Join("\n", unknown));
    }

    [Fact]
    public async Task The_demo_data_commands_make_what_the_README_says()
    {
        // `scripts/run.sh seed-demo` (250 employees) made this fixture's data.
        Examples().Should().Contain(e => e == "scripts/run.sh seed-demo");
        await using var db = app.NewDbContext();
        (await db.Employees.CountAsync()).Should().Be(250);
        app.Accounts.Select(a => a.Role).Order().Should().Equal("Administrator", "CaseHandler", "Director", "HRManager", "Manager");
        Examples().Should().Contain(e => e.StartsWith("scripts/run.sh seed-demo --employees 10000"));
        File.ReadAllText(Path.Combine(Repository.Root, "README.md")).Should().Contain("any number up to 1,000,000");
        // The larger demo runs as the built app's command, on a database of its own.
        var connection = await TestDatabase.CreateDatabaseAsync();
        var data = Path.Combine(Path.GetTempPath(), "compliance-test-data", Guid.NewGuid().ToString("N"));
        var (exit, output, errors) = await AppProcess.RunCommandAsync(connection, data, "seed-demo", "--employees", "10000");
        if (Directory.Exists(data)) Directory.Delete(data, true);
        (exit == 0).Should().BeTrue(errors);
        output.Should().Contain("Demo organisation created with 10000 employees.");
    }

    [Fact]
    public async Task The_API_example_runs_as_written_with_a_token_against_the_demo()
    {
        var example = Examples().Should().ContainSingle(e => e.StartsWith("curl ")).Which;
        Guid adminId;
        var adminEmail = app.Accounts.Single(a => a.Role == Roles.Administrator).Email;
        await using (var db = app.NewDbContext()) adminId = await db.Users.Where(u => u.Email == adminEmail).Select(u => u.Id).SingleAsync();
        var (write, _) = await app.WithServiceAsync<ApiTokens, (CreatedApiToken?, List<FieldError>)>(t => t.CreateAsync("README example", [ApiScopes.EmployeesWrite], adminId));
        var (read, _) = await app.WithServiceAsync<ApiTokens, (CreatedApiToken?, List<FieldError>)>(t => t.CreateAsync("README check", [ApiScopes.Read], adminId));

        // A second instance of this app: same database, same data directory (so the same key ring).
        await using var server = await AppProcess.StartAsync(app.ConnectionString, app.DataDirectory);
        {
            // The command exactly as written, but for the address of this test's app and a real token.
            var command = example.Replace("http://127.0.0.1:5080", server.BaseUrl).Replace("hpt_...", write!.Token) + " --silent --show-error --write-out '\\n%{http_code}'";
            var (exit, output, errors) = await Tool.RunAsync("bash", "-c", command);
            (exit == 0).Should().BeTrue(errors);
            // E000123 is a demo employee, so the example updates it (200); on an empty directory it creates it (201).
            output.Trim().Should().EndWith("200");

            using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", read!.Token);
            var employee = await http.GetStringAsync("/api/v1/employees/E000123");
            employee.Should().Contain("\"site\":\"London Bridge Hotel\"");
            employee.Should().Contain("\"lone_working\":true");
        }
    }

    [Fact]
    public async Task The_key_ring_certificate_example_makes_a_certificate_the_app_can_use()
    {
        var commands = Examples().Where(e => e.StartsWith("openssl ")).ToList();
        commands.Count.Should().Be(2);
        var folder = Directory.CreateTempSubdirectory("readme-openssl").FullName;
        try
        {
            foreach (var command in commands)
            {
                var start = new ProcessStartInfo("bash", ["-c", command]) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
                using var process = Process.Start(start)!;
                var errors = await process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                (process.ExitCode == 0).Should().BeTrue($"{command}\n{errors}");
            }
            var password = Regex.Match(commands[1], @"-passout pass:(\S+)").Groups[1].Value;
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(folder, "key-ring.pfx"), password);
            certificate.HasPrivateKey.Should().BeTrue();
            certificate.Subject.Should().Be("CN=Compliance key ring");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task The_backup_example_copies_the_running_apps_sqlite_file_and_the_copy_opens()
    {
        var example = Examples().Should().ContainSingle(e => e.StartsWith("scripts/run.sh backup ")).Which;
        var folder = Path.Combine(Path.GetTempPath(), "compliance-test-data", "readme-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        try
        {
            // A fresh install: no database settings at all, so the app makes data/compliance.db.
            await using (var server = await AppProcess.StartAsync(null, data, workingDirectory: folder))
            {
                File.Exists(Path.Combine(data, "compliance.db")).Should().BeTrue();
                var args = example["scripts/run.sh ".Length..].Split(' ');
                var (exit, output, errors) = await AppProcess.RunCommandAsync(null, data, args, workingDirectory: folder);
                (exit == 0).Should().BeTrue(errors);
                output.Should().Contain("integrity check: ok");
                output.Should().Contain("back up " + Path.Combine(data, "keys"));
            }
            var copy = Directory.GetFiles(Path.Combine(folder, example.Split(' ').Last()), "compliance-*.db").Should().ContainSingle().Which;
            Compliance.Web.Infrastructure.DatabaseBackup.IntegrityCheck(copy).Should().Be("ok");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }
    }

    [PostgreSqlFact]
    public async Task The_pg_dump_example_dumps_a_postgresql_database()
    {
        var example = Examples().Should().ContainSingle(e => e.StartsWith("pg_dump ")).Which;
        var connection = await TestDatabase.CreateDatabaseAsync();
        await using (var db = TestDatabase.NewDbContext(connection)) await db.Database.MigrateAsync();
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        var folder = Directory.CreateTempSubdirectory("readme-pgdump").FullName;
        try
        {
            // The example names the server with environment variables, as an operator's shell would have them.
            var start = new ProcessStartInfo("bash", ["-c", example]) { WorkingDirectory = folder, RedirectStandardError = true };
            start.Environment["PATH"] = LocalPostgres.FindBinDirectory() + ":" + Environment.GetEnvironmentVariable("PATH");
            start.Environment["PGHOST"] = b.Host;
            start.Environment["PGUSER"] = b.Username;
            start.Environment["PGDATABASE"] = b.Database;
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            (process.ExitCode == 0).Should().BeTrue(errors);
            var restoreList = await Tool.RunAsync(Path.Combine(LocalPostgres.FindBinDirectory(), "pg_restore"), "--list", Path.Combine(folder, "compliance.dump"));
            restoreList.Output.Should().Contain("audit_entries");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [GeneratedRegex(@"^ *```sh\n(.*?)^ *```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex ShellBlock();
}
