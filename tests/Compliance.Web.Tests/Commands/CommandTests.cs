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
        Assert.True(seed.ExitCode == 0, seed.Errors);
        Assert.Contains("Demo organisation created with 400 employees.", seed.Output);
        foreach (var role in new[] { "Administrator", "HRManager", "CaseHandler", "Manager", "Director" })
        {
            Assert.Matches($@"{role}\s+{role.ToLowerInvariant()}@northwind\.example\s+[a-z0-9]{{5}}(-[a-z0-9]{{5}}){{3}}", seed.Output);
        }
        Assert.Equal(400L, await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM employees"));
        Assert.True(await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM employees WHERE is_lone_worker") > 0);
        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM sites WHERE nation = 4"));
        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM manager_scopes"));
        // Risk assessments in every state a newcomer should see, and incidents that flagged some for review.
        Assert.Equal(3L, await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM assessment_revisions WHERE status = 2 AND approved_content_hash IS NOT NULL"));
        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM risk_assessments WHERE next_review_due < current_date"));
        Assert.Equal(3L, await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM assessment_revisions WHERE status = 1"));
        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM assessment_revisions WHERE number = 2"));
        Assert.True(await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM risk_actions WHERE status <> 3 AND due_date < current_date") > 0);
        Assert.True(await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM third_party_incidents") >= 3);
        Assert.Equal(2L, await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM risk_assessments WHERE review_flagged_at_utc IS NOT NULL"));
        Assert.Contains("set up an authenticator app at first sign-in", seed.Output);
        // Cases at every stage, two waiting for a handler, one past its acknowledgement deadline, check-ins sent after closure.
        Assert.Equal(8L, await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(DISTINCT state) FROM report_cases"));
        Assert.Equal(2L, await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM report_cases c WHERE NOT EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id)"));
        Assert.True(await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM report_cases WHERE state = 1 AND received_on < " + TestDatabase.DaysAgo(7)) >= 1);
        Assert.True(await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM case_entries WHERE kind = 14") >= 1);

        var verify = await RunAsync("verify-audit");
        Assert.Equal(0, verify.ExitCode);
        var count = await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM audit_entries");
        var head = await TestDatabase.ScalarAsync<string>(_connectionString, "SELECT hash FROM audit_entries ORDER BY sequence DESC LIMIT 1");
        Assert.Contains($"The audit chain is intact: {count} entries; head hash {head}", verify.Output);

        var again = await RunAsync("seed-demo");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("already holds an organisation", again.Errors);

        await TestDatabase.AsInsiderAsync(_connectionString, "UPDATE audit_entries SET occurred_at_utc = " + (TestDatabase.IsSqlite ? "datetime(occurred_at_utc, '-1 day')" : "occurred_at_utc - interval '1 day'") + " WHERE sequence = 7");
        var broken = await RunAsync("verify-audit");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("The audit chain is broken at entry 7: entry 7 was altered", broken.Errors);
    }

    [Fact]
    public async Task Import_employees_prints_errors_by_row_and_column_and_imports_only_a_clean_file()
    {
        Assert.Equal(0, (await RunAsync("seed-demo", "--employees", "5")).ExitCode);
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllTextAsync(file, EmployeeCsv.Rows("CMD", 20, "Head Office",
                spoil: i => i == 13 ? EmployeeCsv.Row("CMD000013", "Head Office", email: "bad@") : null));
            var bad = await RunAsync("import-employees", file);
            Assert.Equal(1, bad.ExitCode);
            Assert.Contains("Row 13 (line 14), column work_email: \"bad@\" is not a valid email address.", bad.Errors);
            Assert.Contains("Nothing was imported", bad.Errors);

            await File.WriteAllTextAsync(file, EmployeeCsv.Rows("CMD", 20, "Head Office"));
            var dry = await RunAsync("import-employees", file, "--dry-run");
            Assert.Equal(0, dry.ExitCode);
            Assert.Contains("Would import 20 rows: 20 new employees, 0 updated.", dry.Output);
            Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM employees WHERE employee_number LIKE 'CMD%'"));

            var real = await RunAsync("import-employees", file);
            Assert.Equal(0, real.ExitCode);
            Assert.Equal(20L, await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM employees WHERE employee_number LIKE 'CMD%'"));
            Assert.Equal(0, (await RunAsync("verify-audit")).ExitCode);
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
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("Usage: import-employees FILE [--dry-run]", missing.Errors);

        var badCount = await RunAsync("seed-demo", "--employees", "lots");
        Assert.Equal(2, badCount.ExitCode);
        Assert.Contains("Usage: seed-demo", badCount.Errors);

        // A mistyped command is refused with the list of commands; it does not start the web server.
        var mistyped = await RunAsync("evidence-pak");
        Assert.Equal(2, mistyped.ExitCode);
        Assert.Contains("There is no command \"evidence-pak\"", mistyped.Errors);
        Assert.Contains("verify-audit", mistyped.Errors);
        Assert.Contains("import-employees FILE [--dry-run]", mistyped.Errors);
        Assert.Equal("", mistyped.Output);

        var noFile = await RunAsync("import-employees", "/nonexistent/file.csv");
        Assert.Equal(1, noFile.ExitCode);
        Assert.Contains("does not exist", noFile.Errors);
    }
}
