using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Web.Tests.Commands;

/// <summary>The app's executable run as a separate process, as an operator would run it.</summary>
public sealed class CommandTests : IAsyncLifetime
{
    private string _connectionString = "";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "compliance-test-data", Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => _connectionString = await TestDatabase.CreateDatabaseAsync();

    public Task DisposeAsync()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, true);
        }
        return Task.CompletedTask;
    }

    private Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args) =>
        AppProcess.RunCommandAsync(_connectionString, _dataDirectory, args);

    [Fact]
    public async Task Seed_demo_fills_an_empty_database_once_and_verify_audit_then_catches_a_changed_row()
    {
        var seed = await RunAsync("seed-demo", "--employees", "400");
        (seed.ExitCode == 0).Should().BeTrue(seed.Errors);
        seed.Output.Should().Contain("Demo organisation created with 400 employees.");
        foreach (var role in new[] { "Administrator", "HRManager", "CaseHandler", "Manager", "Director" })
        {
            seed.Output.Should().MatchRegex($@"{role}\s+{role.ToLowerInvariant()}@northwind\.example\s+[a-z0-9]{{5}}(-[a-z0-9]{{5}}){{3}}");
        }
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM employees")).Should().Be(400L);
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM employees WHERE is_lone_worker") > 0).Should().BeTrue();
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM sites WHERE nation = 4")).Should().Be(1L);
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM manager_scopes")).Should().Be(1L);
        // Risk assessments in every state a newcomer should see, and incidents that flagged some for review.
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM assessment_revisions WHERE status = 2 AND approved_content_hash IS NOT NULL")).Should().Be(4L, "three hotels and the night porters' role");
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM risk_assessments WHERE next_review_due < current_date")).Should().Be(1L);
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM assessment_revisions WHERE status = 1")).Should().Be(3L);
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM assessment_revisions WHERE number = 2")).Should().Be(1L);
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM risk_actions WHERE status <> 3 AND due_date < current_date") > 0).Should().BeTrue();
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM third_party_incidents") >= 3).Should().BeTrue();
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM risk_assessments WHERE review_flagged_at_utc IS NOT NULL")).Should().Be(2L);
        // A policy with two versions, consultation and approval; about 80% have acknowledged the one in force, some sites fewer.
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM policy_versions WHERE approved_by_id IS NOT NULL AND content_hash IS NOT NULL")).Should().Be(2L);
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM policy_consultations")).Should().Be(1L);
        var asked = await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM policy_recipients");
        var acknowledged = await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM policy_acknowledgements");
        asked.Should().BeGreaterThan(300);
        ((double)acknowledged / asked).Should().BeInRange(0.7, 0.9);
        (await TestDatabase.ScalarAsync<long>(_connectionString, """
            SELECT count(*) FROM (SELECT e.site_id, avg(CASE WHEN r.acknowledged_at_utc IS NULL THEN 0.0 ELSE 1.0 END) AS share
            FROM policy_recipients r JOIN employees e ON e.id = r.employee_id GROUP BY e.site_id) x WHERE share < 0.7
            """)).Should().BeGreaterThanOrEqualTo(1L);
        // Three courses (everyone, managers, case handlers); for everyone's, most people current, some due soon, some
        // stale (some of those over two years), some never trained; the case handler is an employee with a completion.
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM courses")).Should().Be(3L);
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM course_versions")).Should().Be(4L);
        const string last = "SELECT e.id, (SELECT max(t.completed_on) FROM training_completions t JOIN courses c ON c.id = t.course_id WHERE c.code = 'SH-ALL' AND t.employee_id = e.id) AS d FROM employees e WHERE e.leaving_date IS NULL";
        var people = await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM employees WHERE leaving_date IS NULL");
        var current = await TestDatabase.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM ({last}) x WHERE d > {TestDatabase.DaysAgo(335)}");
        ((double)current / people).Should().BeInRange(0.6, 0.8);
        (await TestDatabase.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM ({last}) x WHERE d <= {TestDatabase.DaysAgo(335)} AND d > {TestDatabase.DaysAgo(365)}")).Should().BeGreaterThan(0);
        (await TestDatabase.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM ({last}) x WHERE d < {TestDatabase.DaysAgo(730)}")).Should().BeGreaterThan(0);
        (await TestDatabase.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM ({last}) x WHERE d IS NULL")).Should().BeGreaterThan(0);
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM employees e JOIN training_completions t ON t.employee_id = e.id JOIN courses c ON c.id = t.course_id WHERE e.work_email = 'casehandler@northwind.example' AND c.code = 'SH-INV'")).Should().Be(1L);
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM training_completions t JOIN courses c ON c.id = t.course_id WHERE c.code = 'SH-MGR' AND NOT t.passed")).Should().BeGreaterThan(0);
        seed.Output.Should().Contain("set up an authenticator app at first sign-in");
        // Cases at every stage, two waiting for a handler, one past its acknowledgement deadline, check-ins sent after closure.
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(DISTINCT state) FROM report_cases")).Should().Be(8L);
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM report_cases c WHERE NOT EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id)")).Should().Be(2L);
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM report_cases WHERE state = 1 AND received_on < " + TestDatabase.DaysAgo(7)) >= 1).Should().BeTrue();
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM case_entries WHERE kind = 14") >= 1).Should().BeTrue();

        var verify = await RunAsync("verify-audit");
        verify.ExitCode.Should().Be(0);
        var count = await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM audit_entries");
        var head = await TestDatabase.ScalarAsync<string>(_connectionString, "SELECT hash FROM audit_entries ORDER BY sequence DESC LIMIT 1");
        verify.Output.Should().Contain($"The audit chain is intact: {count} entries; head hash {head}");

        var again = await RunAsync("seed-demo");
        again.ExitCode.Should().NotBe(0);
        again.Errors.Should().Contain("already holds an organisation");

        await TestDatabase.AsInsiderAsync(_connectionString, "UPDATE audit_entries SET occurred_at_utc = " + (TestDatabase.IsSqlite ? "datetime(occurred_at_utc, '-1 day')" : "occurred_at_utc - interval '1 day'") + " WHERE sequence = 7");
        var broken = await RunAsync("verify-audit");
        broken.ExitCode.Should().Be(1);
        broken.Errors.Should().Contain("The audit chain is broken at entry 7: entry 7 was altered");
    }

    [Fact]
    public async Task Import_employees_prints_errors_by_row_and_column_and_imports_only_a_clean_file()
    {
        (await RunAsync("seed-demo", "--employees", "5")).ExitCode.Should().Be(0);
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllTextAsync(file, EmployeeCsv.Rows("CMD", 20, "Head Office",
                spoil: i => i == 13 ? EmployeeCsv.Row("CMD000013", "Head Office", email: "bad@") : null));
            var bad = await RunAsync("import-employees", file);
            bad.ExitCode.Should().Be(1);
            bad.Errors.Should().Contain("Row 13 (line 14), column work_email: \"bad@\" is not a valid email address.");
            bad.Errors.Should().Contain("Nothing was imported");

            await File.WriteAllTextAsync(file, EmployeeCsv.Rows("CMD", 20, "Head Office"));
            var dry = await RunAsync("import-employees", file, "--dry-run");
            dry.ExitCode.Should().Be(0);
            dry.Output.Should().Contain("Would import 20 rows: 20 new employees, 0 updated.");
            (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM employees WHERE employee_number LIKE 'CMD%'")).Should().Be(0L);

            var real = await RunAsync("import-employees", file);
            real.ExitCode.Should().Be(0);
            (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM employees WHERE employee_number LIKE 'CMD%'")).Should().Be(20L);
            (await RunAsync("verify-audit")).ExitCode.Should().Be(0);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Commands_given_bad_arguments_say_how_to_use_them()
    {
        var missing = await RunAsync("import-employees");
        missing.ExitCode.Should().Be(2);
        missing.Errors.Should().Contain("Usage: import-employees FILE [--dry-run]");

        var badCount = await RunAsync("seed-demo", "--employees", "lots");
        badCount.ExitCode.Should().Be(2);
        badCount.Errors.Should().Contain("Usage: seed-demo");

        // A mistyped command is refused with the list of commands; it does not start the web server.
        var mistyped = await RunAsync("evidence-pak");
        mistyped.ExitCode.Should().Be(2);
        mistyped.Errors.Should().Contain("There is no command \"evidence-pak\"");
        mistyped.Errors.Should().Contain("verify-audit");
        mistyped.Errors.Should().Contain("import-employees FILE [--dry-run]");
        mistyped.Output.Should().Be("");

        // Asked for help, it lists the commands and exits; it does not start the web server either.
        foreach (var ask in new[] { "--help", "-h", "help" })
        {
            var help = await RunAsync(ask);
            help.ExitCode.Should().Be(0);
            help.Output.Should().Contain("evidence-pack --from DATE --to DATE --out FILE").And.Contain("verify-audit").And.Contain("with no command, the app serves its pages");
        }

        var noFile = await RunAsync("import-employees", "/nonexistent/file.csv");
        noFile.ExitCode.Should().Be(1);
        noFile.Errors.Should().Contain("does not exist");
    }

    [Fact]
    public async Task Evidence_pack_writes_the_pack_and_its_records_prints_the_hash_and_verify_pack_tells_the_genuine_file_from_a_changed_one()
    {
        (await RunAsync("seed-demo", "--employees", "120")).ExitCode.Should().Be(0);
        Directory.CreateDirectory(_dataDirectory);
        var file = Path.Combine(_dataDirectory, "annual.pdf");
        // A file already there, open to everyone, is replaced and closed to others.
        await File.WriteAllTextAsync(file, "last year's copy");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var made = await RunAsync("evidence-pack", "--from", today.AddYears(-1).AddDays(1).ToString("yyyy-MM-dd"), "--to", today.ToString("yyyy-MM-dd"), "--out", file);
        (made.ExitCode == 0).Should().BeTrue(made.Errors);
        var bytes = await File.ReadAllBytesAsync(file);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        made.Output.Trim().Should().Be($"{sha}  {file}", "it prints what sha256sum prints");
        File.Exists(Path.Combine(_dataDirectory, "annual-records.zip")).Should().BeTrue();
        // Evidence about the organisation's people: readable by the owner only, as the database is.
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.GetUnixFileMode(Path.Combine(_dataDirectory, "annual-records.zip")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM evidence_packs WHERE status = 2")).Should().Be(1L, "it is recorded like a requested pack");
        (await Tool.RunAsync("qpdf", "--check", file)).ExitCode.Should().Be(0);

        // The chain check the pack prints, run as printed, passes and gives the head hash the pack cites.
        var printed = System.Text.RegularExpressions.Regex.Replace((await Tool.RunAsync("pdftotext", file, "-")).Output, @"\s+", " ");
        var command = System.Text.RegularExpressions.Regex.Match(printed, @"verify-audit --up-to (\d+)");
        command.Success.Should().BeTrue("the pack says how to check the chain it cites");
        var cited = System.Text.RegularExpressions.Regex.Match(printed, @"Head hash: ([0-9a-f]{64})").Groups[1].Value;
        var upTo = await RunAsync("verify-audit", "--up-to", command.Groups[1].Value);
        (upTo.ExitCode == 0).Should().BeTrue(upTo.Output + upTo.Errors);
        upTo.Output.Trim().Should().Be($"The audit chain is intact up to entry {command.Groups[1].Value}; its hash {cited}");
        (await RunAsync("verify-audit", "--up-to", "x")).ExitCode.Should().Be(2);
        (await RunAsync("verify-audit", "--up-to", "99999999")).ExitCode.Should().Be(1);

        var genuine = await RunAsync("verify-pack", file);
        (genuine.ExitCode == 0).Should().BeTrue(genuine.Output + genuine.Errors);
        genuine.Output.Should().StartWith("Genuine: this installation made this pack on").And.Contain($"SHA-256: {sha}");
        bytes[bytes.Length / 3] ^= 0x20;
        var changed = Path.Combine(_dataDirectory, "changed.pdf");
        await File.WriteAllBytesAsync(changed, bytes);
        var unknown = await RunAsync("verify-pack", changed);
        unknown.ExitCode.Should().Be(1);
        unknown.Output.Should().StartWith("Not known:");
        // The records ZIP made with it is checked the same way, and its SHA-256 is on the pack's cover.
        var zip = Path.Combine(_dataDirectory, "annual-records.zip");
        var zipSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(zip)));
        var records = await RunAsync("verify-pack", zip);
        (records.ExitCode == 0).Should().BeTrue(records.Output + records.Errors);
        records.Output.Should().StartWith("Genuine: this installation made this records ZIP, with its evidence pack, on");
        System.Text.RegularExpressions.Regex.Replace((await Tool.RunAsync("pdftotext", file, "-")).Output, @"\s+", " ").Should().Contain($"Records ZIP (SHA-256) {zipSha}");
        var zipBytes = await File.ReadAllBytesAsync(zip);
        zipBytes[zipBytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(changed, zipBytes);
        (await RunAsync("verify-pack", changed)).Output.Should().StartWith("Not known:");

        var backwards = await RunAsync("evidence-pack", "--from", "2026-03-31", "--to", "2025-04-01", "--out", file);
        backwards.ExitCode.Should().Be(2);
        backwards.Errors.Should().Contain("--from: The first day must be on or before the last day.");
        (await RunAsync("evidence-pack", "--from", "2025-04-01")).Errors.Should().Contain("Usage: evidence-pack --from DATE --to DATE --out FILE");
        (await RunAsync("verify-pack")).Errors.Should().Contain("Usage: verify-pack FILE");

        // The newest checkpoint file deleted (the pack's own, recorded after the entry the pack cites): the check the
        // pack prints no longer vouches for its entry, though the break is found after it.
        var checkpoints = Directory.GetFiles(Path.Combine(_dataDirectory, "anchor", "checkpoints"), "*.json").Order().ToList();
        checkpoints.Should().NotBeEmpty();
        File.Delete(checkpoints[^1]);
        var missing = await RunAsync("verify-audit", "--up-to", command.Groups[1].Value);
        missing.ExitCode.Should().Be(1, missing.Output);

        // An insider edits an entry before the one the pack cites: the check it prints now fails.
        await TestDatabase.AsInsiderAsync(_connectionString, "UPDATE audit_entries SET summary = 'Nothing' WHERE sequence = 2");
        var tampered = await RunAsync("verify-audit", "--up-to", command.Groups[1].Value);
        tampered.ExitCode.Should().Be(1);
        tampered.Errors.Should().Contain("The audit chain is broken at entry 2");
    }
}
