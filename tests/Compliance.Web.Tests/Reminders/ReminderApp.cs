using Compliance.Core.Cases;
using Compliance.Core.Mail;
using Compliance.Core.Reminders;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Tests.Cases;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.Reminders;

/// <summary>
/// The case organisation (an HR manager, three case handlers) with a real SMTP server beside it and a clock the
/// test moves. Jobs do not run by themselves here: each test runs the sweep and the sender when it means to.
/// </summary>
public class ReminderApp : CaseApp
{
    public ManualClock Clock { get; } = new(DateTimeOffset.Parse("2026-11-21T07:00:00Z"));
    public TestSmtpServer Smtp { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public override async Task InitializeAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        await base.InitializeAsync();
    }

    /// <summary>Runs the sweep as the job would at that moment: the app's clock says the same time.</summary>
    public Task<SweepResult> SweepAsync(DateTimeOffset at)
    {
        Clock.Set(at);
        return WithServiceAsync<ReminderSweep, SweepResult>(s => s.RunAsync(at, CancellationToken.None));
    }

    public Task<DispatchResult> DispatchAsync() => WithServiceAsync<MailDispatcher, DispatchResult>(d => d.RunAsync(CancellationToken.None));

    /// <summary>A risk assessment whose next review is on the given day.</summary>
    public async Task<Guid> AssessmentDueAsync(string title, DateOnly reviewOn)
    {
        await using var db = NewDbContext();
        var a = new RiskAssessment(title, AssessmentScope.Site, SiteId, null, null, DateTime.UtcNow);
        db.RiskAssessments.Add(a);
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE risk_assessments SET next_review_due = {reviewOn} WHERE id = {a.Id}");
        return a.Id;
    }

    public async Task<Guid> ActionDueAsync(Guid assessmentId, string description, DateOnly dueOn)
    {
        await using var db = NewDbContext();
        var action = new RiskAction(assessmentId, 1, null, description, "Facilities manager", dueOn, DateTime.UtcNow);
        db.RiskActions.Add(action);
        await db.SaveChangesAsync();
        return action.Id;
    }

    /// <summary>A case reported through the page, then moved to the dates and state the test needs.</summary>
    public async Task<Guid> CaseAsync(string text, DateOnly receivedOn, CaseState state = CaseState.Received, DateOnly? acknowledgedOn = null,
        DateOnly? closedOn = null, DateOnly[]? checkIns = null, Guid? assignedTo = null, Guid? excluded = null)
    {
        var (reference, _, _) = await ReportAsync(ReportFields(text));
        var id = await CaseIdAsync(reference);
        await using var db = NewDbContext();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE report_cases SET received_on = {receivedOn}, state = {(int)state}, acknowledged_on = {acknowledgedOn},
                closed_on = {closedOn}, outcome_on = {closedOn}, check_in_dates = {checkIns ?? []}
            WHERE id = {id}
            """);
        if (assignedTo is { } handler) db.CaseAssignments.Add(new CaseAssignment(id, handler, DateTime.UtcNow, "Test"));
        if (excluded is { } kept) db.CaseExclusions.Add(new CaseExclusion(id, kept, ExclusionReason.DeclaredConflict, receivedOn));
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>The reminders given about a record, leaving out the alert every case gets when it arrives (CaseAlertTests covers it).</summary>
    public async Task<List<ReminderDelivery>> DeliveriesAsync(Guid subject)
    {
        await using var db = NewDbContext();
        var key = subject.ToString();
        return await db.ReminderDeliveries.AsNoTracking().Where(d => d.Subject == key && d.Kind != CaseAlerts.NewReport).OrderBy(d => d.ClaimedAtUtc).ToListAsync();
    }

    public async Task<List<OutboxMessage>> MessagesAsync(Guid subject)
    {
        await using var db = NewDbContext();
        var key = subject.ToString();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.SubjectKey == key && m.Kind != CaseAlerts.NewReport).ToListAsync();
    }
}
