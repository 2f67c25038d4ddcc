#:sdk Microsoft.NET.Sdk.Web
#:property PublishAot=false
#:property TreatWarningsAsErrors=false
#:project ../../src/Compliance.Web/Compliance.Web.csproj
// Publishing a policy to N people, and its coverage page, on a fresh database of N employees (each with a work
// email, across N/200 sites and 10 departments). Three measurements, each with its baseline in the same run:
//   1. Baseline: queue N emails through the outbox, rendered from the same template, with nothing else (the least
//      any design must do to send N people a message). Then the publication's sending: a request row, a personal
//      link (256 random bits, its hash stored) and a queued email for each of the N people, in batches.
//   2. Half of them acknowledge; then the coverage page's database work (the counts: totals, by site, department
//      and audience; and the first page of who has not acknowledged), ROUNDS times, interleaved with the
//      baseline: the employee directory's first page (a count and 50 rows), the lightest list page the app has.
// Prints each time, the medians and 95th percentiles, and the ratios to the baselines.
//   tests/Compliance.Benchmarks/policy-scale.sh [sqlite|postgresql] [N] [ROUNDS]   (default postgresql, 10000, 200)
using System.Diagnostics;
using Compliance.Core;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Core.Mail;
using Compliance.Core.Organisation;
using Compliance.Core.Policies;
using Compliance.Core.Templating;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

var n = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var rounds = args.Length > 1 ? int.Parse(args[1]) : 200;
var repo = Path.GetFullPath(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", "..", ".."));
var sqlite = Environment.GetEnvironmentVariable("BENCH_PROVIDER") == "sqlite";
var server = Environment.GetEnvironmentVariable(sqlite ? "BENCH_FOLDER" : "BENCH_POSTGRES") ?? throw new InvalidOperationException("Run this through policy-scale.sh.");

string cs;
if (sqlite)
{
    cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(server, $"policy_{n}.db"), Pooling = true, DefaultTimeout = 30 }.ConnectionString;
}
else
{
    var name = $"policy_{n}_{Guid.NewGuid():N}"[..30];
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
services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new TemplateOptions { Path = Path.Combine(repo, "templates") }));
services.AddSingleton<EmailTemplates>();
services.AddSingleton<PolicyTemplates>();
services.AddSingleton(TimeProvider.System);
services.AddSingleton<IAuditActor, BenchActor>();
services.AddOptions<PolicyOptions>();
services.AddOptions<MailOptions>();
services.AddScoped<AuditTrail>();
services.AddScoped<PolicyDistribution>();
await using var provider = services.BuildServiceProvider();

var today = UkCalendar.Today(TimeProvider.System);
Guid policyId;
await using (var scope = provider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
    await db.Database.MigrateAsync();
    policyId = await SeedAsync(db, scope.ServiceProvider.GetRequiredService<PolicyTemplates>(), n);
}
Console.WriteLine($"{(sqlite ? "SQLite" : "PostgreSQL")}, {n:N0} employees");

// 1. Baseline: N emails queued with nothing else; then the publication's sending.
double baseline;
await using (var scope = provider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
    var templates = scope.ServiceProvider.GetRequiredService<EmailTemplates>();
    var people = await db.Employees.AsNoTracking().Select(e => new { e.WorkEmail, Name = e.FirstName + " " + e.LastName }).ToListAsync();
    var clock = Stopwatch.StartNew();
    var model = new PolicyRequestEmail("Bench Ltd", "Anti-sexual-harassment policy", 1, 0);
    var body = templates.RenderBody(model);
    foreach (var batch in people.Chunk(500))
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Dialect.InsertNewAsync(db, batch.Select(p => new OutboxMessage(p.WorkEmail!, p.Name, templates.Wrap(model, body, p.Name, "http://127.0.0.1:5080/policies/acknowledge/x"),
            "bench", "bench", DateTime.UtcNow)).ToList(), CancellationToken.None);
        await tx.CommitAsync();
    }
    baseline = clock.Elapsed.TotalSeconds;
    await db.OutboxMessages.Where(m => m.Kind == "bench").ExecuteDeleteAsync();
}
double publish;
SendResult sent;
await using (var scope = provider.CreateAsyncScope())
{
    var distribution = scope.ServiceProvider.GetRequiredService<PolicyDistribution>();
    var clock = Stopwatch.StartNew();
    sent = await distribution.AskNewAsync(policyId);
    publish = clock.Elapsed.TotalSeconds;
}
if (sent.Asked != n || sent.Emailed != n) throw new InvalidOperationException($"Expected {n} asked and emailed: {sent.Summary}");
Console.WriteLine($"Queue {n:N0} emails only (baseline):        {baseline,8:0.000} s");
Console.WriteLine($"Publish: {n:N0} requests, links and emails: {publish,8:0.000} s   ratio {publish / baseline:0.00}");

// 2. Half acknowledge; then the coverage page's work against the directory's first page, interleaved.
await using (var scope = provider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
    var version = await db.PolicyVersions.AsNoTracking().SingleAsync(v => v.PolicyId == policyId);
    var half = await db.PolicyRecipients.AsNoTracking().Where(r => r.PolicyId == policyId).OrderBy(r => r.Id).Take(n / 2).Select(r => r.EmployeeId).ToListAsync();
    var at = DateTime.UtcNow;
    await using var tx = await db.Database.BeginTransactionAsync();
    await db.Dialect.InsertNewAsync(db, half.Select(e => new PolicyAcknowledgement(policyId, version.AcknowledgementRound, version.Id, version.Number, version.ContentHash!, e, at)).ToList(), CancellationToken.None);
    await db.PolicyRecipients.Where(r => half.Contains(r.EmployeeId)).ExecuteUpdateAsync(s => s.SetProperty(r => r.AcknowledgedAtUtc, at));
    await tx.CommitAsync();
    // PostgreSQL's statistics as its autovacuum would have them a minute after a bulk change, so the timings are
    // not of plans made for empty tables. SQLite keeps none unless asked, and the app does not ask.
    if (!sqlite) await db.Database.ExecuteSqlRawAsync("ANALYZE");
}
var coverage = new List<double>();
List<double>[] parts = [[], []];
var directory = new List<double>();
for (var i = 0; i < rounds + 10; i++)
{
    var c = await TimeAsync(async db =>
    {
        var policy = await db.Policies.AsNoTracking().Include(p => p.Versions).SingleAsync(p => p.Id == policyId);
        var version = policy.InForce!;
        var part = Stopwatch.StartNew();
        var summary = await PolicyCoverage.SummaryAsync(db, policyId, version, today, CancellationToken.None);
        var totals = summary.Totals;
        var count = totals.Outstanding;
        parts[0].Add(part.Elapsed.TotalMilliseconds);
        part.Restart();
        await PolicyCoverage.Outstanding(db, policyId, version, today, null, null).Take(50).ToListAsync();
        parts[1].Add(part.Elapsed.TotalMilliseconds);
        if (totals.Acknowledged != n / 2 || count != n - n / 2) throw new InvalidOperationException("Unexpected coverage figures.");
    });
    var d = await TimeAsync(async db =>
    {
        await db.Employees.AsNoTracking().CountAsync();
        await db.Employees.AsNoTracking().OrderBy(e => e.LastName).ThenBy(e => e.FirstName).Take(50)
            .Select(e => new { e.EmployeeNumber, e.FirstName, e.LastName, Site = db.Sites.Where(s => s.Id == e.SiteId).Select(s => s.Name).First() }).ToListAsync();
    });
    // The first rounds warm the connection pool and the query caches; they are not counted.
    if (i < 10)
    {
        foreach (var part in parts) part.Clear();
        continue;
    }
    coverage.Add(c);
    directory.Add(d);
}
Console.WriteLine($"Directory first page (baseline), ms:  median {Pct(directory, 50),7:0.0}  p95 {Pct(directory, 95),7:0.0}");
Console.WriteLine($"Coverage page, ms:                    median {Pct(coverage, 50),7:0.0}  p95 {Pct(coverage, 95),7:0.0}   ratio (medians) {Pct(coverage, 50) / Pct(directory, 50):0.00}");
Console.WriteLine($"  of which (medians, ms): the counts (totals, by site, department and audience) {Pct(parts[0], 50):0.0}, the first page of names {Pct(parts[1], 50):0.0}");

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

static async Task<Guid> SeedAsync(ComplianceDbContext db, PolicyTemplates templates, int n)
{
    var now = DateTime.UtcNow;
    var today = UkCalendar.Today(TimeProvider.System);
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
    var text = templates.Render(PolicyKind.SexualHarassment, new PolicyTemplateModel("Bench Ltd", [.. sites.Select(s => s.Name)], "http://127.0.0.1:5080/report",
        ["Priya Shah, HR adviser"], PolicyTemplates.DefaultSupportLines, today.AddYears(1)));
    var policy = new Policy(PolicyKind.SexualHarassment, "Anti-sexual-harassment policy", "harassment", text, now);
    var version = policy.Versions[0];
    version.SubmitForApproval("HR", now);
    version.Approve(Guid.NewGuid(), "Director", now);
    policy.Publish(version.Id, new PolicyPublication(today, AudienceKind.Everyone, [], PolicyChange.Material, [], null, "HR"), now, today.AddYears(1));
    db.Policies.Add(policy);
    await db.SaveChangesAsync();
    return policy.Id;
}

sealed class BenchActor : IAuditActor
{
    public AuditActorInfo Current => AuditActorInfo.System;
}
