using System.Net;
using System.Text.RegularExpressions;
using Compliance.Core.Accounts;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Web.Tests.RiskAssessments;

/// <summary>An organisation with two sites, and signed-in HR manager, director and line manager (looking after the first site).</summary>
public sealed partial class RiskApp : SetUpAppFactory
{
    public Guid HomeSite { get; private set; }
    public Guid OtherSite { get; private set; }
    public AppClient HrManager { get; private set; } = null!;
    public AppClient Director { get; private set; } = null!;
    public AppClient LineManager { get; private set; } = null!;
    public TestAccount LineManagerAccount { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        HomeSite = await SiteAsync("Harbour Hotel");
        OtherSite = await SiteAsync("Hilltop Hotel");
        foreach (var (number, site) in new[] { ("E-H1", "Harbour Hotel"), ("E-T1", "Hilltop Hotel") })
        {
            var (_, errors) = await WithServiceAsync<SaveEmployee, (Guid?, List<FieldError>)>(s => s.HandleAsync(null,
                new EmployeeFields { EmployeeNumber = number, FirstName = "Sam", LastName = number, Site = site, CustomerFacing = "yes", LoneWorking = "yes" }));
            errors.Should().BeEmpty();
        }
        HrManager = await SignedInAsync(await CreateAccountAsync("hr@example.test", [Roles.HRManager], false, "Hana Human"));
        Director = await SignedInAsync(await CreateAccountAsync("director@example.test", [Roles.Director], false, "Dana Director"));
        LineManagerAccount = await CreateAccountAsync("manager@example.test", [Roles.Manager], false, "Max Manager");
        (await WithServiceAsync<StaffAccounts, string?>(s => s.SetManagerScopeAsync(LineManagerAccount.Id, [HomeSite], []))).Should().BeNull();
        LineManager = await SignedInAsync(LineManagerAccount);
    }

    public async Task<Guid> SiteAsync(string name)
    {
        var (id, errors) = await WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, name, Nation.England, null)));
        errors.Should().BeEmpty();
        return id!.Value;
    }

    /// <summary>Starts an assessment through the page, as the HR manager, and returns its id.</summary>
    public async Task<Guid> StartThroughPageAsync(string title, Guid siteId)
    {
        var response = await HrManager.SubmitFormAsync("/risk/assessments/new",
            [new("Input.Title", title), new("Input.Scope", "Site"), new("Input.SiteId", siteId.ToString())]);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return Guid.Parse(AssessmentId().Match(response.Headers.Location!.OriginalString).Groups[1].Value);
    }

    /// <summary>An assessment with one rated factor and the rest judged not relevant, approved, made through the use cases.</summary>
    public async Task<Guid> ApprovedAssessmentAsync(string title, Guid siteId)
    {
        var (id, errors) = await WithServiceAsync<RiskAssessmentWork, (Guid?, List<FieldError>)>(w => w.StartAsync(new StartAssessmentInput(title, AssessmentScope.Site, siteId, null, null)));
        errors.Should().BeEmpty();
        (await WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.RateAsync(id!.Value, new RatingInput("CUSTOMER", true, "Reception", 3, 3, "Screens")))).Should().BeEmpty();
        (await WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.MarkRestNotRelevantAsync(id!.Value, "Not relevant at this site."))).Should().BeEmpty();
        (await WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.ApproveAsync(id!.Value, Admin.Id, "Dana Director"))).Should().BeEmpty();
        return id!.Value;
    }

    [GeneratedRegex("^/risk/assessments/([0-9a-f-]{36})")]
    private static partial Regex AssessmentId();
}
