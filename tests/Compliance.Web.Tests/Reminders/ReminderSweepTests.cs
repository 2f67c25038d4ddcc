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
        Assert.Empty(await KindsAsync(id));
        await app.SweepAsync(At("2026-10-24T23:30:00Z")); // 00:30 BST on 25 October: a UTC date would still say the 24th
        Assert.Equal(["risk-review-30d"], await KindsAsync(id));
        await app.SweepAsync(At("2026-10-25T07:00:00Z")); // 07:00 GMT, same day: nothing again
        await app.SweepAsync(At("2026-11-16T07:00:00Z"));
        Assert.Equal(["risk-review-30d"], await KindsAsync(id));

        await app.SweepAsync(At("2026-11-17T07:00:00Z"));
        Assert.Equal(["risk-review-30d", "risk-review-7d"], await KindsAsync(id));
        await app.SweepAsync(At("2026-11-24T07:00:00Z")); // due today: not overdue yet
        Assert.Equal(2, (await KindsAsync(id)).Count);
        await app.SweepAsync(At("2026-11-25T07:00:00Z"));
        await app.SweepAsync(At("2026-11-26T07:00:00Z"));
        await app.SweepAsync(At("2026-12-01T07:00:00Z"));
        Assert.Equal(["risk-review-30d", "risk-review-7d", "risk-review-overdue"], await KindsAsync(id));

        // Each went to the HR manager, by email and in the app.
        var deliveries = await app.DeliveriesAsync(id);
        Assert.All(deliveries, d => Assert.Equal(app.HrManager.Id, d.RecipientId));
        var messages = await app.MessagesAsync(id);
        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.Equal(app.HrManager.Email, m.ToAddress));
        Assert.Contains("Harbour Kitchen", messages.Single(m => m.Kind == "risk-review-7d").Subject);
        Assert.Contains("DUE in 7 days", messages.Single(m => m.Kind == "risk-review-7d").TextBody);
        Assert.Contains($"/risk/assessments/{id}", messages[0].HtmlBody + "\n" + messages[0].TextBody);
    }

    [Fact]
    public async Task An_action_is_reminded_once_the_UK_day_after_it_was_due()
    {
        var assessment = await app.AssessmentDueAsync("Quay Street kitchen", new DateOnly(2027, 6, 1));
        var action = await app.ActionDueAsync(assessment, "Fit a lock to the <store> room", new DateOnly(2026, 11, 20));

        await app.SweepAsync(At("2026-11-20T23:30:00Z")); // 23:30 GMT on the 20th: still the due day
        Assert.Empty(await KindsAsync(action));
        await app.SweepAsync(At("2026-11-21T00:30:00Z"));
        await app.SweepAsync(At("2026-11-22T07:00:00Z"));
        Assert.Equal(["risk-action-overdue"], await KindsAsync(action));
        var message = Assert.Single(await app.MessagesAsync(action));
        // What a person typed is escaped in the HTML and left as it is in the text.
        Assert.Contains("Fit a lock to the &lt;store&gt; room", message.HtmlBody);
        Assert.DoesNotContain("<store>", message.HtmlBody);
        Assert.Contains("Fit a lock to the <store> room", message.TextBody);
    }

    [Fact]
    public async Task Case_deadlines_go_to_the_assigned_handler_escalate_to_all_when_missed_or_unassigned_and_never_to_an_excluded_one()
    {
        // Received 23 March 2027: acknowledgement due 30 March; its reminder is due 28 March, the day BST starts.
        var unassigned = await app.CaseAsync("Unassigned case words", new DateOnly(2027, 3, 23), excluded: app.Nora.Id);
        await app.SweepAsync(At("2027-03-27T23:30:00Z")); // 23:30 GMT on 27 March
        Assert.Empty(await KindsAsync(unassigned));
        await app.SweepAsync(At("2027-03-28T06:00:00Z")); // 07:00 BST on 28 March
        var soon = await app.DeliveriesAsync(unassigned);
        Assert.All(soon, d => Assert.Equal("case-acknowledge-soon", d.Kind));
        // Nobody has taken it: every handler but the one kept out of it.
        Assert.Equal(new[] { app.Ben.Id, app.Hattie.Id }.Order(), soon.Select(d => d.RecipientId).Order());

        await app.SweepAsync(At("2027-03-30T06:00:00Z")); // due today: not missed yet
        Assert.Equal(2, (await app.DeliveriesAsync(unassigned)).Count);
        await app.SweepAsync(At("2027-03-31T06:00:00Z"));
        var missed = (await app.DeliveriesAsync(unassigned)).Where(d => d.Kind == "case-acknowledge-missed").ToList();
        Assert.Equal(new[] { app.Ben.Id, app.Hattie.Id }.Order(), missed.Select(d => d.RecipientId).Order());

        // Acknowledged and assigned: triage coming up goes to the assigned handler only; missed goes to all.
        var assigned = await app.CaseAsync("Assigned case words", new DateOnly(2027, 3, 1), CaseState.Acknowledged,
            acknowledgedOn: new DateOnly(2027, 3, 1), assignedTo: app.Hattie.Id);
        await app.SweepAsync(At("2027-03-06T07:00:00Z")); // triage due Monday 8 March (5 working days)
        var triage = await app.DeliveriesAsync(assigned);
        Assert.Equal([("case-triage-soon", app.Hattie.Id)], triage.Select(d => (d.Kind, d.RecipientId)));
        await app.SweepAsync(At("2027-03-09T07:00:00Z"));
        Assert.Equal(3, (await app.DeliveriesAsync(assigned)).Count(d => d.Kind == "case-triage-missed"));

        // Emails about cases carry nothing of the case.
        foreach (var m in (await app.MessagesAsync(unassigned)).Concat(await app.MessagesAsync(assigned)))
        {
            Assert.DoesNotContain("case words", m.HtmlBody + m.TextBody + m.Subject);
            Assert.DoesNotContain(CaseApp.SiteName, m.HtmlBody + m.TextBody + m.Subject);
            Assert.DoesNotContain("R-", m.Subject + m.TextBody);
        }
    }

    [Fact]
    public async Task A_check_in_after_closure_is_reminded_on_its_day_to_the_assigned_handler()
    {
        var id = await app.CaseAsync("Closed case words", new DateOnly(2026, 8, 1), CaseState.Closed, acknowledgedOn: new DateOnly(2026, 8, 2),
            closedOn: new DateOnly(2026, 9, 10), checkIns: [new DateOnly(2026, 10, 10), new DateOnly(2026, 12, 10)], assignedTo: app.Ben.Id);
        await app.SweepAsync(At("2026-10-09T06:00:00Z"));
        Assert.Empty(await KindsAsync(id));
        await app.SweepAsync(At("2026-10-10T06:00:00Z"));
        var d = Assert.Single(await app.DeliveriesAsync(id));
        Assert.Equal(("case-check-in", app.Ben.Id, new DateOnly(2026, 10, 10)), (d.Kind, d.RecipientId, d.DueOn));
        Assert.Contains("Check-in 1 of 2", Assert.Single(await app.MessagesAsync(id)).TextBody);
    }

    [Fact]
    public async Task A_notification_shows_in_the_header_count_and_opens_its_page_once_read()
    {
        var id = await app.AssessmentDueAsync("Notification test site", new DateOnly(2026, 12, 1));
        await app.SweepAsync(At("2026-11-21T07:00:00Z"));
        Assert.Contains("risk-review-30d", await KindsAsync(id));

        var hr = await app.SignedInAsync(app.HrManager);
        var home = Html.Text(await hr.GetPageAsync("/"));
        Assert.Matches(@"Notifications\s*\d+\s*, \d+ unread", home);
        var page = await hr.GetPageAsync("/notifications");
        Assert.Contains("Notification test site", page);
        var notificationId = await NotificationIdAsync(id);
        var open = await hr.SubmitFormAsync("/notifications", [new("id", notificationId.ToString())], postUrl: "/notifications?handler=Open");
        Assert.Equal($"/risk/assessments/{id}", open.Headers.Location?.OriginalString);

        // Someone else's notification cannot be opened.
        var other = await app.SignedInAsync(app.Director);
        var stolen = await other.SubmitFormAsync("/notifications", [new("id", notificationId.ToString())], postUrl: "/notifications?handler=Open");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, stolen.StatusCode);

        await hr.SubmitFormAsync("/notifications", [], postUrl: "/notifications?handler=ReadAll");
        Assert.DoesNotContain("unread", Html.Text(await hr.GetPageAsync("/")));
    }

    private async Task<Guid> NotificationIdAsync(Guid subject)
    {
        await using var db = app.NewDbContext();
        var key = subject.ToString();
        return db.Notifications.Where(n => n.Subject == key).Select(n => n.Id).First();
    }
}
