using Compliance.Core.Auditing;
using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Core.Policies;
using Compliance.Core.RiskAssessments;
using Compliance.Core.Scoring;
using Compliance.Core.Training;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Tests.Scoring.Database;

/// <summary>A clock the test sets by hand.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// A database of its own for one test, made by the real SQLite migrations (a migrated file is made once per test run
/// and copied), with the rules that read evidence built on it as the app builds them. The rules are tested on what
/// a database really returns, not on lists made up in the test.
/// </summary>
public sealed class EvidenceDatabase : IDisposable
{
    private static readonly Lazy<string> Template = new(MakeTemplate);
    private static readonly string Folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "compliance-core-tests", Environment.ProcessId.ToString())).FullName;
    private readonly string _path;

    /// <summary>Noon on Monday 16 November 2026, unless a test moves it.</summary>
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 16, 12, 0, 0, TimeSpan.Zero));

    public CaseOptions Cases { get; } = new();
    public ScoringOptions Scoring { get; } = new();
    public PolicyOptions Policies { get; } = new();
    public RiskAssessmentOptions Risk { get; } = new();
    public TrainingOptions Training { get; } = new();

    public EvidenceDatabase()
    {
        _path = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".db");
        File.Copy(Template.Value, _path);
        Db = NewContext();
    }

    /// <summary>The context the rules under test use.</summary>
    public ComplianceDbContext Db { get; }

    public DateOnly Today => UkCalendar.Today(Clock);

    public DateTime NowUtc => Clock.GetUtcNow().UtcDateTime;

    private static string ConnectionString(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    private static DatabaseTarget Target(string path) => new(DatabaseProvider.Sqlite, ConnectionString(path));

    public ComplianceDbContext NewContext() => new(Target(_path).Options());

    /// <summary>
    /// The migrated file every test copies: made once for these builds of the model and the migrations, and kept
    /// for the next test process (a mutation run starts hundreds), which would otherwise migrate again each time.
    /// </summary>
    private static string MakeTemplate()
    {
        var builds = string.Join("-", new[] { typeof(ComplianceDbContext).Assembly, System.Reflection.Assembly.Load("Compliance.Data.Sqlite") }
            .Select(a => a.ManifestModule.ModuleVersionId.ToString("N")[..12]));
        var shared = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "compliance-core-tests", "templates")).FullName;
        var path = Path.Combine(shared, $"migrated-{builds}.db");
        if (File.Exists(path)) return path;
        var making = Path.Combine(Folder, "template.db");
        using (var db = new ComplianceDbContext(Target(making).Options()))
        {
            db.Database.Migrate();
            db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        try
        {
            File.Move(making, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another test process made it first: the same migrations, so either will do.
        }
        return path;
    }

    public AuditTrail Audit => new(Clock, new Actor());

    private sealed class Actor : IAuditActor
    {
        public AuditActorInfo Current { get; } = new("test", "Tess Tester");
    }

    public ScoringSettings Settings() => new(Db, Options.Create(Scoring), Audit, Clock);

    /// <summary>The evidence pack's builder over this database, as the app makes one.</summary>
    public Compliance.Core.EvidencePacks.PackBuilder PackBuilder()
    {
        var evidence = Evidence();
        var reads = new Compliance.Core.EvidencePacks.PackReads(Db, evidence, new MonitoringFigures(Db));
        Compliance.Core.EvidencePacks.IPackChapter[] chapters =
        [
            new PolicyPackChapter(Db, evidence), new EngagementPackChapter(Db), new RiskPackChapter(Db, Options.Create(Risk)), new Core.Cases.ReportingPackChapter(evidence, reads),
            new TrainingPackChapter(Db, evidence, Options.Create(Training)), new Core.Cases.ComplaintsPackChapter(Db, evidence, reads), new Core.ThirdParty.ThirdPartyPackChapter(Db, evidence, reads),
            new MonitoringPackChapter(Db, evidence, reads),
        ];
        return new(Db, evidence, reads, chapters, new LegalTimeline(Db, Audit, Clock));
    }

    public StepEvidence Evidence() => new(Db, Options.Create(Policies), Options.Create(Risk), Options.Create(Training), Options.Create(Cases), Settings());

    /// <summary>Adds and saves records, then forgets them, so that every rule reads them back from the file.</summary>
    public async Task AddAsync(params object[] rows)
    {
        await using var db = NewContext();
        db.AddRange(rows);
        await db.SaveChangesAsync();
    }

    /// <summary>Saves changes made to records loaded by a context of the test's own.</summary>
    public async Task ChangeAsync<T>(Guid id, Action<T> change) where T : class
    {
        await using var db = NewContext();
        var row = await db.Set<T>().FindAsync(id) ?? throw new InvalidOperationException($"No {typeof(T).Name} {id}");
        change(row);
        await db.SaveChangesAsync();
    }

    public async Task<List<AuditEntry>> AuditEntriesAsync()
    {
        await using var db = NewContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    public Site Site(string name, Nation nation = Nation.England) => new(name, nation, null);

    public Employee Employee(string number, Guid siteId, DateOnly? start = null, DateOnly? leaving = null) =>
        new(new ValidEmployee(number, "Pat", number, null, siteId, null, null, start, leaving, false, false, false, false, false), NowUtc);

    /// <summary>A report received on a day, with its deadlines met as given.</summary>
    public static ReportCase Report(DateOnly received, ReportingMode mode = ReportingMode.Anonymous, IncidentPlace place = IncidentPlace.AtSite,
        Guid? site = null, InvolvedParties involved = InvolvedParties.Colleague) =>
        new("R-" + Guid.NewGuid().ToString("N")[..8], [1], [2], mode, ReporterRole.PersonAffected, place, site, involved, Answer.No, false, received, CaseFlags.None);

    public void Dispose()
    {
        Db.Dispose();
        foreach (var f in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            try { File.Delete(f); }
            catch (IOException) { }
        }
    }
}
