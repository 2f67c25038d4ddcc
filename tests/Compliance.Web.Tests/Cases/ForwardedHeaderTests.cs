using System.Diagnostics;
using System.Net;
using Compliance.Core.Cases;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Compliance.Web.Tests.Cases;

/// <summary>
/// The case organisation behind one trusted reverse proxy (10.0.0.1), with a low threshold for the follow-up brake.
/// The in-process test server has no network peers, so a test header stands for the address the connection came
/// from (set before anything else runs, as a real connection's address is).
/// </summary>
public sealed class ProxiedApp : CaseApp
{
    public const string Proxy = "10.0.0.1";
    public const int BrakeThreshold = 20;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Compliance:TrustedProxies:0", Proxy);
        builder.UseSetting("Compliance:Cases:FollowUpFailuresOverallPerMinute", BrakeThreshold.ToString());
        PeerAddress.Enable(builder);
    }

    /// <summary>A browser whose requests arrive from this peer; with HTTPS forwarded, it sees the https address the proxy serves.</summary>
    public AppClient From(string peer, string? forwardedFor = null, string? forwardedProto = null, bool? httpsAddress = null)
    {
        var client = httpsAddress ?? forwardedProto == "https"
            ? new AppClient(CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true }))
            : NewClient();
        client.Http.DefaultRequestHeaders.Add(PeerAddress.Header, peer);
        if (forwardedFor is not null) client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        if (forwardedProto is not null) client.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        return client;
    }
}

public sealed class ForwardedHeaderTests(ProxiedApp app) : IClassFixture<ProxiedApp>
{
    [Fact]
    public async Task A_client_rotating_X_Forwarded_For_from_an_untrusted_address_is_still_one_client()
    {
        var (reference, key, _) = await app.ReportAsync(app.ReportFields("Rotation report"));
        for (var i = 1; i <= 10; i++)
        {
            var wrong = await app.FollowUpAsync(app.From("203.0.113.9", forwardedFor: $"198.51.100.{i}"), reference, CaseSecrets.NewKey());
            wrong.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        var right = await app.FollowUpAsync(app.From("203.0.113.9", forwardedFor: "198.51.100.200"), reference, key);
        right.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Behind_the_trusted_proxy_each_forwarded_client_is_counted_on_its_own()
    {
        var (reference, key, _) = await app.ReportAsync(app.ReportFields("Proxied report"));
        for (var i = 1; i <= 10; i++) await app.FollowUpAsync(app.From(ProxiedApp.Proxy, forwardedFor: "198.51.100.50"), reference, CaseSecrets.NewKey());
        (await app.FollowUpAsync(app.From(ProxiedApp.Proxy, forwardedFor: "198.51.100.50"), reference, key)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        var other = await app.FollowUpAsync(app.From(ProxiedApp.Proxy, forwardedFor: "198.51.100.51"), reference, key);
        other.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await other.Content.ReadAsStringAsync()).Should().Contain("Proxied report");
    }

    [Fact]
    public async Task A_flood_of_wrong_keys_from_everywhere_slows_every_try_but_a_right_key_still_opens_the_report()
    {
        var (reference, key, _) = await app.ReportAsync(app.ReportFields("Flood-proof report"));
        for (var i = 1; i <= ProxiedApp.BrakeThreshold + 5; i++)
        {
            var wrong = await app.FollowUpAsync(app.From($"192.0.2.{i}"), reference, CaseSecrets.NewKey());
            wrong.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        var timer = Stopwatch.StartNew();
        var right = await app.FollowUpAsync(app.From("192.0.2.250"), reference, key);
        timer.Stop();
        right.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await right.Content.ReadAsStringAsync()).Should().Contain("Flood-proof report");
        // It was held back by the brake (at least six steps past the threshold), not refused.
        (timer.Elapsed >= 6 * Compliance.Web.Infrastructure.FollowUpGuard.BrakeStep).Should().BeTrue($"The right key was not slowed: {timer.Elapsed}.");
    }

    [Fact]
    public async Task Over_HTTPS_through_the_trusted_proxy_every_cookie_is_secure_and_HSTS_is_sent_and_not_otherwise()
    {
        // The proxy talks plain HTTP to the app and says the browser's request was HTTPS.
        var secure = await app.From(ProxiedApp.Proxy, forwardedFor: "198.51.100.60", forwardedProto: "https", httpsAddress: false).GetAsync("/report");
        secure.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("compliance.csrf=") && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        string.Join(";", secure.Headers.GetValues("Strict-Transport-Security")).Should().Contain("max-age=31536000");

        // A browser keeps a Secure cookie only for https addresses, so this one sees the proxy's https address.
        var signIn = app.From(ProxiedApp.Proxy, forwardedFor: "198.51.100.61", forwardedProto: "https");
        var response = await signIn.SubmitFormAsync("/account/sign-in", [new("Email", app.HrManager.Email), new("Password", app.HrManager.Password)]);
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("compliance.auth=") && c.Contains("secure", StringComparison.OrdinalIgnoreCase));

        // The same header from anyone else is not believed: plain HTTP, no Secure flag, no HSTS.
        var spoofed = await app.From("203.0.113.10", forwardedProto: "https", httpsAddress: false).GetAsync("/report");
        spoofed.Headers.GetValues("Set-Cookie").Should().NotContain(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        spoofed.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }
}
