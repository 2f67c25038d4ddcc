using System.Net;
using Compliance.Core.Accounts;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.Accounts;

public sealed class ClockedAppFactory : SetUpAppFactory
{
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, 123, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Sessions end after 30 idle minutes, and 12 hours after sign-in however busy the person is.</summary>
public sealed class SessionTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    private static bool SignedOut(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location?.ToString().Contains("/account/sign-in") == true;

    [Fact]
    public async Task Thirty_idle_minutes_end_the_session_but_activity_keeps_it_for_twelve_hours_at_most()
    {
        var idle = await app.SignedInAsync(await app.CreateAccountAsync("idle@example.test", [Roles.Director], twoFactor: false));
        var busy = await app.SignedInAsync(await app.CreateAccountAsync("busy@example.test", [Roles.Director], twoFactor: false));

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        (await busy.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMinutes(11)); // idle: 31 minutes; busy: 11 minutes since the last request
        SignedOut(await idle.GetAsync("/")).Should().BeTrue();

        // Busy: a request every 20 minutes keeps the session until 12 hours from sign-in have passed.
        var elapsed = TimeSpan.FromMinutes(31);
        while (elapsed < TimeSpan.FromHours(12) - TimeSpan.FromMinutes(20))
        {
            (await busy.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            elapsed += TimeSpan.FromMinutes(20);
        }
        (await busy.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromHours(12) - elapsed + TimeSpan.FromMinutes(1));
        SignedOut(await busy.GetAsync("/")).Should().BeTrue();
    }
}
