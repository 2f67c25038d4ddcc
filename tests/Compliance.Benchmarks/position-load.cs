#:property PublishAot=false
// Load for the position page (/position) as directors see it: C concurrent signed-in clients, each its own browser,
// each asking ROUNDS times for the position and, interleaved with it, for a trivial signed-in page (/notifications,
// the baseline), so both are measured under the same load at the same moments. Ten rounds each are not counted.
// THINK_MS > 0 makes each client pause a random time up to twice that after each page, as a person reading it would;
// 0 (the default) asks again at once, which is the most load the clients can make.
//   dotnet run tests/Compliance.Benchmarks/position-load.cs -- BASE_URL EMAIL PASSWORD [ROUNDS] [CLIENTS] [THINK_MS]   (50, 20, 0)
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

var baseUrl = args[0].TrimEnd('/');
var (email, password) = (args[1], args[2]);
var rounds = args.Length > 3 ? int.Parse(args[3]) : 50;
var clients = args.Length > 4 ? int.Parse(args[4]) : 20;
var think = args.Length > 5 ? int.Parse(args[5]) : 0;
var tokenPattern = new Regex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");

async Task<HttpClient> SignedInAsync()
{
    var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(120),
    };
    var token = tokenPattern.Match(await browser.GetStringAsync("/account/sign-in")).Groups[1].Value;
    using var signIn = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token, ["Email"] = email, ["Password"] = password,
    }));
    if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in gave {(int)signIn.StatusCode}");
    return browser;
}

async Task<double> TimedAsync(HttpClient browser, string url, string mustContain)
{
    if (think > 0) await Task.Delay(Random.Shared.Next(2 * think));
    var t = Stopwatch.StartNew();
    using var response = await browser.GetAsync(url);
    var body = await response.Content.ReadAsStringAsync();
    var elapsed = t.Elapsed.TotalMilliseconds;
    if (response.StatusCode != HttpStatusCode.OK || !body.Contains(mustContain)) throw new InvalidOperationException($"{url} gave {(int)response.StatusCode} without \"{mustContain}\"");
    return elapsed;
}

static double Quantile(List<double> sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

var browsers = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => SignedInAsync()));
var position = new ConcurrentBag<double>();
var baseline = new ConcurrentBag<double>();
var clock = Stopwatch.StartNew();
await Task.WhenAll(browsers.Select(async browser =>
{
    for (var i = 0; i < rounds + 10; i++)
    {
        var p = await TimedAsync(browser, "/position", "Position, step by step");
        var b = await TimedAsync(browser, "/notifications", "Notifications");
        if (i < 10) continue;
        position.Add(p);
        baseline.Add(b);
    }
}));
var seconds = clock.Elapsed.TotalSeconds;
var (ps, bs) = (position.Order().ToList(), baseline.Order().ToList());
Console.WriteLine($"{clients} clients x {rounds} rounds in {seconds:F1} s" + (think > 0 ? $", pausing 0 to {2 * think} ms before each page" : ", asking again at once"));
Console.WriteLine($"{"Trivial signed-in page (baseline)",-36} p50 {Quantile(bs, 0.5),8:F1} ms  p95 {Quantile(bs, 0.95),8:F1} ms");
Console.WriteLine($"{"Position page",-36} p50 {Quantile(ps, 0.5),8:F1} ms  p95 {Quantile(ps, 0.95),8:F1} ms");
Console.WriteLine($"{"Position / baseline, p95",-36} {Quantile(ps, 0.95) / Quantile(bs, 0.95),8:F1}x");
foreach (var b in browsers) b.Dispose();
