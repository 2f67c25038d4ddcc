using Compliance.Core.Cases;
using Compliance.Web.Tests.Cases;
using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Web.Tests.Reminders;

public sealed class ReminderSweepTests(ReminderApp app) : IClassFixture<ReminderApp>
{
    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<string>> KindsAsync(Guid subject) => [.. (await app.DeliveriesAsync(subject)).Select(d => d.Kind)];

    [Fact]
    public async Task A_risk_review_is_reminded_30_and_7_days_before_and_once_overdue_on_the_UK_day_even_as_the_clocks_go_back()
    {
        // Due 24 November 2026: the 30-day reminder falls on 25 October, the day British Summer Time ends.
        var id = await app.AssessmentDueAsync("Harbour Kitchen", new DateOnly(2026, 11, 24));

        await app.SweepAsync(At("2026-10-24T22:30:00Z")); // 23:30 BST on 24 October
        (await KindsAsync(id)).Should().BeEmpty();
        await app.SweepAsync(At("2026-10-24T23:30:00Z")); // 00:30 BST on 25 October: a UTC date would still say the 24th
        (await KindsAsync(id)).Should().Equal("risk-review-30d");
        await app.SweepAsync(At("2026-10-25T07:00:00Z")); // 07:00 GMT, same day: nothing again
        await app.SweepAsync(At("2026-11-16T07:00:00Z"));
        (await KindsAsync(id)).Should().Equal("risk-review-30d");

        await app.SweepAsync(At("2026-11-17T07:00:00Z"));
        (await KindsAsync(id)).Should().Equal("risk-review-30d", "risk-review-7d");
        await app.SweepAsync(At("2026-11-24T07:00:00Z")); // due today: not overdue yet
        (await KindsAsync(id)).Count.Should().Be(2);
        await app.SweepAsync(At("2026-11-25T07:00:00Z"));
        await app.SweepAsync(At("2026-11-26T07:00:00Z"));
        await app.SweepAsync(At("2026-12-01T07:00:00Z"));
        (await KindsAsync(id)).Should().Equal("risk-review-30d", "risk-review-7d", "risk-review-overdue");

        // Each went to the HR manager, by email and in the app.
        var deliveries = await app.DeliveriesAsync(id);
        deliveries.Should().AllSatisfy(d => d.RecipientId.Should().Be(app.HrManager.Id));
        var messages = await app.MessagesAsync(id);
        messages.Count.Should().Be(3);
        messages.Should().AllSatisfy(m => m.ToAddress.Should().Be(app.HrManager.Email));
        messages.Single(m => m.Kind == "risk-review-7d").Subject.Should().Contain("Harbour Kitchen");
        messages.Single(m => m.Kind == "risk-review-7d").TextBody.Should().Contain("DUE in 7 days");
        (messages[0].HtmlBody + "\n" + messages[0].TextBody).Should().Contain($"/risk/assessments/{id}");
    }

    [Fact]
    public async Task An_action_is_reminded_once_the_UK_day_after_it_was_due()
    {
        var assessment = await app.AssessmentDueAsync("Quay Street kitchen", new DateOnly(2027, 6, 1));
        var action = await app.ActionDueAsync(assessment, "Fit a lock to the <store> room", new DateOnly(2026, 11, 20));

        await app.SweepAsync(At("2026-11-20T23:30:00Z")); // 23:30 GMT on the 20th: still the due day
        (await KindsAsync(action)).Should().BeEmpty();
        await app.SweepAsync(At("2026-11-21T00:30:00Z"));
        await app.SweepAsync(At("2026-11-22T07:00:00Z"));
        (await KindsAsync(action)).Should().Equal("risk-action-overdue");
        var message = (await app.MessagesAsync(action)).Should().ContainSingle().Which;
        // What a person typed is escaped in the HTML and left as it is in the text.
        message.HtmlBody.Should().Contain("Fit a lock to the &lt;store&gt; room");
        message.HtmlBody.Should().NotContain("<store>");
        message.TextBody.Should().Contain("Fit a lock to the <store> room");
    }

    [Fact]
    public async Task Case_deadlines_go_to_the_assigned_handler_escalate_to_all_when_missed_or_unassigned_and_never_to_an_excluded_one()
    {
        // Received 23 March 2027: acknowledgement due 30 March; its reminder is due 28 March, the day BST starts.
        var unassigned = await app.CaseAsync("Unassigned case words", new DateOnly(2027, 3, 23), excluded: app.Nora.Id);
        await app.SweepAsync(At("2027-03-27T23:30:00Z")); // 23:30 GMT on 27 March
        (await KindsAsync(unassigned)).Should().BeEmpty();
        await app.SweepAsync(At("2027-03-28T06:00:00Z")); // 07:00 BST on 28 March
        var soon = await app.DeliveriesAsync(unassigned);
        soon.Should().AllSatisfy(d => d.Kind.Should().Be("case-acknowledge-soon"));
        // Nobody has taken it: every handler but the one kept out of it.
        soon.Select(d => d.RecipientId).Order().Should().Equal(new[] { app.Ben.Id, app.Hattie.Id }.Order());

        await app.SweepAsync(At("2027-03-30T06:00:00Z")); // due today: not missed yet
        (await app.DeliveriesAsync(unassigned)).Count.Should().Be(2);
        await app.SweepAsync(At("2027-03-31T06:00:00Z"));
        var missed = (await app.DeliveriesAsync(unassigned)).Where(d => d.Kind == "case-acknowledge-missed").ToList();
        missed.Select(d => d.RecipientId).Order().Should().Equal(new[] { app.Ben.Id, app.Hattie.Id }.Order());

        // Acknowledged and assigned: triage coming up goes to the assigned handler only; missed goes to all.
        var assigned = await app.CaseAsync("Assigned case words", new DateOnly(2027, 3, 1), CaseState.Acknowledged,
            acknowledgedOn: new DateOnly(2027, 3, 1), assignedTo: app.Hattie.Id);
        await app.SweepAsync(At("2027-03-06T07:00:00Z")); // triage due Monday 8 March (5 working days)
        var triage = await app.DeliveriesAsync(assigned);
        triage.Select(d => (d.Kind, d.RecipientId)).Should().Equal(("case-triage-soon", app.Hattie.Id));
        await app.SweepAsync(At("2027-03-09T07:00:00Z"));
        (await app.DeliveriesAsync(assigned)).Count(d => d.Kind == "case-triage-missed").Should().Be(3);

        // Emails about cases carry nothing of the case.
        foreach (var m in (await app.MessagesAsync(unassigned)).Concat(await app.MessagesAsync(assigned)))
        {
            (m.HtmlBody + m.TextBody + m.Subject).Should().NotContain("case words");
            (m.HtmlBody + m.TextBody + m.Subject).Should().NotContain(CaseApp.SiteName);
            (m.Subject + m.TextBody).Should().NotContain("R-");
        }
    }

    [Fact]
    public async Task A_check_in_after_closure_is_reminded_on_its_day_to_the_assigned_handler()
    {
        var id = await app.CaseAsync("Closed case words", new DateOnly(2026, 8, 1), CaseState.Closed, acknowledgedOn: new DateOnly(2026, 8, 2),
            closedOn: new DateOnly(2026, 9, 10), checkIns: [new DateOnly(2026, 10, 10), new DateOnly(2026, 12, 10)], assignedTo: app.Ben.Id);
        await app.SweepAsync(At("2026-10-09T06:00:00Z"));
        (await KindsAsync(id)).Should().BeEmpty();
        await app.SweepAsync(At("2026-10-10T06:00:00Z"));
        var d = (await app.DeliveriesAsync(id)).Should().ContainSingle().Which;
        (d.Kind, d.RecipientId, d.DueOn).Should().Be(("case-check-in", app.Ben.Id, new DateOnly(2026, 10, 10)));
        (await app.MessagesAsync(id)).Should().ContainSingle().Which.TextBody.Should().Contain("Check-in 1 of 2");
    }

    [Fact]
    public async Task A_notification_shows_in_the_header_count_and_opens_its_page_once_read()
    {
        var id = await app.AssessmentDueAsync("Notification test site", new DateOnly(2026, 12, 1));
        await app.SweepAsync(At("2026-11-21T07:00:00Z"));
        (await KindsAsync(id)).Should().Contain("risk-review-30d");

        var hr = await app.SignedInAsync(app.HrManager);
        var home = Html.Text(await hr.GetPageAsync("/"));
        home.Should().MatchRegex(@"Notifications\s*\d+\s*, \d+ unread");
        var page = await hr.GetPageAsync("/notifications");
        page.Should().Contain("Notification test site");
        var notificationId = await NotificationIdAsync(id);
        var open = await hr.SubmitFormAsync("/notifications", [new("id", notificationId.ToString())], postUrl: "/notifications?handler=Open");
        (open.Headers.Location?.OriginalString).Should().Be($"/risk/assessments/{id}");

        // Someone else's notification cannot be opened.
        var other = await app.SignedInAsync(app.Director);
        var stolen = await other.SubmitFormAsync("/notifications", [new("id", notificationId.ToString())], postUrl: "/notifications?handler=Open");
        stolen.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);

        await hr.SubmitFormAsync("/notifications", [], postUrl: "/notifications?handler=ReadAll");
        Html.Text(await hr.GetPageAsync("/")).Should().NotContain("unread");
    }

    private async Task<Guid> NotificationIdAsync(Guid subject)
    {
        await using var db = app.NewDbContext();
        var key = subject.ToString();
        return db.Notifications.Where(n => n.Subject == key).Select(n => n.Id).First();
    }
}
