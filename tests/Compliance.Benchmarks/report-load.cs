#:property PublishAot=false
// Load for the public reporting page: N anonymous submissions from C concurrent clients, each its own browser
// (cookie jar): load the form, post the report. Meanwhile one more client reads a trivial page (the follow-up form)
// over and over, to see whether pages that do not write are held up. Then every reference and key is opened at
// follow-up. Baseline in the same run, at the same concurrency: the bare report form (GET /report), N times.
//   dotnet run tests/Compliance.Benchmarks/report-load.cs -- BASE_URL SITE_ID [N] [C]
// Exits non-zero if any request failed (any 5xx included) or any key did not open its report.
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
var failures = new ConcurrentBag<string>();

HttpClient NewBrowser() => new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
{
    BaseAddress = new Uri(baseUrl),
    Timeout = TimeSpan.FromSeconds(120),
};

async Task<(double Seconds, List<double> Ms)> RunAsync(Func<HttpClient, int, Task<double?>> one)
{
    var ms = new ConcurrentBag<double>();
    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        using var browser = NewBrowser();
        int i;
        while ((i = Interlocked.Increment(ref next)) < total)
        {
            if (await one(browser, i) is { } t) ms.Add(t);
        }
    }));
    return (clock.Elapsed.TotalSeconds, ms.Order().ToList());
}

static double Quantile(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

void Print(string what, (double Seconds, List<double> Ms) r) =>
    Console.WriteLine($"{what,-40} {r.Ms.Count,6} {r.Ms.Count / r.Seconds,8:F0}/s  p50 {Quantile(r.Ms, 0.5),7:F1} ms  p95 {Quantile(r.Ms, 0.95),7:F1} ms  worst {(r.Ms.Count == 0 ? double.NaN : r.Ms[^1]),8:F1} ms");

// A request that fails (any status but 200, a 503 "too busy" included) is counted as a failure, not timed.
async Task<double?> TimedAsync(Func<Task<HttpResponseMessage>> send, Action<HttpResponseMessage, string>? check = null)
{
    var t = Stopwatch.StartNew();
    try
    {
        using var response = await send();
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = t.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            failures.Add($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} gave {(int)response.StatusCode}");
            return null;
        }
        check?.Invoke(response, body);
        return elapsed;
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        failures.Add($"{e.GetType().Name} after {t.Elapsed.TotalSeconds:F1} s");
        return null;
    }
}

// Warm-up, not measured.
using (var warm = NewBrowser()) for (var i = 0; i < 50; i++) await warm.GetStringAsync("/report");

var form = await RunAsync((b, _) => TimedAsync(() => b.GetAsync("/report")));

var issued = new ConcurrentBag<(string Reference, string Key)>();
var posts = new ConcurrentBag<double>();
var trivial = new ConcurrentBag<double>();
using var stopReading = new CancellationTokenSource();
var reader = Task.Run(async () =>
{
    using var browser = NewBrowser();
    while (!stopReading.IsCancellationRequested)
    {
        if (await TimedAsync(() => browser.GetAsync("/report/follow-up")) is { } t) trivial.Add(t);
    }
});
var submissions = await RunAsync(async (b, i) =>
{
    var t = Stopwatch.StartNew();
    string page;
    try
    {
        page = await b.GetStringAsync("/report");
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        failures.Add($"GET /report: {e.Message}");
        return null;
    }
    var token = tokenPattern.Match(page).Groups[1].Value;
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
    var post = await TimedAsync(() => b.PostAsync("/report", new FormUrlEncodedContent(fields)), (_, html) =>
        issued.Add((WebUtility.HtmlDecode(valuePattern("case-reference").Match(html).Groups[1].Value), WebUtility.HtmlDecode(valuePattern("case-key").Match(html).Groups[1].Value))));
    if (post is null) return null;
    posts.Add(post.Value);
    return t.Elapsed.TotalMilliseconds;
});
await stopReading.CancelAsync();
await reader;

var pairs = issued.ToArray();
var opened = 0;
var verify = await RunAsync(async (b, i) =>
{
    if (i >= pairs.Length) return null;
    var (reference, key) = pairs[i];
    var token = tokenPattern.Match(await b.GetStringAsync("/report/follow-up")).Groups[1].Value;
    return await TimedAsync(() => b.PostAsync("/report/follow-up", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token, ["Reference"] = reference, ["Key"] = key,
    })), (_, html) => { if (html.Contains($"Your report {reference}")) Interlocked.Increment(ref opened); });
});

Console.WriteLine($"{total} submissions from {concurrency} concurrent clients against {baseUrl}");
Print("baseline: the bare report form (GET)", form);
Print("submission: GET form + POST", submissions);
Print("submission: the POST alone", (submissions.Seconds, posts.Order().ToList()));
Print("meanwhile, one client: GET /report/follow-up", (submissions.Seconds, trivial.Order().ToList()));
Print("follow-up: form + POST with key", verify);
Console.WriteLine($"keys that open their report: {opened} of {total}; failed requests: {failures.Count}" +
    (failures.IsEmpty ? "" : " (" + string.Join(", ", failures.GroupBy(f => f).OrderByDescending(g => g.Count()).Take(3).Select(g => $"{g.Count()} × {g.Key}")) + ")"));
Console.WriteLine($"ratios: submission rate to form rate {submissions.Ms.Count / submissions.Seconds / (form.Ms.Count / form.Seconds):F2}; " +
    $"submission p95 to form p95 {Quantile(submissions.Ms, 0.95) / Quantile(form.Ms, 0.95):F2}");
return opened == total && failures.IsEmpty ? 0 : 1;
