using System.Text.RegularExpressions;
using Compliance.Core.Accounts;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Compliance.BrowserTests;

/// <summary>Two sites with a person at each, an HR manager, a director with two-factor sign-in, a line manager for the first site, and a real SMTP server.</summary>
public sealed class PolicyBrowserApp : SetUpBrowserApp
{
    public const string Site = "Quayside Hotel";
    public TestAccount HrManager { get; private set; } = null!;
    public TestAccount Director { get; private set; } = null!;
    public TestAccount LineManager { get; private set; } = null!;
    public TestSmtpServer Smtp { get; private set; } = null!;

    /// <summary>Background jobs run, as in a live installation: publishing starts the sending, and the mail sender delivers.</summary>
    protected override bool RunJobs => true;

    public override async Task InitializeAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        await base.InitializeAsync();
        await using (var db = NewDbContext())
        {
            var settings = new Compliance.Core.Mail.MailSettings();
            settings.Apply(new Compliance.Core.Mail.MailSettingsInput("127.0.0.1", Smtp.Port, Compliance.Core.Mail.MailSecurity.None, null, null, "hr@quayside.example", "Quayside HR"), p => p, DateTime.UtcNow);
            db.MailSettings.Add(settings);
            await db.SaveChangesAsync();
        }
        var sites = new List<Guid>();
        foreach (var name in new[] { Site, "Hilltop Hotel" })
        {
            var (id, errors) = await WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, name, Nation.England, null)));
            errors.Should().BeEmpty();
            sites.Add(id!.Value);
        }
        foreach (var (number, first, site, email) in new[] { ("Q1", "Ola", Site, "ola@quayside.example"), ("H1", "Hal", "Hilltop Hotel", "hal@quayside.example") })
        {
            var (_, errors) = await WithServiceAsync<SaveEmployee, (Guid?, List<FieldError>)>(s => s.HandleAsync(null,
                new EmployeeFields { EmployeeNumber = number, FirstName = first, LastName = "Staff", Site = site, WorkEmail = email }));
            errors.Should().BeEmpty();
        }
        HrManager = await CreateAccountAsync("hr@quayside.example", [Roles.HRManager], false, "Harriet HR");
        Director = await CreateAccountAsync("director@quayside.example", [Roles.Director], true, "Dara Director");
        LineManager = await CreateAccountAsync("manager@quayside.example", [Roles.Manager], false, "Morgan Manager");
        (await WithServiceAsync<StaffAccounts, string?>(s => s.SetManagerScopeAsync(LineManager.Id, [sites[0]], []))).Should().BeNull();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Smtp is not null) await Smtp.DisposeAsync();
    }
}

public sealed partial class PolicyJourney(PolicyBrowserApp app) : IClassFixture<PolicyBrowserApp>
{
    [Fact]
    public async Task HR_drafts_from_the_template_a_director_approves_HR_publishes_to_a_site_and_an_employee_acknowledges_from_the_emailed_link()
    {
        var hr = await Journeys.SignedInAsync(app.Chromium, app.HrManager);
        await hr.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Policies" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Heading, new() { Name = "Policies", Exact = true })).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(hr);

        // Drafted from the template, filled with the organisation's sites and a named contact.
        await hr.GetByRole(AriaRole.Link, new() { Name = "Create a policy", Exact = true }).ClickAsync();
        await Journeys.CheckAtBothWidthsAsync(hr);
        await hr.GetByLabel("Anti-sexual-harassment policy").CheckAsync();
        await hr.GetByLabel("Named contacts for reporting, one per line").FillAsync("Priya Shah, HR adviser, 020 7946 0000");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Create the draft" }).ClickAsync();
        // It opens in the editor: the checklist follows the typing. A section taken out shows as missing, and put
        // back, the checklist is complete again.
        await Assertions.Expect(hr.GetByRole(AriaRole.Heading, new() { Name = "Section checklist: 12 of 12 present" })).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(hr);
        var policyUrl = hr.Url.Replace("/edit", "");
        var text = hr.GetByLabel("Policy text (Markdown)");
        var full = await text.InputValueAsync();
        full.Should().Contain(PolicyBrowserApp.Site).And.Contain("Priya Shah, HR adviser");
        await text.FillAsync(full[..full.IndexOf("## Review", StringComparison.Ordinal)]);
        await Assertions.Expect(hr.GetByRole(AriaRole.Heading, new() { Name = "Section checklist: 11 of 12 present" })).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(hr);
        await text.FillAsync(full);
        await Assertions.Expect(hr.GetByRole(AriaRole.Heading, new() { Name = "Section checklist: 12 of 12 present" })).ToBeVisibleAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();

        // Consultation with the union, then to a director.
        await hr.WaitForURLAsync(policyUrl);
        await hr.GetByLabel("Trade union").CheckAsync();
        await hr.GetByLabel("Name", new() { Exact = true }).FillAsync("Unite, Quayside branch");
        await hr.GetByLabel("Date", new() { Exact = true }).FillAsync(Compliance.Core.UkCalendar.Today(TimeProvider.System).AddDays(-3).ToString("dd/MM/yyyy"));
        await hr.GetByLabel("What changed as a result").FillAsync("Added a named contact who is not a line manager.");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Record consultation" }).ClickAsync();
        await Assertions.Expect(hr.GetByText("Unite, Quayside branch").First).ToBeVisibleAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Send to a director for approval" }).ClickAsync();
        await Assertions.Expect(hr.GetByText("Waiting for a director's approval").First).ToBeVisibleAsync();

        var director = await Journeys.SignedInAsync(app.Chromium, app.Director);
        await director.GotoAsync(policyUrl);
        await Journeys.CheckAtBothWidthsAsync(director);
        await director.GetByLabel("I have read version 1 and approve it as it stands").CheckAsync();
        await director.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Assertions.Expect(director.GetByText("Approved by Dara Director")).ToBeVisibleAsync();

        // Published to the Quayside Hotel only.
        await hr.GotoAsync(policyUrl);
        await hr.GetByLabel("Chosen sites").CheckAsync();
        await hr.GetByLabel($"Site: {PolicyBrowserApp.Site}").CheckAsync();
        await hr.GetByLabel("Material: everyone it is for reads and acknowledges it again").CheckAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(hr.GetByText("Version published.")).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(hr);

        // The person at the site gets a personal link through the real mail server; the other site's person does not.
        var mail = await Poll.UntilAsync("the personal policy link to ola@quayside.example", () => Task.FromResult(app.Smtp.Messages().Where(m => m.Contains("ola@quayside.example")).ToList()),
            m => m.Count > 0, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(250));
        mail.Should().ContainSingle();
        app.Smtp.Messages().Should().NotContain(m => m.Contains("hal@quayside.example"));
        var link = AcknowledgeLink().Match(mail[0].Replace("=\r\n", "").Replace("=\n", "")).Value;
        link.Should().NotBeEmpty("the email holds a personal link");

        await hr.GetByRole(AriaRole.Link, new() { Name = "Coverage and who has not acknowledged" }).ClickAsync();
        await Assertions.Expect(hr.GetByText("0 of 1 people it is for (0%)")).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(hr);

        // The line manager sees who in their team has not read it.
        var manager = await Journeys.SignedInAsync(app.Chromium, app.LineManager);
        await manager.GotoAsync("/team");
        await manager.GetByRole(AriaRole.Link, new() { Name = "Who has not read Anti-sexual-harassment policy" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Cell, new() { Name = "Ola Staff" }).Last).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(manager);

        // The employee, on a phone, with no account, opens the link and acknowledges.
        var phone = await app.Chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.Chromium.BaseUrl,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
        });
        var employee = await phone.NewPageAsync();
        await employee.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(employee.GetByRole(AriaRole.Heading, new() { Name = "Zero tolerance", Exact = false }).First).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(employee);
        await employee.GetByRole(AriaRole.Button, new() { Name = "I have read and understood this policy" }).ClickAsync();
        await Assertions.Expect(employee.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(employee);

        // Coverage goes up by one.
        await hr.ReloadAsync();
        await Assertions.Expect(hr.GetByText("1 of 1 people it is for (100%)")).ToBeVisibleAsync();

        // Anyone can read it from the reporting page, and a forged link gets one plain message.
        var visitor = await (await app.Chromium.NewContextAsync()).NewPageAsync();
        await visitor.GotoAsync("/report");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Anti-sexual-harassment policy" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "Download this policy as a PDF" })).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(visitor);
        // Someone with a printed letter types its code; a wrong one is named on the page.
        await visitor.GotoAsync("/policies/code");
        await Journeys.CheckAtBothWidthsAsync(visitor);
        await visitor.GetByLabel("Code from your letter").FillAsync("0000-0000-0000");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Open the policy" }).ClickAsync();
        await Assertions.Expect(visitor.Locator(".error-summary")).ToContainTextAsync("That code is not valid");
        await Journeys.CheckAtBothWidthsAsync(visitor);
        await visitor.GotoAsync("/policies/acknowledge/" + new string('x', 43));
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "This link is not valid" })).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(visitor);
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/policies/acknowledge/[A-Za-z0-9_-]+")]
    private static partial Regex AcknowledgeLink();
}
