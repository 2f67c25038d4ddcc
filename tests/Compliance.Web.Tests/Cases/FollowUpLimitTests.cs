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
            wrong.StatusCode.Should().Be(HttpStatusCode.OK);
            Html.Text(await wrong.Content.ReadAsStringAsync()).Should().Contain(Pages.Report.FollowUpModel.NotFoundMessage);
        }
        var right = await app.FollowUpAsync(guesser, reference, key);
        var text = Html.Text(await right.Content.ReadAsStringAsync());
        right.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        text.Should().Contain("too many wrong tries from your connection");
        text.Should().NotContain("Guess-proof report");

        // Replies are held to the same count.
        var reply = await guesser.SubmitFormAsync("/report/follow-up", [new("Reference", reference), new("Key", key), new("Message", "Hello")], postUrl: "/report/follow-up?handler=Reply");
        reply.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public void The_count_is_per_client_for_an_hour_and_many_failures_everywhere_slow_every_try_but_refuse_none()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-21T10:00:00Z"));
        var guard = new FollowUpGuard(Options.Create(new CaseOptions { FollowUpFailuresPerClientPerHour = 3, FollowUpFailuresOverallPerMinute = 5 }), clock);
        var one = IPAddress.Parse("198.51.100.1");
        var two = IPAddress.Parse("198.51.100.2");
        for (var i = 0; i < 3; i++) guard.Failed(one);
        guard.Check(one).Should().Be(FollowUpGuard.Verdict.ClientBlocked);
        guard.Check(two).Should().Be(FollowUpGuard.Verdict.Allowed);
        guard.Brake().Should().Be(TimeSpan.Zero);

        // Failures spread over other addresses pass the overall threshold: every try waits, more with each failure,
        // up to a ceiling, but a client with few failures of its own is still allowed in.
        guard.Failed(IPAddress.Parse("198.51.100.3"));
        guard.Failed(IPAddress.Parse("198.51.100.4"));
        guard.Brake().Should().Be(FollowUpGuard.BrakeStep);
        for (var i = 0; i < 200; i++) guard.Failed(IPAddress.Parse($"192.0.2.{i % 250}"));
        guard.Brake().Should().Be(FollowUpGuard.MaxBrake);
        guard.Check(two).Should().Be(FollowUpGuard.Verdict.Allowed);
        clock.Advance(TimeSpan.FromSeconds(61));
        guard.Brake().Should().Be(TimeSpan.Zero);
        guard.Check(one).Should().Be(FollowUpGuard.Verdict.ClientBlocked);
        clock.Advance(TimeSpan.FromMinutes(60));
        guard.Check(one).Should().Be(FollowUpGuard.Verdict.Allowed);
    }
}
