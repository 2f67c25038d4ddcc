using System.Text;
using Microsoft.Playwright;

namespace Compliance.BrowserTests;

public sealed class SetupAndSignInJourney(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_new_administrator_sets_up_the_organisation_signs_in_adds_a_site_and_imports_employees()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };

        // The first visit leads to setup.
        await page.GotoAsync("/");
        Assert.EndsWith("/setup", page.Url);
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Keyboard users can skip straight to the content.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await page.EvaluateAsync<string>("document.activeElement.textContent"));

        // Submitting nothing shows an error summary that is itself accessible.
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up organisation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByLabel("Organisation name").FillAsync("Riverside Leisure Ltd");
        await page.GetByLabel("Sector").SelectOptionAsync(new SelectOptionValue { Label = "Hospitality" });
        await page.GetByLabel("Number of people employed").SelectOptionAsync(new SelectOptionValue { Label = "250 to 999 people" });
        await page.GetByLabel("England").CheckAsync();
        await page.GetByLabel("Wales").CheckAsync();
        await page.GetByLabel("Your full name").FillAsync("Robin Admin");
        await page.GetByLabel("Work email address").FillAsync("robin@riverside.example");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("a very long passphrase");
        await page.GetByLabel("Type the password again").FillAsync("a very long passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up organisation" }).ClickAsync();

        // Sign in.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("Email address").FillAsync("robin@riverside.example");
        await page.GetByLabel("Password").FillAsync("a very long passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Riverside Leisure Ltd" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Add a site.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Sites" }).ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("Site name").FillAsync("Swansea Marina");
        await page.GetByLabel("Nation").SelectOptionAsync(new SelectOptionValue { Label = "Wales" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add site" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Swansea Marina", Exact = true })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GotoAsync("/admin/departments");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Import employees: preview first, then confirm.
        await page.GotoAsync("/admin/import");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var csv = new StringBuilder("employee_number,first_name,last_name,site\n");
        for (var i = 1; i <= 1000; i++) csv.Append($"R{i:D4},Person,Number {i},Swansea Marina\n");
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "staff.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Importing it will add")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 1,000 rows" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Imported 1,000 rows: 1,000 people added, 0 updated.")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GotoAsync("/admin/audit");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The chain is intact" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByText("You have signed out.")).ToBeVisibleAsync();
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
        await context.CloseAsync();
    }
}
