using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Compliance.Core.Accounts;
using Compliance.Core.Cases;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Cases;

/// <summary>
/// An organisation with a site, three case handlers (two-factor on), an HR manager and a director, every log
/// message kept at the most verbose level.
/// </summary>
public class CaseApp : SetUpAppFactory
{
    public const string SiteName = "Quay Street";

    public ConcurrentQueue<string> Logs { get; } = new();
    public Guid SiteId { get; private set; }
    public TestAccount Hattie { get; private set; } = null!;
    public TestAccount Ben { get; private set; } = null!;
    public TestAccount Nora { get; private set; } = null!;
    public TestAccount HrManager { get; private set; } = null!;
    public TestAccount Director { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        LogCapture.TurnUpAndCapture(builder, Logs);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (siteId, errors) = await WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, SiteName, Nation.England, null)));
        errors.Should().BeEmpty();
        SiteId = siteId!.Value;
        Hattie = await CreateAccountAsync("hattie@example.test", [Roles.CaseHandler], twoFactor: true, "Hattie Handler");
        Ben = await CreateAccountAsync("ben@example.test", [Roles.CaseHandler], twoFactor: true, "Ben Bystander");
        Nora = await CreateAccountAsync("nora@example.test", [Roles.CaseHandler], twoFactor: true, "Nora Named");
        HrManager = await CreateAccountAsync("hr@example.test", [Roles.HRManager], twoFactor: false, "Hana Human");
        Director = await CreateAccountAsync("director@example.test", [Roles.Director], twoFactor: false, "Dana Director");
    }

    /// <summary>The fields of a plain anonymous report at the site; a test overrides what it needs.</summary>
    public Dictionary<string, string> ReportFields(string whatHappened) => new()
    {
        ["Input.Mode"] = "Anonymous",
        ["Input.Role"] = "PersonAffected",
        ["Input.WhatHappened"] = whatHappened,
        ["Input.Place"] = "AtSite",
        ["Input.SiteId"] = SiteId.ToString(),
        ["Input.StillHappening"] = "Yes",
    };

    /// <summary>Sends a report from a fresh browser and returns the reference and key shown once.</summary>
    public async Task<(string Reference, string Key, string Html)> ReportAsync(IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<(string, byte[])>? files = null, AppClient? client = null)
    {
        var response = await (client ?? NewClient()).SubmitMultipartAsync("/report", fields, files ?? []);
        var html = await response.Content.ReadAsStringAsync();
        (response.StatusCode == HttpStatusCode.OK).Should().BeTrue(html);
        html.Should().Contain("Your report has been sent");
        return (AppClient.InputValue(html, "case-reference"), AppClient.InputValue(html, "case-key"), html);
    }

    public async Task<Guid> CaseIdAsync(string reference)
    {
        await using var db = NewDbContext();
        return await db.ReportCases.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync();
    }

    public async Task<ReportCase> CaseAsync(string reference)
    {
        await using var db = NewDbContext();
        return await db.ReportCases.AsNoTracking().SingleAsync(c => c.Reference == reference);
    }

    /// <summary>Opens the follow-up page with the reference and key, as the reporter does.</summary>
    public async Task<HttpResponseMessage> FollowUpAsync(AppClient client, string reference, string key) =>
        await client.SubmitFormAsync("/report/follow-up", [new("Reference", reference), new("Key", key)]);

    public static string CaseUrl(Guid id) => $"/cases/{id}";

    /// <summary>Posts one of the case page's forms.</summary>
    public static Task<HttpResponseMessage> ActAsync(AppClient handler, Guid caseId, string handlerName, params (string, string)[] fields) =>
        handler.SubmitFormAsync(CaseUrl(caseId), fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), postUrl: $"{CaseUrl(caseId)}?handler={handlerName}");

    /// <summary>Takes a case from the queue as this handler.</summary>
    public static async Task TakeAsync(AppClient handler, Guid caseId)
    {
        var response = await handler.SubmitFormAsync("/cases?view=unassigned", [new("CaseId", caseId.ToString()), new("View", "Unassigned")], postUrl: "/cases?handler=Take");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (response.Headers.Location?.OriginalString).Should().Be(CaseUrl(caseId));
    }

    public static string Errors(string html) =>
        Regex.Match(html, "<div class=\"error-summary\".*?</div>", RegexOptions.Singleline) is { Success: true } m ? Html.Text(m.Value) : "";
}
