#:sdk Microsoft.NET.Sdk.Web
#:property PublishAot=false
#:property TreatWarningsAsErrors=false
#:project ../../src/Compliance.Web/Compliance.Web.csproj
// The reminder sweep at growing sizes: for each number of employees N, a fresh database with N employees,
// N/5 risk assessments, N/5 actions and N/2 cases (dates spread so that a share of each is due), then the
// sweep run twice: the first claims and queues everything due (with its emails rendered), the second finds it
// all given already. Prints the time of each, the reminders found and the SQL statements each sweep sent, so
// growth can be read across sizes and a statement per reminder would show.
//   tests/Compliance.Benchmarks/sweep-scale.sh [sqlite|postgresql] [N...]   (default postgresql, 1000 2500 5000 10000)
using System.Data.Common;
using System.Diagnostics;
using Compliance.Core.Accounts;
using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Core.Mail;
using Compliance.Core.Organisation;
using Compliance.Core.Reminders;
using Compliance.Core.RiskAssessments;
using Compliance.Core.Templating;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [1000, 2500, 5000, 10000];
var repo = Path.GetFullPath(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", "..", ".."));
var sqlite = Environment.GetEnvironmentVariable("BENCH_PROVIDER") == "sqlite";
// The server to make each size's database on (a throwaway PostgreSQL cluster), or the folder for SQLite files: from sweep-scale.sh.
var server = Environment.GetEnvironmentVariable(sqlite ? "BENCH_FOLDER" : "BENCH_POSTGRES") ?? throw new InvalidOperationException("Run this through sweep-scale.sh.");
var statements = new StatementCounter();
// Every statement PostgreSQL is sent, including those written to the connection directly (the batched claims).
using var npgsql = new ActivityListener
{
    ShouldListenTo = source => source.Name == "Npgsql",
    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
    ActivityStarted = _ => Interlocked.Increment(ref statements.Count),
};
if (!sqlite) ActivitySource.AddActivityListener(npgsql);
var now = new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
var today = new DateOnly(2026, 11, 23);

Console.WriteLine($"{(sqlite ? "SQLite" : "PostgreSQL")}");
Console.WriteLine("employees  assessments  actions  cases  reminders  first sweep (s)  repeat sweep (s)  ms per reminder  statements (first)  statements (repeat)");
foreach (var n in sizes)
{
    string cs;
    if (sqlite)
    {
        var file = Path.Combine(server, $"sweep_{n}_{Guid.NewGuid():N}.db");
        cs = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 30 }.ConnectionString;
    }
    else
    {
        var name = $"sweep_{n}_{Guid.NewGuid():N}"[..30];
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
    services.AddDbContext<ComplianceDbContext>(o =>
    {
        target.Apply(o);
        // SQLite runs in the process: every statement it runs is counted by SQLite's own trace hook on each connection.
        if (sqlite) o.AddInterceptors(statements);
    });
    services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new TemplateOptions { Path = Path.Combine(repo, "templates") }));
    services.AddSingleton<EmailTemplates>();
    services.AddOptions<ReminderOptions>();
    services.AddOptions<CaseOptions>();
    services.AddOptions<MailOptions>();
    services.AddScoped<IReminderSource, RiskReminders>();
    services.AddScoped<IReminderSource, CaseReminders>();
    services.AddScoped<ReminderQueue>();
    services.AddScoped<ReminderSweep>();
    await using var provider = services.BuildServiceProvider();

    await using (var scope = provider.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
        await db.Database.MigrateAsync();
        await SeedAsync(db, n, today, sqlite);
    }
    var counts = await CountsAsync(provider);
    statements.Count = 0;
    var first = await TimeSweepAsync(provider, now);
    var firstStatements = statements.Count;
    statements.Count = 0;
    var repeat = await TimeSweepAsync(provider, now);
    var repeatStatements = statements.Count;
    Console.WriteLine($"{n,9}  {counts.Assessments,11}  {counts.Actions,7}  {counts.Cases,5}  {first.Result.Due,9}  {first.Seconds,15:0.000}  {repeat.Seconds,16:0.000}  {first.Seconds * 1000 / Math.Max(1, first.Result.Due),15:0.00}  {firstStatements,18}  {repeatStatements,19}");
    if (repeat.Result.Queued != 0) throw new InvalidOperationException("The repeat sweep queued reminders again.");
}

static async Task<(double Seconds, SweepResult Result)> TimeSweepAsync(ServiceProvider provider, DateTimeOffset now)
{
    await using var scope = provider.CreateAsyncScope();
    var sweep = scope.ServiceProvider.GetRequiredService<ReminderSweep>();
    var clock = Stopwatch.StartNew();
    var result = await sweep.RunAsync(now, CancellationToken.None);
    return (clock.Elapsed.TotalSeconds, result);
}

static async Task<(int Assessments, int Actions, int Cases)> CountsAsync(ServiceProvider provider)
{
    await using var scope = provider.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
    return (await db.RiskAssessments.CountAsync(), await db.RiskActions.CountAsync(), await db.ReportCases.CountAsync());
}

static async Task SeedAsync(ComplianceDbContext db, int n, DateOnly today, bool sqlite)
{
    var random = new Random(n);
    var nowUtc = DateTime.UtcNow;
    var sites = Enumerable.Range(1, Math.Max(1, n / 200)).Select(i => new Site($"Site {i}", Nation.England, null)).ToList();
    db.Sites.AddRange(sites);
    foreach (var role in Roles.All) db.Roles.Add(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7(), NormalizedName = role.ToUpperInvariant() });
    await db.SaveChangesAsync();
    var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
    // Staff as a mid-sized employer has them, the same at every size: 3 HR managers and 8 case handlers.
    var staff = new List<(ApplicationUser User, string Role)>();
    for (var i = 0; i < 3; i++) staff.Add((Person($"hr{i}"), Roles.HRManager));
    for (var i = 0; i < 8; i++) staff.Add((Person($"handler{i}"), Roles.CaseHandler));
    foreach (var (user, role) in staff)
    {
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[role] });
    }
    await db.SaveChangesAsync();
    var handlers = staff.Where(s => s.Role == Roles.CaseHandler).Select(s => s.User.Id).ToList();

    foreach (var chunk in Enumerable.Range(1, n).Chunk(2000))
    {
        db.Employees.AddRange(chunk.Select(i => new Employee(new ValidEmployee($"E{i:000000}", "First", $"Last{i}", null,
            sites[i % sites.Count].Id, null, null, null, null, false, i % 3 == 0, false, false, false), nowUtc)));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    // Assessments reviewed on dates spread over a year around today; each with an action due around today.
    var assessments = new List<RiskAssessment>();
    for (var i = 0; i < n / 5; i++)
    {
        var a = new RiskAssessment($"Assessment {i}", AssessmentScope.Site, sites[i % sites.Count].Id, null, null, nowUtc);
        assessments.Add(a);
        db.RiskAssessments.Add(a);
        db.RiskActions.Add(new RiskAction(a.Id, 1, null, $"Action {i}", "Owner", today.AddDays(random.Next(-60, 60)), nowUtc));
    }
    await db.SaveChangesAsync();
    foreach (var chunk in assessments.Chunk(1000))
    {
        var ids = chunk.Select(a => a.Id).ToArray();
        var dues = chunk.Select(_ => today.AddDays(random.Next(-180, 180))).ToArray();
        if (!sqlite)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE risk_assessments r SET next_review_due = t.d FROM unnest({ids}, {dues}) AS t(id, d) WHERE r.id = t.id");
            continue;
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < ids.Length; i++) await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE risk_assessments SET next_review_due = {dues[i]} WHERE id = {ids[i]}");
        await transaction.CommitAsync();
    }

    // Cases received over the last year at every stage; a third assigned to a handler.
    var states = Enum.GetValues<CaseState>();
    db.ChangeTracker.Clear();
    for (var i = 0; i < n / 2; i++)
    {
        var c = new ReportCase($"R-{i:0000}-{n:0000}", new byte[32], new byte[48], ReportingMode.Anonymous, ReporterRole.PersonAffected, IncidentPlace.AtSite,
            sites[i % sites.Count].Id, InvolvedParties.None, Answer.Yes, false, today.AddDays(-random.Next(0, 365)), CaseFlags.None);
        db.ReportCases.Add(c);
        if (i % 3 == 0) db.CaseAssignments.Add(new CaseAssignment(c.Id, handlers[i % handlers.Count], nowUtc, "Bench"));
        if (i % 1000 == 999) { await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
    }
    await db.SaveChangesAsync();
    // Each case at a stage chosen from its reference (the same on both engines): acknowledged three days after it
    // came, closed after 60 days at the last stage, with check-ins 90, 150 and 240 days after it came.
    var cases = await db.ReportCases.AsNoTracking().Select(c => new { c.Id, c.Reference, c.ReceivedOn }).ToListAsync();
    await using (var transaction = await db.Database.BeginTransactionAsync())
    {
        foreach (var c in cases)
        {
            var stage = (int)(Fnv(c.Reference) % 8);
            var closed = stage == 7 ? c.ReceivedOn.AddDays(60) : (DateOnly?)null;
            var checkIns = stage == 7 ? new[] { c.ReceivedOn.AddDays(90), c.ReceivedOn.AddDays(150), c.ReceivedOn.AddDays(240) } : [];
            if (sqlite)
            {
                var json = System.Text.Json.JsonSerializer.Serialize(checkIns.Select(d => d.ToString("yyyy-MM-dd")));
                await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE report_cases SET state = {1 + stage}, acknowledged_on = {c.ReceivedOn.AddDays(3)}, closed_on = {closed}, check_in_dates = {json} WHERE id = {c.Id}");
            }
            else
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE report_cases SET state = {1 + stage}, acknowledged_on = {c.ReceivedOn.AddDays(3)}, closed_on = {closed}, check_in_dates = {checkIns} WHERE id = {c.Id}");
            }
        }
        await transaction.CommitAsync();
    }

    static uint Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var ch in text) hash = (hash ^ ch) * 16777619u;
        return hash;
    }

    ApplicationUser Person(string key) => new()
    {
        Id = Guid.CreateVersion7(), UserName = $"{key}@bench.test", NormalizedUserName = $"{key}@BENCH.TEST", Email = $"{key}@bench.test",
        NormalizedEmail = $"{key}@BENCH.TEST", DisplayName = key, PasswordHash = "not-a-real-hash", SecurityStamp = Guid.NewGuid().ToString(), CreatedAtUtc = nowUtc,
    };
}

/// <summary>Counts the statements SQLite runs, from its own trace hook on each connection the app opens.</summary>
sealed class StatementCounter : DbConnectionInterceptor
{
    public int Count;
    private readonly SQLitePCL.strdelegate_trace _callback;

    public StatementCounter() => _callback = (_, _) => Interlocked.Increment(ref Count);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Trace(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Trace(connection);
        return Task.CompletedTask;
    }

    private void Trace(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite && sqlite.Handle is { } handle)
        {
            SQLitePCL.raw.sqlite3_trace(handle, _callback, null);
        }
    }
}
