using System.Net;
using Compliance.Core.Cases;
using Compliance.Web.Tests.Data;
using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Web.Tests.Cases;

/// <summary>
/// Forwarded headers as the attack comes: the built app as installed (no trusted proxy listed), a client on this
/// machine connecting from 127.0.0.1 with a script that sends a new X-Forwarded-For on every request and
/// X-Forwarded-Proto: https over plain HTTP. None of it may be believed.
/// </summary>
public sealed class LoopbackForwardingTests : IAsyncLifetime
{
    private readonly SeededInstall _install = new("forwarding", employees: 5);

    public Task InitializeAsync() => _install.CreateAsync();

    public Task DisposeAsync()
    {
        _install.Delete();
        return Task.CompletedTask;
    }

    private static int _rotation;

    /// <summary>A request carrying a forwarded address never seen before, as a script rotating the header sends it.</summary>
    private static HttpRequestMessage Rotated(HttpMethod method, string url, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        var n = Interlocked.Increment(ref _rotation);
        request.Headers.Add("X-Forwarded-For", n % 3 == 0 ? "::1" : $"198.51.{n / 250}.{n % 250 + 1}");
        request.Headers.Add("X-Forwarded-Proto", "https");
        return request;
    }

    [SqliteFact]
    public async Task A_loopback_client_rotating_X_Forwarded_For_is_still_one_client_and_plain_HTTP_stays_plain()
    {
        await using var app = await AppProcess.StartAsync(null, _install.Data, null, _install.Folder);
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        ReportLoad.Issued issued;
        using (var reporter = ReportLoad.NewBrowser(app.BaseUrl)) issued = await ReportLoad.SubmitAsync(reporter, 1);

        // Plain HTTP with the header claiming HTTPS: no HSTS, no cookie marked Secure.
        using var form = await browser.SendAsync(Rotated(HttpMethod.Get, "/report/follow-up"));
        form.StatusCode.Should().Be(HttpStatusCode.OK);
        form.Headers.Contains("Strict-Transport-Security").Should().BeFalse("the request came over plain HTTP");
        var cookies = form.Headers.TryGetValues("Set-Cookie", out var set) ? set.ToList() : [];
        cookies.Should().NotBeEmpty().And.NotContain(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        var token = AppClient.Token(await form.Content.ReadAsStringAsync());

        // Ten wrong keys, each under a new forwarded address: the eleventh try, with the right key, is refused.
        for (var i = 0; i < 10; i++)
        {
            using var wrong = await browser.SendAsync(Rotated(HttpMethod.Post, "/report/follow-up", FollowUp(token, issued.Reference, CaseSecrets.NewKey())));
            wrong.StatusCode.Should().Be(HttpStatusCode.OK, $"wrong key {i + 1} is answered, not yet refused");
        }
        using var right = await browser.SendAsync(Rotated(HttpMethod.Post, "/report/follow-up", FollowUp(token, issued.Reference, issued.Key)));
        right.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "one client on this machine is one client, whatever it says it forwards");

        // Nothing the warning says names the connection's address.
        var warnings = app.AllOutput.Split('\n').Where(l => l.Contains("X-Forwarded-For")).ToList();
        warnings.Should().NotBeEmpty("an unlisted proxy is worth a warning").And.NotContain(l => l.Contains("127.0.0.1"));
    }

    private static FormUrlEncodedContent FollowUp(string token, string reference, string key) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token,
        ["Reference"] = reference,
        ["Key"] = key,
    });
}
