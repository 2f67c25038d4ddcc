using Compliance.Core.Accounts;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Compliance.BrowserTests;

/// <summary>An organisation with one site and no evidence yet, and a director with an authenticator app.</summary>
public sealed class PositionBrowserApp : SetUpBrowserApp
{
    public TestAccount Director { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (_, errors) = await WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, "Quayside Hotel", Nation.Wales, null)));
        errors.Should().BeEmpty();
        Director = await CreateAccountAsync("director@quayside.example", [Roles.Director], true, "Dee Director");
    }
}

public sealed class PositionJourney(PositionBrowserApp app) : IClassFixture<PositionBrowserApp>
{
    [Fact]
    public async Task A_director_reads_the_position_follows_a_next_action_and_signs_off_with_a_fresh_code()
    {
        var page = await Journeys.SignedInAsync(app.Chromium, app.Director);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your position, step by step" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Why each step scores as it does, and what would raise it" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Position, step by step", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Step 3: Risk assessment, 30 out of 100 (not met)" })).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(page);

        // The next action for step 3 leads to where it is done.
        await page.GetByRole(AriaRole.Link, new() { Name = "Assess or review the 1 site without a current assessment" }).ClickAsync();
        await page.WaitForURLAsync("**/risk");
        await Journeys.CheckAtBothWidthsAsync(page);
        await page.GoBackAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign off the position after a board review" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign off the position", Exact = true })).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(page);
        await page.GetByLabel("Meeting", new() { Exact = true }).FillAsync("Board");
        await page.GetByLabel("Who attended").FillAsync("Chair, chief executive, HR director");
        await page.GetByLabel("Decisions and actions").FillAsync("Assess the Quayside Hotel by the end of the quarter.");
        // An action agreed at the meeting goes into the action plan with the sign-off.
        await page.Locator("[name='Actions[0].Step']").SelectOptionAsync("3");
        await page.Locator("[name='Actions[0].Description']").FillAsync("Assess the Quayside Hotel");
        await page.Locator("[name='Actions[0].Owner']").FillAsync("Operations director");
        await page.Locator("[name='Actions[0].DueDate']").FillAsync(DateTime.UtcNow.AddMonths(3).ToString("dd/MM/yyyy"));
        // Without the code, nothing is signed and the page says why, with the error summary first.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign off the position" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Enter the 6-digit code your authenticator app shows now.").First).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(page);
        await page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(app.Director.AuthenticatorKey!));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign off the position" }).ClickAsync();

        await page.WaitForURLAsync("**/position#sign-offs");
        await Assertions.Expect(page.GetByText("The review is signed off.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Step 8: Monitoring, 100 out of 100 (met)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Dee Director", Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Scores at the end of each month, and today" })).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(page);

        // The agreed action is in the plan; the director closes it with a link to its evidence.
        await page.GetByRole(AriaRole.Link, new() { Name = "Action plan", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Assess the Quayside Hotel" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Action in the plan" })).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(page);
        await page.GetByLabel("What was done").FillAsync("Assessed and approved.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as done" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Give the evidence that the action is done").First).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(page);
        await page.GetByLabel("Link to the evidence").FillAsync("/risk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as done" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Action done, with its evidence.")).ToBeVisibleAsync();

        await page.GotoAsync("/position/monitoring");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reports by quarter and channel" })).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(page);
    }
}
