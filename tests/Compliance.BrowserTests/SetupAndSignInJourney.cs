using System.Text;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Compliance.BrowserTests;

public sealed class SetupAndSignInJourney(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_new_administrator_sets_up_the_organisation_and_two_factor_sign_in_adds_a_site_imports_employees_and_invites_a_case_handler()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };

        // The first visit leads to setup.
        await page.GotoAsync("/");
        page.Url.Should().EndWith("/setup");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Keyboard users can skip straight to the content.
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.textContent")).Should().Be("Skip to main content");

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

        // An administrator must set up two-factor sign-in first.
        await SetUpAuthenticatorAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "I have saved them: continue" }).ClickAsync();
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

        await page.GotoAsync("/audit");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The chain is intact" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Invite a case handler; the link is shown once, to be passed on.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Staff accounts" }).ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Invite someone" }).ClickAsync();
        await page.GetByLabel("Full name").FillAsync("Casey Morgan");
        await page.GetByLabel("Work email address").FillAsync("casey@riverside.example");
        await page.GetByLabel("Case handler").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        var link = await page.GetByLabel("Link").InputValueAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByText("You have signed out.")).ToBeVisibleAsync();
        (consoleErrors.Count == 0).Should().BeTrue(string.Join("\n", consoleErrors));
        await context.CloseAsync();

        // The case handler, on their own device, accepts the invitation.
        var theirs = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "en-GB" });
        var casey = await theirs.NewPageAsync();
        await casey.GotoAsync(link);
        await Assertions.Expect(casey.GetByRole(AriaRole.Heading, new() { Name = "Choose your password" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(casey);
        await casey.GetByLabel("Password", new() { Exact = true }).FillAsync("password1234");
        await casey.GetByLabel("Type the password again").FillAsync("password1234");
        await casey.GetByRole(AriaRole.Button, new() { Name = "Save password" }).ClickAsync();
        await Assertions.Expect(casey.GetByText("one of the most commonly used passwords").First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(casey);
        await casey.GetByLabel("Password", new() { Exact = true }).FillAsync("marble kettle on the quay");
        await casey.GetByLabel("Type the password again").FillAsync("marble kettle on the quay");
        await casey.GetByRole(AriaRole.Button, new() { Name = "Save password" }).ClickAsync();

        // Case handlers must set up an authenticator; the test plays the phone app.
        var key = await SetUpAuthenticatorAsync(casey);
        await casey.GetByRole(AriaRole.Link, new() { Name = "I have saved them: continue" }).ClickAsync();
        await casey.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        // And signs in with password and code.
        await casey.GetByLabel("Email address").FillAsync("casey@riverside.example");
        await casey.GetByLabel("Password").FillAsync("marble kettle on the quay");
        await casey.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(casey.GetByRole(AriaRole.Heading, new() { Name = "Enter your authenticator code" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(casey);
        await casey.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(key));
        await casey.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(casey.GetByText("Casey Morgan")).ToBeVisibleAsync();
        await casey.GotoAsync("/account/security");
        await Assertions.Expect(casey.GetByText("You enter a code from your authenticator app when you sign in.")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(casey);
        await theirs.CloseAsync();
    }

    /// <summary>Reads the key shown for manual entry, as a person would type it into an app, and proves it with a code.</summary>
    private static async Task<string> SetUpAuthenticatorAsync(IPage page)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up two-factor sign-in" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code for adding this account to an authenticator app" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var key = (await page.Locator("#shared-key").InnerTextAsync()).Replace(" ", "");
        await page.GetByLabel("Enter the 6-digit code the app now shows").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Save your recovery codes" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        return key;
    }
}
