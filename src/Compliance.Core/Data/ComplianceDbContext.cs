using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Core.Employees;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Orgs = Compliance.Core.Organisation;

namespace Compliance.Core.Data;

public sealed class ComplianceDbContext(DbContextOptions<ComplianceDbContext> options)
    : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>(options)
{
    /// <summary>What must happen once the current transaction commits (see <see cref="AfterCommitRunner"/>); dropped if it rolls back.</summary>
    internal List<Action> AfterCommit { get; } = [];

    public DbSet<Orgs.Organisation> Organisations => Set<Orgs.Organisation>();
    public DbSet<Orgs.Site> Sites => Set<Orgs.Site>();
    public DbSet<Orgs.Department> Departments => Set<Orgs.Department>();
    public DbSet<Employee> Employees => Set<Employee>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<ManagerScope> ManagerScopes => Set<ManagerScope>();
    public DbSet<RiskAssessments.RiskFactor> RiskFactors => Set<RiskAssessments.RiskFactor>();
    public DbSet<RiskAssessments.RiskAssessment> RiskAssessments => Set<RiskAssessments.RiskAssessment>();
    public DbSet<RiskAssessments.AssessmentRevision> AssessmentRevisions => Set<RiskAssessments.AssessmentRevision>();
    public DbSet<RiskAssessments.RiskAction> RiskActions => Set<RiskAssessments.RiskAction>();
    public DbSet<ThirdParty.ThirdPartyIncident> ThirdPartyIncidents => Set<ThirdParty.ThirdPartyIncident>();
    public DbSet<ThirdParty.MeasureUse> MeasureUses => Set<ThirdParty.MeasureUse>();
    public DbSet<Cases.ReportCase> ReportCases => Set<Cases.ReportCase>();
    public DbSet<Cases.CaseEntry> CaseEntries => Set<Cases.CaseEntry>();
    public DbSet<Cases.CaseFile> CaseFiles => Set<Cases.CaseFile>();
    public DbSet<Cases.CaseFileBlob> CaseFileBlobs => Set<Cases.CaseFileBlob>();
    public DbSet<Cases.CaseAssignment> CaseAssignments => Set<Cases.CaseAssignment>();
    public DbSet<Cases.CaseExclusion> CaseExclusions => Set<Cases.CaseExclusion>();
    public DbSet<Reminders.ReminderDelivery> ReminderDeliveries => Set<Reminders.ReminderDelivery>();
    public DbSet<Reminders.Notification> Notifications => Set<Reminders.Notification>();
    public DbSet<Mail.OutboxMessage> OutboxMessages => Set<Mail.OutboxMessage>();
    public DbSet<Mail.MailSettings> MailSettings => Set<Mail.MailSettings>();
    public DbSet<Jobs.JobRun> JobRuns => Set<Jobs.JobRun>();
    public DbSet<KeyRingEntry> KeyRing => Set<KeyRingEntry>();
    public DbSet<Policies.Policy> Policies => Set<Policies.Policy>();
    public DbSet<Policies.PolicyVersion> PolicyVersions => Set<Policies.PolicyVersion>();
    public DbSet<Policies.PolicyConsultation> PolicyConsultations => Set<Policies.PolicyConsultation>();
    public DbSet<Policies.PolicyRecipient> PolicyRecipients => Set<Policies.PolicyRecipient>();
    public DbSet<Policies.PolicyLink> PolicyLinks => Set<Policies.PolicyLink>();
    public DbSet<Policies.PolicyAcknowledgement> PolicyAcknowledgements => Set<Policies.PolicyAcknowledgement>();
    public DbSet<Training.Course> Courses => Set<Training.Course>();
    public DbSet<Training.CourseVersion> CourseVersions => Set<Training.CourseVersion>();
    public DbSet<Training.TrainingCompletion> TrainingCompletions => Set<Training.TrainingCompletion>();
    public DbSet<Training.TrainingReminder> TrainingReminders => Set<Training.TrainingReminder>();
    public DbSet<Scoring.LegalProvision> LegalProvisions => Set<Scoring.LegalProvision>();
    public DbSet<Scoring.BoardSignOff> BoardSignOffs => Set<Scoring.BoardSignOff>();
    public DbSet<Scoring.PlanAction> PlanActions => Set<Scoring.PlanAction>();
    public DbSet<Scoring.PositionSnapshot> PositionSnapshots => Set<Scoring.PositionSnapshot>();
    public DbSet<Scoring.ScoringSetting> ScoringSettings => Set<Scoring.ScoringSetting>();
    public DbSet<Scoring.EngagementActivity> EngagementActivities => Set<Scoring.EngagementActivity>();
    public DbSet<EvidencePacks.EvidencePack> EvidencePacks => Set<EvidencePacks.EvidencePack>();

    /// <summary>How this database keeps the guarantees that rest on what its engine offers (locks, claims, bulk loads).</summary>
    public IDatabaseDialect Dialect => DatabaseDialects.For(this);

    /// <summary>
    /// Forgets the trend's kept scores (<see cref="Scoring.PositionSnapshot"/>) of <paramref name="day"/> and every day
    /// after it: a record dated in the past (a completion imported from a learning system, an incident logged late)
    /// changes them, and a kept score must always equal the score worked out again from the records. They are worked
    /// out again when next needed.
    /// </summary>
    public Task<int> ForgetKeptScoresFromAsync(DateOnly day, CancellationToken ct) => PositionSnapshots.Where(s => s.Day >= day).ExecuteDeleteAsync(ct);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        foreach (var (caseId, entries) in NewCaseEntries())
        {
            var last = IsNewCase(caseId) ? 0 : CaseEntries.Where(e => e.CaseId == caseId).Max(e => (int?)e.Number) ?? 0;
            foreach (var e in entries) e.Number = ++last;
        }
        if (EarliestScoredDayChanged() is not { } day) return base.SaveChanges(acceptAllChangesOnSuccess);
        // Saved and forgotten together: a kept score never outlives the change that made it wrong.
        using var tx = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        PositionSnapshots.Where(s => s.Day >= day).ExecuteDelete();
        tx?.Commit();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var (caseId, entries) in NewCaseEntries())
        {
            // A case added in this same save has no entries yet: no need to ask the database.
            var last = IsNewCase(caseId) ? 0 : await CaseEntries.Where(e => e.CaseId == caseId).MaxAsync(e => (int?)e.Number, cancellationToken) ?? 0;
            foreach (var e in entries) e.Number = ++last;
        }
        if (EarliestScoredDayChanged() is not { } day) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        // Saved and forgotten together: a kept score never outlives the change that made it wrong. Once saved, the
        // forgetting is not cancelled.
        await using var tx = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await ForgetKeptScoresFromAsync(day, CancellationToken.None);
        if (tx is not null) await tx.CommitAsync(CancellationToken.None);
        return saved;
    }

    /// <summary>
    /// The records whose dates say which past days' scores they change, and those of their properties that change none.
    /// Engagement activities and board sign-offs count from the day they were recorded, so entering one changes no
    /// past day; a plan action's completion and due dates do.
    /// </summary>
    private static readonly Dictionary<Type, string[]> DatedEvidence = new()
    {
        [typeof(Employee)] = [nameof(Employee.FirstName), nameof(Employee.LastName), nameof(Employee.JobTitle), nameof(Employee.EmployeeNumber), nameof(Employee.UpdatedAtUtc)],
        [typeof(Scoring.PlanAction)] = [],
        [typeof(RiskAssessments.RiskAction)] = [],
        [typeof(Training.TrainingCompletion)] = [],
        [typeof(Training.CourseVersion)] = [],
        [typeof(ThirdParty.ThirdPartyIncident)] = [],
    };

    /// <summary>
    /// Records that carry no date of their own but that every past day is scored with as they stand now (a course's
    /// refresh period and audience, a site's nation): a change to one, or its removal, forgets every kept score. A
    /// course added counts from its own records; a site added counts on every day, so it forgets them too.
    /// </summary>
    private static readonly Dictionary<Type, bool> ReadAsTheyStand = new()
    {
        [typeof(Training.Course)] = false,
        [typeof(Orgs.Site)] = true,
    };

    /// <summary>
    /// The earliest day whose scores the changes about to be saved alter: a record entered or removed counts from the
    /// earliest of its dates (a person with no start date, from always), one whose dates alone moved from the earliest
    /// of their old and new values, one changed otherwise (a site, a role) as if entered again; so that the trend's
    /// kept month ends are forgotten from then on (<see cref="ForgetKeptScoresFromAsync"/>). A change only to what no
    /// score reads (a person's name) forgets nothing.
    /// </summary>
    private DateOnly? EarliestScoredDayChanged()
    {
        static bool IsDate(PropertyEntry p) => p.Metadata.ClrType == typeof(DateOnly) || p.Metadata.ClrType == typeof(DateOnly?);
        DateOnly? earliest = null;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (ReadAsTheyStand.TryGetValue(entry.Entity.GetType(), out var whenAdded) && (entry.State != EntityState.Added || whenAdded)) return DateOnly.MinValue;
            if (!DatedEvidence.TryGetValue(entry.Entity.GetType(), out var unscored)) continue;
            var changed = entry.Properties.Where(p => p.IsModified && !unscored.Contains(p.Metadata.Name)).ToList();
            if (entry.State == EntityState.Modified && changed.Count == 0) continue;
            // Only dates moved: the days between their old and new values. Anything else (a site, a role): all its days.
            var dates = entry.State == EntityState.Modified && changed.All(IsDate) ? changed : entry.Properties.Where(IsDate);
            foreach (var property in dates)
            {
                foreach (var value in entry.State == EntityState.Added ? [property.CurrentValue] : new[] { property.OriginalValue, property.CurrentValue })
                {
                    var day = value as DateOnly? ?? (property.Metadata.Name == nameof(Employee.StartDate) ? DateOnly.MinValue : null);
                    if (day is { } d && (earliest is null || d < earliest)) earliest = d;
                }
            }
        }
        return earliest;
    }

    private bool IsNewCase(Guid caseId) =>
        ChangeTracker.Entries<Cases.ReportCase>().Any(e => e.State == EntityState.Added && e.Entity.Id == caseId);

    /// <summary>The case entries about to be added without their number yet, by case, each case's in the order they happened.</summary>
    private List<(Guid CaseId, List<Cases.CaseEntry> Entries)> NewCaseEntries() =>
        [.. ChangeTracker.Entries<Cases.CaseEntry>().Where(e => e.State == EntityState.Added && e.Entity.Number == 0).Select(e => e.Entity)
            .GroupBy(e => e.CaseId)
            .Select(g => (g.Key, g.OrderBy(e => e.WrittenOn).ThenBy(e => e.Kind == Cases.EntryKind.Report ? 0 : 1).ThenBy(e => e.WrittenAtUtc ?? DateTime.MaxValue).ToList()))];

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // SQLite keeps times as text and gives them back without a kind; every time the app stores is UTC, and says so
        // when read back, as it does from PostgreSQL's timestamptz.
        if (Database.IsSqlite())
        {
            configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ComplianceDbContext).Assembly);
        SnakeCaseNames.Apply(builder);
        if (Database.IsSqlite())
        {
            // Covers the policy coverage counts (PolicyCoverage) on SQLite: grouped in this order, filtered on the dates,
            // with the email's presence and the identifier read from the index rather than the table (about half the
            // time at 10,000 people). PostgreSQL's plans gained nothing from it (docs/benchmarks.md), so it has none.
            builder.Entity<Employee>().HasIndex(e => new { e.SiteId, e.DepartmentId, e.IsManager, e.IsCustomerFacing, e.StartDate, e.LeavingDate, e.WorkEmail, e.Id })
                .HasDatabaseName("ix_employees_scope_counts");
        }
    }
}

/// <summary>Stores a UTC time as it is and marks what is read back as UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v,
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
