#:property PublishAot=false
// Load for the public reporting page: N anonymous submissions from C concurrent clients, each its own browser
// (cookie jar): load the form, post the report. Then every reference and key is opened at follow-up.
// Baseline in the same run: the same number of requests for the follow-up form (a trivial public page).
//   dotnet run tests/Compliance.Benchmarks/report-load.cs -- BASE_URL SITE_ID [N] [C]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

var baseUrl = args[0].TrimEnd('/');
var siteId = args[1];
var total = args.Length > 2 ? int.Parse(args[2]) : 1000;
var concurrency = args.Length > 3 ? int.Parse(args[3]) : 50;
var tokenPattern = new Regex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
var valuePattern = (string id) => new Regex($"id=\"{id}\"[^>]*value=\"([^\"]*)\"");

HttpClient NewBrowser() => new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
{
    BaseAddress = new Uri(baseUrl),
    Timeout = TimeSpan.FromSeconds(60),
};

async Task<(double Seconds, List<double> Ms)> RunAsync(Func<HttpClient, int, Task<double>> one)
{
    var ms = new ConcurrentBag<double>();
    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        using var browser = NewBrowser();
        int i;
        while ((i = Interlocked.Increment(ref next)) < total) ms.Add(await one(browser, i));
    }));
    return (clock.Elapsed.TotalSeconds, ms.Order().ToList());
}

static double Quantile(List<double> sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

void Print(string what, (double Seconds, List<double> Ms) r) =>
    Console.WriteLine($"{what,-34} {r.Ms.Count,6} {r.Ms.Count / r.Seconds,10:F0}/s  p50 {Quantile(r.Ms, 0.5),7:F1} ms  p95 {Quantile(r.Ms, 0.95),7:F1} ms");

async Task<double> TimedAsync(Func<Task<HttpResponseMessage>> send, Action<HttpResponseMessage, string>? check = null)
{
    var t = Stopwatch.StartNew();
    using var response = await send();
    var body = await response.Content.ReadAsStringAsync();
    var elapsed = t.Elapsed.TotalMilliseconds;
    if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} gave {(int)response.StatusCode}");
    check?.Invoke(response, body);
    return elapsed;
}

// Warm-up, not measured.
using (var warm = NewBrowser()) for (var i = 0; i < 50; i++) await warm.GetStringAsync("/report/follow-up");

var baseline = await RunAsync((b, _) => TimedAsync(() => b.GetAsync("/report/follow-up")));

var issued = new ConcurrentBag<(string Reference, string Key)>();
var posts = new ConcurrentBag<double>();
var submissions = await RunAsync(async (b, i) =>
{
    var t = Stopwatch.StartNew();
    var form = await b.GetStringAsync("/report");
    var token = tokenPattern.Match(form).Groups[1].Value;
    var fields = new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token,
        ["Input.Mode"] = "Anonymous",
        ["Input.Role"] = i % 3 == 0 ? "Witness" : "PersonAffected",
        ["Input.WhatHappened"] = $"Benchmark report {i}: remarks of a sexual nature were made repeatedly near the staff entrance over several weeks.",
        ["Input.Place"] = "AtSite",
        ["Input.SiteId"] = siteId,
        ["Input.Involved"] = "Colleague",
        ["Input.StillHappening"] = "Yes",
    };
    posts.Add(await TimedAsync(() => b.PostAsync("/report", new FormUrlEncodedContent(fields)), (_, html) =>
        issued.Add((WebUtility.HtmlDecode(valuePattern("case-reference").Match(html).Groups[1].Value), WebUtility.HtmlDecode(valuePattern("case-key").Match(html).Groups[1].Value)))));
    return t.Elapsed.TotalMilliseconds;
});

var pairs = issued.ToArray();
var opened = 0;
var verify = await RunAsync(async (b, i) =>
{
    var (reference, key) = pairs[i];
    var token = tokenPattern.Match(await b.GetStringAsync("/report/follow-up")).Groups[1].Value;
    return await TimedAsync(() => b.PostAsync("/report/follow-up", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token, ["Reference"] = reference, ["Key"] = key,
    })), (_, html) => { if (html.Contains($"Your report {reference}")) Interlocked.Increment(ref opened); });
});

Console.WriteLine($"{total} submissions from {concurrency} concurrent clients against {baseUrl}");
Print("baseline: GET /report/follow-up", baseline);
Print("submission: GET form + POST", submissions);
Print("submission: the POST alone", (submissions.Seconds, posts.Order().ToList()));
Print("follow-up: form + POST with key", verify);
Console.WriteLine($"keys that open their report: {opened} of {pairs.Length}");
Console.WriteLine($"ratio, submission p95 (form + POST) to baseline p95: {Quantile(submissions.Ms, 0.95) / Quantile(baseline.Ms, 0.95):F1}");
return opened == total ? 0 : 1;
