using System.Net;
using Compliance.Core.Cases;
using Compliance.Web.Infrastructure;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Tests.Cases;

/// <summary>A fresh app of its own: the count of wrong tries lives in the app's memory and must start at zero.</summary>
public sealed class FollowUpLimitApp : CaseApp;

public sealed class FollowUpLimitTests(FollowUpLimitApp app) : IClassFixture<FollowUpLimitApp>
{
    [Fact]
    public async Task The_eleventh_wrong_try_within_an_hour_is_refused_even_when_the_key_is_right()
    {
        var (reference, key, _) = await app.ReportAsync(app.ReportFields("Guess-proof report"));
        var guesser = app.NewClient();
        for (var i = 1; i <= 10; i++)
        {
            var wrong = await app.FollowUpAsync(guesser, reference, CaseSecrets.NewKey());
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains(Pages.Report.FollowUpModel.NotFoundMessage, Html.Text(await wrong.Content.ReadAsStringAsync()));
        }
        var right = await app.FollowUpAsync(guesser, reference, key);
        var text = Html.Text(await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("too many wrong tries from your connection", text);
        Assert.DoesNotContain("Guess-proof report", text);

        // Replies are held to the same count.
        var reply = await guesser.SubmitFormAsync("/report/follow-up", [new("Reference", reference), new("Key", key), new("Message", "Hello")], postUrl: "/report/follow-up?handler=Reply");
        Assert.Equal(HttpStatusCode.TooManyRequests, reply.StatusCode);
    }

    [Fact]
    public void The_count_is_per_client_for_an_hour_and_many_failures_everywhere_slow_every_try_but_refuse_none()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-21T10:00:00Z"));
        var guard = new FollowUpGuard(Options.Create(new CaseOptions { FollowUpFailuresPerClientPerHour = 3, FollowUpFailuresOverallPerMinute = 5 }), clock);
        var one = IPAddress.Parse("198.51.100.1");
        var two = IPAddress.Parse("198.51.100.2");
        for (var i = 0; i < 3; i++) guard.Failed(one);
        Assert.Equal(FollowUpGuard.Verdict.ClientBlocked, guard.Check(one));
        Assert.Equal(FollowUpGuard.Verdict.Allowed, guard.Check(two));
        Assert.Equal(TimeSpan.Zero, guard.Brake());

        // Failures spread over other addresses pass the overall threshold: every try waits, more with each failure,
        // up to a ceiling, but a client with few failures of its own is still allowed in.
        guard.Failed(IPAddress.Parse("198.51.100.3"));
        guard.Failed(IPAddress.Parse("198.51.100.4"));
        Assert.Equal(FollowUpGuard.BrakeStep, guard.Brake());
        for (var i = 0; i < 200; i++) guard.Failed(IPAddress.Parse($"192.0.2.{i % 250}"));
        Assert.Equal(FollowUpGuard.MaxBrake, guard.Brake());
        Assert.Equal(FollowUpGuard.Verdict.Allowed, guard.Check(two));
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(TimeSpan.Zero, guard.Brake());
        Assert.Equal(FollowUpGuard.Verdict.ClientBlocked, guard.Check(one));
        clock.Advance(TimeSpan.FromMinutes(60));
        Assert.Equal(FollowUpGuard.Verdict.Allowed, guard.Check(one));
    }
}
