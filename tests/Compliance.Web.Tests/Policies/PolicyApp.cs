using System.Net;
using System.Text.RegularExpressions;
using Compliance.Core.Accounts;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Core.Policies;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Policies;

/// <summary>Two sites with three people (one without an email address), an HR manager, and a director with a second factor and one without.</summary>
public partial class PolicyApp : SetUpAppFactory
{
    public Guid HomeSite { get; private set; }
    public Guid OtherSite { get; private set; }
    public AppClient HrManager { get; private set; } = null!;
    public AppClient Director { get; private set; } = null!;
    public AppClient DirectorWithoutSecondFactor { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        HomeSite = await SiteAsync("Harbour Hotel");
        OtherSite = await SiteAsync("Hilltop Hotel");
        foreach (var (number, site, email) in new[] { ("P-1", "Harbour Hotel", "p1@example.test"), ("P-2", "Harbour Hotel", "p2@example.test"), ("P-3", "Hilltop Hotel", null) })
        {
            var (_, errors) = await WithServiceAsync<SaveEmployee, (Guid?, List<FieldError>)>(s => s.HandleAsync(null,
                new EmployeeFields { EmployeeNumber = number, FirstName = "Pat", LastName = number, Site = site, WorkEmail = email }));
            errors.Should().BeEmpty();
        }
        HrManager = await SignedInAsync(await CreateAccountAsync("hr@example.test", [Roles.HRManager], false, "Hana Human"));
        Director = await SignedInAsync(await CreateAccountAsync("director@example.test", [Roles.Director], true, "Dana Director"));
        DirectorWithoutSecondFactor = await SignedInAsync(await CreateAccountAsync("director2@example.test", [Roles.Director], false, "Dev Director"));
    }

    private async Task<Guid> SiteAsync(string name)
    {
        var (id, errors) = await WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, name, Nation.England, null)));
        errors.Should().BeEmpty();
        return id!.Value;
    }

    public async Task<Guid> CreateThroughPageAsync(PolicyKind kind, string title = "")
    {
        var response = await HrManager.SubmitFormAsync("/policies/manage/new", [new("Kind", kind.ToString()), new("Title", title), new("Contacts", "Priya Shah, HR adviser, 020 7946 0000")]);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return Guid.Parse(PolicyId().Match(response.Headers.Location!.OriginalString).Groups[1].Value);
    }

    public Task<HttpResponseMessage> PostAsync(AppClient client, Guid id, string handler, params (string Name, string Value)[] fields) =>
        client.SubmitFormAsync($"/policies/manage/{id}", fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), $"/policies/manage/{id}?handler={handler}");

    /// <summary>Sends the open version for approval, has the director approve it, and publishes it to everyone.</summary>
    public async Task PublishAsync(Guid id, string change = "Material", string reason = "")
    {
        (await PostAsync(HrManager, id, "Submit")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await PostAsync(Director, id, "Approve", ("Confirm", "true"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var published = await PostAsync(HrManager, id, "Publish", ("Publish.Audience", "Everyone"), ("Publish.Change", change), ("Publish.MissingSectionsReason", reason));
        published.StatusCode.Should().Be(HttpStatusCode.Redirect, Html.Text(await published.Content.ReadAsStringAsync()));
    }

    /// <summary>The personal links in the queued requests to read a policy, by address.</summary>
    public async Task<Dictionary<string, string>> LinksAsync(Guid policyId)
    {
        await using var db = NewDbContext();
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "policy-acknowledge" && m.SubjectKey == policyId.ToString()).ToListAsync();
        return messages.GroupBy(m => m.ToAddress).ToDictionary(g => g.Key, g => LinkPath().Match(g.OrderBy(m => m.CreatedAtUtc).Last().TextBody).Value);
    }

    [GeneratedRegex("^/policies/manage/([0-9a-f-]{36})")]
    private static partial Regex PolicyId();

    [GeneratedRegex("/policies/acknowledge/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPath();
}
