using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;

namespace Compliance.Web.Tests.Data;

/// <summary>Anonymous reports sent to a running app as people would: each client its own browser (form, cookie, post).</summary>
public static partial class ReportLoad
{
    public sealed record Issued(string Reference, string Key);

    public static HttpClient NewBrowser(string baseUrl) => new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(90),
    };

    /// <summary>Sends one report; returns its reference and key once the page that shows them has arrived.</summary>
    public static async Task<Issued> SubmitAsync(HttpClient browser, int i)
    {
        var form = await browser.GetStringAsync("/report");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value,
            ["Input.Mode"] = "Anonymous",
            ["Input.Role"] = i % 3 == 0 ? "Witness" : "PersonAffected",
            ["Input.WhatHappened"] = $"Load report {i}: remarks of a sexual nature were made repeatedly near the staff entrance.",
            ["Input.Place"] = "Elsewhere",
            ["Input.Involved"] = "Colleague",
            ["Input.StillHappening"] = "Yes",
        };
        using var response = await browser.PostAsync("/report", new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Report {i}: POST /report gave {(int)response.StatusCode}");
        var reference = WebUtility.HtmlDecode(Value("case-reference").Match(html).Groups[1].Value);
        var key = WebUtility.HtmlDecode(Value("case-key").Match(html).Groups[1].Value);
        if (reference.Length == 0 || key.Length == 0) throw new InvalidOperationException($"Report {i}: the page showed no reference and key.");
        return new Issued(reference, key);
    }

    /// <summary>Whether the key opens its report at follow-up.</summary>
    public static async Task<bool> OpensAsync(HttpClient browser, Issued issued)
    {
        var token = Token().Match(await browser.GetStringAsync("/report/follow-up")).Groups[1].Value;
        using var response = await browser.PostAsync("/report/follow-up", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Reference"] = issued.Reference,
            ["Key"] = issued.Key,
        }));
        return (await response.Content.ReadAsStringAsync()).Contains($"Your report {issued.Reference}");
    }

    /// <summary>Runs <paramref name="one"/> for 0..total-1 from <paramref name="clients"/> concurrent browsers; failures are collected, not thrown.</summary>
    public static async Task<(ConcurrentBag<T> Results, ConcurrentBag<string> Failures)> RunAsync<T>(string baseUrl, int total, int clients, Func<HttpClient, int, Task<T>> one, CancellationToken ct = default)
    {
        var results = new ConcurrentBag<T>();
        var failures = new ConcurrentBag<string>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            using var browser = NewBrowser(baseUrl);
            int i;
            while (!ct.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < total)
            {
                try { results.Add(await one(browser, i)); }
                catch (Exception e) when (!ct.IsCancellationRequested) { failures.Add(e.Message); }
                catch (Exception) { }
            }
        }));
        return (results, failures);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static Regex Value(string id) => new($"id=\"{id}\"[^>]*value=\"([^\"]*)\"");
}
