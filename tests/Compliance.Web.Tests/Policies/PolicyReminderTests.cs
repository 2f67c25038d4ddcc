using System.Net;
using Compliance.Core.Accounts;
using Compliance.Core.Policies;
using Compliance.Core.Reminders;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.Policies;

/// <summary>The policy organisation with a clock the test moves, and a line manager responsible for the Harbour Hotel.</summary>
public sealed class PolicyClockApp : PolicyApp
{
    public ManualClock Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(9), TimeSpan.Zero));
    public TestAccount LineManager { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        LineManager = await CreateAccountAsync("manager@example.test", [Roles.Manager], false, "Mo Manager");
        (await WithServiceAsync<StaffAccounts, string?>(s => s.SetManagerScopeAsync(LineManager.Id, [HomeSite], []))).Should().BeNull();
    }

    /// <summary>Moves the clock to so many days after the start, and runs what the morning's jobs run.</summary>
    public async Task<string> MorningAsync(DateTimeOffset start, int day)
    {
        Clock.Set(start.AddDays(day));
        var sweep = await WithServiceAsync<ReminderSweep, SweepResult>(s => s.RunAsync(Clock.GetUtcNow(), CancellationToken.None));
        return sweep.Summary + " " + await WithServiceAsync<PolicyDistribution, string>(d => d.RunPendingAsync());
    }
}

public sealed class PolicyReminderTests(PolicyClockApp app) : IClassFixture<PolicyClockApp>
{
    [Fact]
    public async Task People_are_reminded_after_7_and_21_days_then_their_manager_and_the_HR_managers_before_the_review_and_each_day_counts_once()
    {
        var start = app.Clock.GetUtcNow();
        try
        {
            await RemindersAndNoticesAsync(start);
        }
        finally
        {
            // The other test here signs in and publishes at the fixture's own time.
            app.Clock.Set(start);
        }
    }

    private async Task RemindersAndNoticesAsync(DateTimeOffset start)
    {
        var id = await app.CreateThroughPageAsync(PolicyKind.ThirdPartyHarassment);
        await app.PublishAsync(id);
        await app.MorningAsync(start, 0);
        var links = await app.LinksAsync(id);
        links.Should().HaveCount(2);
        Guid versionId;
        DateOnly review;
        await using (var db = app.NewDbContext())
        {
            versionId = (await db.PolicyVersions.SingleAsync(v => v.PolicyId == id && v.Status == PolicyVersionStatus.Published)).Id;
            review = (await db.Policies.SingleAsync(p => p.Id == id)).NextReviewDue!.Value;
        }

        // P-1 reads it on day 3; the next morning the audit trail has that day's count, once however often the job runs.
        app.Clock.Set(start.AddDays(3));
        (await app.NewClient().SubmitFormAsync(links["p1@example.test"], [new("VersionId", versionId.ToString())])).StatusCode.Should().Be(HttpStatusCode.OK);
        await app.MorningAsync(start, 4);
        await app.MorningAsync(start, 4);
        await using (var db = app.NewDbContext())
        {
            var counts = await db.AuditEntries.AsNoTracking().Where(a => a.Action == PolicyDistribution.DailyCountAction && a.EntityId == id.ToString()).ToListAsync();
            counts.Should().ContainSingle().Which.Summary.Should().StartWith($"On {Core.UkDates.Long(Core.UkCalendar.Today(app.Clock).AddDays(-1))}: 1 person acknowledged")
                .And.Contain("1 of the 3 people it is for (33%)");
        }

        // Day 6: no reminder yet. Day 7: P-2 (who has not read it) is reminded; P-1 (who has) and P-3 (no email address) are not.
        foreach (var (day, p2Reminders) in new[] { (6, 0), (7, 1), (7, 1), (20, 1), (21, 2), (22, 2) })
        {
            await app.MorningAsync(start, day);
            (await RemindersAsync(id, "p2@example.test")).Should().Be(p2Reminders, $"on day {day}");
            (await RemindersAsync(id, "p1@example.test")).Should().Be(0, $"on day {day}");
        }
        await using (var db = app.NewDbContext())
        {
            var toP2 = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "policy-acknowledge" && m.SubjectKey == id.ToString() && m.ToAddress == "p2@example.test")
                .OrderBy(m => m.CreatedAtUtc).Select(m => m.Subject).ToListAsync();
            toP2.Should().HaveCount(3);
            toP2.Skip(1).Should().OnlyContain(s => s.StartsWith("Reminder: please read"));
            (await db.OutboxMessages.CountAsync(m => m.Kind == "policy-acknowledge" && m.ToAddress == "p1@example.test" && m.SubjectKey == id.ToString())).Should().Be(1);
            var p2 = await db.PolicyRecipients.AsNoTracking().SingleAsync(r => r.PolicyId == id && r.EmployeeId == db.Employees.Single(e => e.EmployeeNumber == "P-2").Id);
            p2.FirstReminderOn.Should().Be(DateOnly.FromDateTime(Core.UkCalendar.ToUk(start.AddDays(7).UtcDateTime)));
            p2.TimesSent.Should().Be(3);
            (await db.AuditEntries.CountAsync(a => a.Action == "policy.reminded" && a.EntityId == id.ToString())).Should().Be(2);
        }

        // Day 28: the Harbour Hotel's line manager is told that one of their people has not read it (P-3 is at the other site),
        // once that week; the HR managers and the other director are not.
        await app.MorningAsync(start, 28);
        await app.MorningAsync(start, 28);
        await using (var db = app.NewDbContext())
        {
            var told = await db.Notifications.AsNoTracking().Where(n => n.Kind == "policy-team-outstanding" && n.Subject == id.ToString()).ToListAsync();
            told.Should().ContainSingle().Which.UserId.Should().Be(app.LineManager.Id);
            told[0].Title.Should().StartWith("1 of your team has not confirmed reading");
        }
        var team = Html.Text(await (await app.SignedInAsync(app.LineManager)).GetPageAsync($"/team?policy={id}"));
        team.Should().Contain("Policies your team must read");
        var notRead = team[team.IndexOf("Not yet confirmed:", StringComparison.Ordinal)..];
        notRead.Should().Contain("Pat P-2").And.NotContain("Pat P-1").And.NotContain("Pat P-3");

        // The review date: the HR manager is told 30 days before, and again once it has passed.
        var reviewAt = new DateTimeOffset(review.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        await app.MorningAsync(reviewAt, -31);
        await app.MorningAsync(reviewAt, -30);
        await app.MorningAsync(reviewAt, -29);
        await app.MorningAsync(reviewAt, 1);
        await using (var db = app.NewDbContext())
        {
            var kinds = await db.Notifications.AsNoTracking().Where(n => n.Subject == id.ToString() && n.Kind.StartsWith("policy-review")).Select(n => n.Kind).ToListAsync();
            kinds.Should().BeEquivalentTo(["policy-review-30d", "policy-review-overdue"]);
        }
    }

    [Fact]
    public async Task A_version_published_with_a_later_date_waits_for_its_day_and_the_version_in_force_stays_until_then()
    {
        var start = app.Clock.GetUtcNow();
        try
        {
            var id = await app.CreateThroughPageAsync(PolicyKind.Whistleblowing);
            await app.PublishAsync(id);
            (await app.PostAsync(app.HrManager, id, "NewVersion")).StatusCode.Should().Be(HttpStatusCode.Redirect);
            (await app.PostAsync(app.HrManager, id, "Submit")).StatusCode.Should().Be(HttpStatusCode.Redirect);
            (await app.PostAsync(app.Director, id, "Approve", ("Confirm", "true"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
            var today = Core.UkCalendar.Today(app.Clock);
            var on = today.AddDays(10);
            (string, string)[] Publication(DateOnly date) => [("Publish.EffectiveOn", date.ToString("dd/MM/yyyy")), ("Publish.Audience", "Everyone"), ("Publish.Change", "Minor")];

            // More than a year ahead is refused, naming the field; ten days ahead is scheduled, and can be taken back.
            Html.Text(await (await app.PostAsync(app.HrManager, id, "Publish", Publication(today.AddDays(400)))).Content.ReadAsStringAsync())
                .Should().Contain("The effective date can be at most a year ahead");
            (await app.PostAsync(app.HrManager, id, "Publish", Publication(on))).StatusCode.Should().Be(HttpStatusCode.Redirect);
            (await app.PostAsync(app.HrManager, id, "CancelSchedule")).StatusCode.Should().Be(HttpStatusCode.Redirect);
            await using (var db = app.NewDbContext())
            {
                var second = await db.PolicyVersions.AsNoTracking().SingleAsync(v => v.PolicyId == id && v.Number == 2);
                second.Status.Should().Be(PolicyVersionStatus.Approved);
                second.ScheduledAtUtc.Should().BeNull();
            }
            (await app.PostAsync(app.HrManager, id, "Publish", Publication(on))).StatusCode.Should().Be(HttpStatusCode.Redirect);
            Html.Text(await app.HrManager.GetPageAsync($"/policies/manage/{id}")).Should().Contain($"To be published on {Core.UkDates.Long(on)}");
            await using (var db = app.NewDbContext())
            {
                var versions = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == id).OrderBy(v => v.Number).ToListAsync();
                versions.Select(v => v.Status).Should().Equal(PolicyVersionStatus.Published, PolicyVersionStatus.Approved);
                versions[1].ScheduledAtUtc.Should().NotBeNull();
                (await db.AuditEntries.CountAsync(a => a.EntityId == id.ToString() && a.Action == "policy.scheduled")).Should().Be(2);
                (await db.AuditEntries.CountAsync(a => a.EntityId == id.ToString() && a.Action == "policy.schedule-cancelled")).Should().Be(1);
            }
            Html.Text(await app.NewClient().GetPageAsync("/policies/whistleblowing")).Should().Contain("version 1");

            // The day before, nothing happens; on the day, the policy job publishes it as scheduled.
            app.Clock.Set(start.AddDays(9));
            (await app.WithServiceAsync<PolicyWork, int>(w => w.PublishDueAsync())).Should().Be(0);
            app.Clock.Set(start.AddDays(10));
            (await app.WithServiceAsync<PolicyWork, int>(w => w.PublishDueAsync())).Should().Be(1);
            (await app.WithServiceAsync<PolicyWork, int>(w => w.PublishDueAsync())).Should().Be(0);
            await using (var db = app.NewDbContext())
            {
                var versions = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == id).OrderBy(v => v.Number).ToListAsync();
                versions.Select(v => v.Status).Should().Equal(PolicyVersionStatus.Superseded, PolicyVersionStatus.Published);
                versions[1].EffectiveOn.Should().Be(on);
                versions[1].AcknowledgementRound.Should().Be(1, "a minor change keeps the acknowledgements of the version before");
                (await db.AuditEntries.CountAsync(a => a.EntityId == id.ToString() && a.Action == "policy.published" && a.Summary.Contains("published as scheduled"))).Should().Be(1);
            }
            Html.Text(await app.NewClient().GetPageAsync("/policies/whistleblowing")).Should().Contain("version 2");
        }
        finally
        {
            app.Clock.Set(start);
        }
    }

    private async Task<int> RemindersAsync(Guid policyId, string address)
    {
        await using var db = app.NewDbContext();
        return await db.OutboxMessages.CountAsync(m => m.Kind == "policy-acknowledge" && m.SubjectKey == policyId.ToString() && m.ToAddress == address && m.Subject.StartsWith("Reminder"));
    }

    [Fact]
    public async Task A_published_version_and_an_acknowledgement_cannot_be_changed_even_in_the_database()
    {
        var id = await app.CreateThroughPageAsync(PolicyKind.BullyingAndHarassment);
        await app.PublishAsync(id);
        await app.WithServiceAsync<PolicyDistribution, SendResult>(d => d.AskNewAsync(id));
        Guid versionId;
        await using (var db = app.NewDbContext())
        {
            versionId = (await db.PolicyVersions.SingleAsync(v => v.PolicyId == id)).Id;
        }
        var link = (await app.LinksAsync(id))["p1@example.test"];
        (await app.NewClient().SubmitFormAsync(link, [new("VersionId", versionId.ToString())])).StatusCode.Should().Be(HttpStatusCode.OK);
        var version = TestDatabase.Literal(versionId);
        // Each refusal must be the freeze trigger's own words: a DELETE of the version would fail on the foreign key
        // from its acknowledgement anyway, so "some database error" proves nothing.
        const string VersionChanged = "an approved or published version of a policy cannot be changed";
        const string VersionRemoved = "an approved or published version of a policy cannot be removed";
        const string Acknowledgement = "an acknowledgement cannot be changed or removed";
        foreach (var (sql, refusal) in new[]
        {
            ($"UPDATE policy_versions SET text = 'changed' WHERE id = {version}", VersionChanged),
            ($"UPDATE policy_versions SET content_hash = 'changed' WHERE id = {version}", VersionChanged),
            ($"UPDATE policy_versions SET effective_on = '2020-01-01' WHERE id = {version}", VersionChanged),
            ($"DELETE FROM policy_versions WHERE id = {version}", VersionRemoved),
            ($"UPDATE policy_acknowledgements SET acknowledged_at_utc = acknowledged_at_utc WHERE version_id = {version}", Acknowledgement),
            ($"DELETE FROM policy_acknowledgements WHERE version_id = {version}", Acknowledgement),
        })
        {
            (await FluentActions.Awaiting(() => TestDatabase.ExecuteAsync(app.ConnectionString, sql)).Should().ThrowAsync<System.Data.Common.DbException>(sql))
                .Which.Message.Should().Contain(refusal, sql);
        }
        await using (var db = app.NewDbContext())
        {
            (await db.PolicyAcknowledgements.CountAsync(a => a.VersionId == versionId)).Should().Be(1);
        }
    }
}
