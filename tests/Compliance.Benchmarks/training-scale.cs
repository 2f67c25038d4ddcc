#:sdk Microsoft.NET.Sdk.Web
#:property PublishAot=false
#:property TreatWarningsAsErrors=false
#:project ../../src/Compliance.Web/Compliance.Web.csproj
// Training at scale, on a fresh database of PEOPLE employees (across PEOPLE/200 sites and 10 departments) and five
// courses for everyone. Two measurements, each with its baseline in the same run:
//   1. Importing a plain completions file of PEOPLE x 5 courses x 2 completions (100,000 rows at 10,000 people),
//      through the app's import (reading, matching every row to a person and a course, the content version, all
//      or nothing, the audit entry), RUNS times after emptying the completions; against the engine's own bulk load
//      of the same file, two ways: into a plain table of text columns (sqlite3 ".import --csv"; PostgreSQL's
//      COPY ... CSV), and into the completions table itself (that load into a staging table, then one INSERT ...
//      SELECT matching each row to a person, a course and its content version, with the table's keys and indexes).
//   2. A course's coverage page: the counts by state (totals, by site, department and audience) and the first page
//      of those stale or never trained, ROUNDS times after 10 not counted, interleaved with the employee directory's
//      first page (a count and 50 rows), the lightest list page the app has. Worked out from the completions each
//      time (the first visit after a write), and kept between visits as the page keeps it (nothing written between);
//      and the course's totals alone, as the position works them out.
//   tests/Compliance.Benchmarks/training-scale.sh [sqlite|postgresql] [PEOPLE] [ROUNDS] [RUNS]   (default postgresql, 10000, 200, 3)
using System.Diagnostics;
using Compliance.Core;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Core.Training;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

var n = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var rounds = args.Length > 1 ? int.Parse(args[1]) : 200;
var runs = args.Length > 2 ? int.Parse(args[2]) : 3;
var sqlite = Environment.GetEnvironmentVariable("BENCH_PROVIDER") == "sqlite";
var folder = Environment.GetEnvironmentVariable("BENCH_FOLDER") ?? throw new InvalidOperationException("Run this through training-scale.sh.");

string cs;
if (sqlite)
{
    cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, $"training_{n}.db"), Pooling = true, DefaultTimeout = 30 }.ConnectionString;
}
else
{
    var server = Environment.GetEnvironmentVariable("BENCH_POSTGRES")!;
    var name = $"training_{n}_{Guid.NewGuid():N}"[..30];
    await using (var c = new NpgsqlConnection(server))
    {
        await c.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE {name}", c).ExecuteNonQueryAsync();
    }
    cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
}
var target = new DatabaseTarget(sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSQL, cs);
var services = new ServiceCollection();
services.AddLogging();
services.AddDbContext<ComplianceDbContext>(o => target.Apply(o));
services.AddSingleton(TimeProvider.System);
services.AddSingleton<IAuditActor, BenchActor>();
services.AddScoped<AuditTrail>();
services.AddScoped<RecordCompletions>();
services.AddSingleton<CoverageToday>();
await using var provider = services.BuildServiceProvider();

var today = UkCalendar.Today(TimeProvider.System);
List<Course> courses;
await using (var scope = provider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
    await db.Database.MigrateAsync();
    courses = await SeedAsync(db, n, today);
}
Console.WriteLine($"{(sqlite ? "SQLite" : "PostgreSQL")}, {n:N0} employees, {courses.Count} courses");

// The file: each person, each course, twice (about two years ago, and within the last 15 months).
var csv = Path.Combine(folder, "completions.csv");
var random = new Random(7);
await using (var w = new StreamWriter(csv))
{
    await w.WriteLineAsync("employee_number,course,completed_on,score,passed,content_version");
    for (var i = 1; i <= n; i++)
    {
        foreach (var c in courses)
        {
            await w.WriteLineAsync($"E{i:000000},{c.Code},{today.AddDays(-random.Next(700, 760)):yyyy-MM-dd},{random.Next(50, 100)},yes,");
            await w.WriteLineAsync($"E{i:000000},{c.Code},{today.AddDays(-random.Next(1, 450)):dd/MM/yyyy},,,");
        }
    }
}
var rows = n * courses.Count * 2;

// 1. The import against the engine's bulk load of the same file.
var imports = new List<double>();
var checks = new List<double>();
var baselines = new List<double>();
var intoTables = new List<double>();
for (var r = 0; r < runs; r++)
{
    await using (var scope = provider.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
        await db.TrainingCompletions.ExecuteDeleteAsync();
        // Checking the file without writing: what the preview does, and the part of the import before any write.
        var check = Stopwatch.StartNew();
        await scope.ServiceProvider.GetRequiredService<RecordCompletions>().AnalyseFileAsync(() => File.OpenRead(csv), null, null);
        checks.Add(check.Elapsed.TotalSeconds);
        var clock = Stopwatch.StartNew();
        var result = await scope.ServiceProvider.GetRequiredService<RecordCompletions>().ImportFileAsync(() => File.OpenRead(csv), null, "completions.csv", "Bench");
        imports.Add(clock.Elapsed.TotalSeconds);
        if (!result.Recorded || result.Analysis.ToCreate != rows) throw new InvalidOperationException($"Import failed: {string.Join("; ", result.Analysis.Errors.Take(5))}");
    }
    baselines.Add(sqlite ? await SqliteBaselineAsync(csv, Path.Combine(folder, "baseline.db")) : await PostgresBaselineAsync(cs, csv));
    // The same file loaded by the engine into the completions table itself, emptied first: its bulk load into a
    // staging table, then one INSERT ... SELECT matching people and courses, with the table's keys and indexes.
    await using (var scope = provider.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<ComplianceDbContext>().TrainingCompletions.ExecuteDeleteAsync();
    }
    var intoTable = sqlite ? await SqliteIntoTableAsync(csv, Path.Combine(folder, $"training_{n}.db")) : await PostgresIntoTableAsync(cs, csv);
    intoTables.Add(intoTable.Seconds);
    if (intoTable.Rows != rows) throw new InvalidOperationException($"The engine's load into the table wrote {intoTable.Rows} rows, not {rows}.");
    Console.WriteLine($"Run {r + 1}: import {rows:N0} completions {imports[^1],7:0.000} s (checking alone {checks[^1]:0.000} s), bulk load of the same file {baselines[^1],7:0.000} s, "
        + $"the engine's load into the completions table {intoTables[^1],7:0.000} s");
}
Console.WriteLine($"Import (median of {runs}):                 {Pct(imports, 50),7:0.000} s   ratio to the bulk load {Pct(imports, 50) / Pct(baselines, 50):0.00}, "
    + $"to the engine's load into the completions table {Pct(imports, 50) / Pct(intoTables, 50):0.00}");
Console.WriteLine($"Checking the file alone (median):       {Pct(checks, 50),7:0.000} s");
Console.WriteLine($"Bulk load of the same file (median):    {Pct(baselines, 50),7:0.000} s");
Console.WriteLine($"The engine's load into the table (median): {Pct(intoTables, 50),7:0.000} s");

// 2. The coverage page against the directory's first page, interleaved.
await using (var scope = provider.CreateAsyncScope())
{
    if (!sqlite) await scope.ServiceProvider.GetRequiredService<ComplianceDbContext>().Database.ExecuteSqlRawAsync("ANALYZE");
}
var course = courses[0];
var coverage = new List<double>();
var kept = new List<double>();
var totals = new List<double>();
var directory = new List<double>();
for (var i = 0; i < rounds + 10; i++)
{
    var c = await TimeAsync(async db =>
    {
        var coverage = await TrainingCoverage.OnAsync(db, course, today, 30, CancellationToken.None);
        var summary = coverage.Summary();
        var page = coverage.People([TrainingState.Stale, TrainingState.Never]).Take(50).ToList();
        if (summary.Totals.InScope != n) throw new InvalidOperationException("Unexpected coverage figures.");
    });
    var k = await TimeAsync(async db =>
    {
        var coverage = await provider.GetRequiredService<CoverageToday>().OfAsync(db, course.Id, 30, CancellationToken.None);
        var summary = coverage.Summary();
        var page = coverage.People([TrainingState.Stale, TrainingState.Never]).Take(50).ToList();
        if (summary.Totals.InScope != n) throw new InvalidOperationException("Unexpected coverage figures.");
    });
    var t = await TimeAsync(async db =>
    {
        var (counts, _) = await TrainingCoverage.TotalsOnAsync(db, course, today, 30, today.AddMonths(-24), CancellationToken.None);
        if (counts.InScope != n) throw new InvalidOperationException("Unexpected coverage figures.");
    });
    var d = await TimeAsync(async db =>
    {
        await db.Employees.AsNoTracking().CountAsync();
        await db.Employees.AsNoTracking().OrderBy(e => e.LastName).ThenBy(e => e.FirstName).Take(50)
            .Select(e => new { e.EmployeeNumber, e.FirstName, e.LastName, Site = db.Sites.Where(s => s.Id == e.SiteId).Select(s => s.Name).First() }).ToListAsync();
    });
    if (i < 10) continue;
    coverage.Add(c);
    kept.Add(k);
    totals.Add(t);
    directory.Add(d);
}
Console.WriteLine($"Directory first page (baseline), ms:  median {Pct(directory, 50),7:0.0}  p95 {Pct(directory, 95),7:0.0}");
Console.WriteLine($"Course coverage, worked out, ms:      median {Pct(coverage, 50),7:0.0}  p95 {Pct(coverage, 95),7:0.0}   ratio (medians) {Pct(coverage, 50) / Pct(directory, 50):0.00}");
Console.WriteLine($"Course totals for the position, ms:   median {Pct(totals, 50),7:0.0}  p95 {Pct(totals, 95),7:0.0}   ratio (medians) {Pct(totals, 50) / Pct(directory, 50):0.00}");
Console.WriteLine($"Course coverage, kept, ms:            median {Pct(kept, 50),7:0.0}  p95 {Pct(kept, 95),7:0.0}   ratio (medians) {Pct(kept, 50) / Pct(directory, 50):0.00}");

async Task<double> TimeAsync(Func<ComplianceDbContext, Task> work)
{
    await using var scope = provider.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
    var clock = Stopwatch.StartNew();
    await work(db);
    return clock.Elapsed.TotalMilliseconds;
}

static double Pct(List<double> values, int p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

static async Task<double> SqliteBaselineAsync(string csv, string db)
{
    File.Delete(db);
    await RunAsync("sqlite3", db, "CREATE TABLE copy_baseline (employee_number TEXT, course TEXT, completed_on TEXT, score TEXT, passed TEXT, content_version TEXT)");
    var clock = Stopwatch.StartNew();
    await RunAsync("sqlite3", db, $".import --csv --skip 1 {csv} copy_baseline");
    return clock.Elapsed.TotalSeconds;
}

static async Task<double> PostgresBaselineAsync(string cs, string csv)
{
    await using var c = new NpgsqlConnection(cs);
    await c.OpenAsync();
    await new NpgsqlCommand("DROP TABLE IF EXISTS copy_baseline; CREATE TABLE copy_baseline (employee_number text, course text, completed_on text, score text, passed text, content_version text)", c).ExecuteNonQueryAsync();
    var clock = Stopwatch.StartNew();
    await using (var writer = await c.BeginTextImportAsync("COPY copy_baseline FROM STDIN (FORMAT csv, HEADER true)"))
    {
        using var reader = new StreamReader(csv);
        var buffer = new char[65536];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0) await writer.WriteAsync(buffer, 0, read);
    }
    return clock.Elapsed.TotalSeconds;
}

// The sqlite3 shell on the app's own file, foreign keys on as the app has them; ids time-ordered as the app's are.
static async Task<(double Seconds, long Rows)> SqliteIntoTableAsync(string csv, string db)
{
    var script = $"""
        PRAGMA foreign_keys = ON;
        CREATE TEMP TABLE staging (employee_number TEXT, course TEXT, completed_on TEXT, score TEXT, passed TEXT, content_version TEXT);
        .import --csv --skip 1 {csv} staging
        BEGIN;
        INSERT INTO training_completions (id, course_id, employee_id, completed_on, passed, score, course_version_id, source, source_detail, recorded_by_name, recorded_at_utc)
        SELECT printf('01B00000-%04X-7000-8000-%012X', 0, s.rowid), c.id, e.id, s.day,
               CASE lower(s.passed) WHEN 'yes' THEN 1 WHEN 'no' THEN 0 END, nullif(s.score, ''),
               (SELECT v.id FROM course_versions v WHERE v.course_id = c.id AND v.effective_from <= s.day ORDER BY v.effective_from DESC, v.number DESC LIMIT 1),
               3, 'completions.csv', 'Bench', strftime('%Y-%m-%d %H:%M:%f', 'now')
        FROM (SELECT rowid, *, CASE WHEN instr(completed_on, '/') THEN substr(completed_on, 7, 4) || '-' || substr(completed_on, 4, 2) || '-' || substr(completed_on, 1, 2)
                                    ELSE completed_on END AS day FROM temp.staging) s
        JOIN employees e ON e.employee_number = s.employee_number
        JOIN courses c ON c.code = s.course;
        COMMIT;
        """;
    var file = Path.ChangeExtension(db, ".load.sql");
    await File.WriteAllTextAsync(file, script);
    var clock = Stopwatch.StartNew();
    await RunAsync("sqlite3", db, $".read {file}");
    var seconds = clock.Elapsed.TotalSeconds;
    await using var c = new SqliteConnection($"Data Source={db}");
    await c.OpenAsync();
    return (seconds, (long)(await new SqliteCommand("SELECT count(*) FROM training_completions", c).ExecuteScalarAsync())!);
}

static async Task<(double Seconds, long Rows)> PostgresIntoTableAsync(string cs, string csv)
{
    await using var c = new NpgsqlConnection(cs);
    await c.OpenAsync();
    var clock = Stopwatch.StartNew();
    await using var tx = await c.BeginTransactionAsync();
    await new NpgsqlCommand("CREATE TEMP TABLE staging (employee_number text, course text, completed_on text, score text, passed text, content_version text) ON COMMIT DROP", c, tx).ExecuteNonQueryAsync();
    await using (var writer = await c.BeginTextImportAsync("COPY staging FROM STDIN (FORMAT csv, HEADER true)"))
    {
        using var reader = new StreamReader(csv);
        var buffer = new char[65536];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0) await writer.WriteAsync(buffer, 0, read);
    }
    var rows = await new NpgsqlCommand("""
        INSERT INTO training_completions (id, course_id, employee_id, completed_on, passed, score, course_version_id, source, source_detail, recorded_by_name, recorded_at_utc)
        SELECT ('01b00000-0000-7000-8000-' || lpad(to_hex(s.n), 12, '0'))::uuid, c.id, e.id, s.day,
               CASE lower(s.passed) WHEN 'yes' THEN true WHEN 'no' THEN false END, nullif(s.score, '')::numeric,
               (SELECT v.id FROM course_versions v WHERE v.course_id = c.id AND v.effective_from <= s.day ORDER BY v.effective_from DESC, v.number DESC LIMIT 1),
               3, 'completions.csv', 'Bench', now()
        FROM (SELECT row_number() OVER () AS n, *, CASE WHEN strpos(completed_on, '/') > 0 THEN to_date(completed_on, 'DD/MM/YYYY') ELSE completed_on::date END AS day FROM staging) s
        JOIN employees e ON e.employee_number = s.employee_number
        JOIN courses c ON c.code = s.course
        """, c, tx).ExecuteNonQueryAsync();
    await tx.CommitAsync();
    return (clock.Elapsed.TotalSeconds, rows);
}

static async Task RunAsync(string file, params string[] args)
{
    using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
    var errors = await p.StandardError.ReadToEndAsync();
    await p.WaitForExitAsync();
    if (p.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {errors}");
}

static async Task<List<Course>> SeedAsync(ComplianceDbContext db, int n, DateOnly today)
{
    var now = DateTime.UtcNow;
    db.Organisations.Add(new Organisation("Bench Ltd", Sector.Hospitality, SizeBand.VeryLarge, [Nation.England], now));
    var sites = Enumerable.Range(1, Math.Max(1, n / 200)).Select(i => new Site($"Site {i}", Nation.England, null)).ToList();
    var departments = Enumerable.Range(1, 10).Select(i => new Department($"Department {i}")).ToList();
    db.Sites.AddRange(sites);
    db.Departments.AddRange(departments);
    await db.SaveChangesAsync();
    foreach (var chunk in Enumerable.Range(1, n).Chunk(2000))
    {
        db.Employees.AddRange(chunk.Select(i => new Employee(new ValidEmployee($"E{i:000000}", "First", $"Last{i}", $"person{i}@bench.test",
            sites[i % sites.Count].Id, departments[i % departments.Count].Id, null, null, null, i % 20 == 0, i % 3 == 0, false, false, false), now)));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
    var courses = Enumerable.Range(1, 5).Select(i =>
    {
        var c = new Course(new CourseSettings($"C-{i}", $"Course {i}", null, null, CourseAudience.Everyone, [], 12, 30, false, null), now);
        c.AddVersion(today.AddYears(-5), "First version.", TrainingTopics.Recognising, "Bench", now);
        c.AddVersion(today.AddYears(-1), "Second version.", TrainingTopics.Recognising | TrainingTopics.Bystander, "Bench", now);
        return c;
    }).ToList();
    db.Courses.AddRange(courses);
    await db.SaveChangesAsync();
    return courses;
}

sealed class BenchActor : IAuditActor
{
    public AuditActorInfo Current => AuditActorInfo.System;
}
