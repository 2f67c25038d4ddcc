using Compliance.Core.Accounts;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Compliance.BrowserTests;

/// <summary>A site with people flagged in the directory, an HR manager, and a line manager who looks after the site.</summary>
public sealed class RiskBrowserApp : SetUpBrowserApp
{
    public TestAccount HrManager { get; private set; } = null!;
    public TestAccount LineManager { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (siteId, siteErrors) = await WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, "Quayside Hotel", Nation.England, null)));
        siteErrors.Should().BeEmpty();
        var (_, errors) = await WithServiceAsync<SaveEmployee, (Guid?, List<FieldError>)>(s => s.HandleAsync(null,
            new EmployeeFields { EmployeeNumber = "Q1", FirstName = "Ola", LastName = "Quay", Site = "Quayside Hotel", CustomerFacing = "yes", LoneWorking = "yes" }));
        errors.Should().BeEmpty();
        HrManager = await CreateAccountAsync("hr@quayside.example", [Roles.HRManager], false, "Harriet HR");
        LineManager = await CreateAccountAsync("manager@quayside.example", [Roles.Manager], false, "Morgan Manager");
        (await WithServiceAsync<StaffAccounts, string?>(s => s.SetManagerScopeAsync(LineManager.Id, [siteId!.Value], []))).Should().BeNull();
    }
}

public sealed class RiskAssessmentJourney(RiskBrowserApp app) : IClassFixture<RiskBrowserApp>
{
    private static async Task<IPage> SignedInAsync(RiskBrowserApp app, TestAccount account)
    {
        var context = await app.Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task An_HR_manager_completes_and_approves_an_assessment_and_a_line_manager_logs_a_customer_incident()
    {
        var today = Compliance.Core.UkCalendar.Today(TimeProvider.System);
        var hr = await SignedInAsync(app, app.HrManager);
        await hr.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Risk assessments" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Heading, new() { Name = "Risk assessments", Exact = true })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(hr);

        await hr.GetByRole(AriaRole.Link, new() { Name = "Start a risk assessment" }).ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(hr);
        await hr.GetByRole(AriaRole.Button, new() { Name = "Start assessment" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(hr);
        await hr.GetByLabel("Title").FillAsync("Quayside Hotel");
        await hr.GetByLabel("Site", new() { Exact = true }).CheckAsync();
        await hr.GetByLabel("Site (for a site assessment)").SelectOptionAsync(new SelectOptionValue { Label = "Quayside Hotel" });
        await hr.GetByRole(AriaRole.Button, new() { Name = "Start assessment" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Heading, new() { Name = "Quayside Hotel" })).ToBeVisibleAsync();
        await Assertions.Expect(hr.GetByText("Suggested: 1 lone worker at this site").First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(hr);

        var factors = new[] { ("Lone working", "Room attendants", "4", "3"), ("Alcohol", "Bar staff", "3", "4"), ("Customer-facing work", "Reception", "3", "3") };
        foreach (var (title, who, likelihood, severity) in factors)
        {
            await hr.GetByRole(AriaRole.Link, new() { Name = $"Record {title}", Exact = true }).ClickAsync();
            await Assertions.Expect(hr.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true })).ToBeVisibleAsync();
            if (title == "Lone working") await Accessibility.AssertNoSeriousViolationsAsync(hr);
            await hr.GetByLabel("Yes, it applies").CheckAsync();
            await hr.GetByLabel("Who is at risk").FillAsync(who);
            await hr.GetByLabel("Controls in place").FillAsync("Duty manager checks in hourly");
            await hr.GetByLabel("Likelihood").SelectOptionAsync(likelihood);
            await hr.GetByLabel("Severity").SelectOptionAsync(severity);
            await hr.GetByRole(AriaRole.Button, new() { Name = "Save factor" }).ClickAsync();
            await Assertions.Expect(hr.GetByText("Factor recorded.")).ToBeVisibleAsync();
        }
        await Assertions.Expect(hr.GetByText("12 (High): likelihood 4, severity 3")).ToBeVisibleAsync();

        // With only three factors looked at, approval is refused and says what is missing.
        await Assertions.Expect(hr.GetByText("3 of 25 factors considered.")).ToBeVisibleAsync();
        await hr.GetByLabel("I have read this assessment and approve it").CheckAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Approve revision 1" }).ClickAsync();
        await Assertions.Expect(hr.Locator(".error-summary")).ToBeFocusedAsync();
        await Assertions.Expect(hr.Locator(".error-summary")).ToContainTextAsync("22 of 25 factors have not been considered");
        await Assertions.Expect(hr.Locator(".error-summary")).ToContainTextAsync("2 High or Very high risks have no action (Alcohol; Lone working)");
        await Accessibility.AssertNoSeriousViolationsAsync(hr);

        foreach (var (description, owner, factor) in new[] { ("Issue personal alarms to room attendants", "Head of housekeeping", "Lone working"), ("Train bar staff to handle harassment", "Bar manager", "Alcohol") })
        {
            await hr.GetByLabel("What will be done").FillAsync(description);
            await hr.GetByLabel("Owner").FillAsync(owner);
            await hr.GetByLabel("Due date").FillAsync(today.AddMonths(1).ToString("dd/MM/yyyy"));
            await hr.GetByLabel("Factor it addresses (optional)").SelectOptionAsync(new SelectOptionValue { Label = factor });
            await hr.GetByRole(AriaRole.Button, new() { Name = "Add action" }).ClickAsync();
            await Assertions.Expect(hr.GetByRole(AriaRole.Link, new() { Name = description })).ToBeVisibleAsync();
        }
        await Accessibility.AssertNoSeriousViolationsAsync(hr);

        // The rest were looked at and do not apply here: one reason, kept with each of them.
        await hr.GetByText("Mark the 22 factors not yet considered as not relevant here").ClickAsync();
        await hr.GetByLabel("Why they are not relevant here").FillAsync("Walked round with the general manager on 1 November: none of these applies at the Quayside.");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Mark them as not relevant here" }).ClickAsync();
        await Assertions.Expect(hr.GetByText("25 of 25 factors considered.")).ToBeVisibleAsync();

        await hr.GetByLabel("I have read this assessment and approve it").CheckAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Approve revision 1" }).ClickAsync();
        await Assertions.Expect(hr.GetByText("Revision approved.")).ToBeVisibleAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Link, new() { Name = "Record Lone working" })).ToHaveCountAsync(0);
        await hr.GetByRole(AriaRole.Link, new() { Name = "Revision 1" }).ClickAsync();
        await Assertions.Expect(hr.GetByText("This is the revision exactly as it was approved")).ToBeVisibleAsync();
        await Assertions.Expect(hr.GetByText("Why not: Walked round with the general manager on 1 November").First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(hr);

        var manager = await SignedInAsync(app, app.LineManager);
        await manager.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Third-party incidents" }).ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(manager);
        await manager.GetByRole(AriaRole.Link, new() { Name = "Log an incident" }).ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(manager);
        await manager.GetByLabel("Who was it?").SelectOptionAsync(new SelectOptionValue { Label = "Customer" });
        await manager.GetByLabel("What happened").FillAsync("A guest made sexual comments to a receptionist at check-in.");
        await manager.GetByLabel("It was sexual harassment").CheckAsync();
        await manager.GetByLabel("Warning given").CheckAsync();
        await manager.GetByLabel("Support offered").CheckAsync();
        await manager.GetByLabel("Who took the action").FillAsync("Duty manager");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Log incident" }).ClickAsync();
        await Assertions.Expect(manager.GetByText("Incident logged.")).ToBeVisibleAsync();
        await Assertions.Expect(manager.GetByText("(flagged for review)")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(manager);

        await hr.GotoAsync("/risk");
        await Assertions.Expect(hr.GetByText("flagged for review: Customer incident on")).ToBeVisibleAsync();
        await hr.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "flagged for review" }).GetByRole(AriaRole.Link, new() { Name = "Quayside Hotel" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Heading, new() { Name = "Incidents since the last approved revision" })).ToBeVisibleAsync();
    }
}
