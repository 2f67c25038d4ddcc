using Compliance.Core.Accounts;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Core.Reminders;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Compliance.BrowserTests;

/// <summary>An organisation with a site and one account per role, each with a notification waiting.</summary>
public sealed class EveryPageBrowserApp : SetUpBrowserApp
{
    public Dictionary<string, TestAccount> Accounts { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (_, errors) = await WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, "Pier Head", Nation.England, null)));
        errors.Should().BeEmpty();
        Accounts[Roles.Administrator] = Admin;
        Accounts[Roles.HRManager] = await CreateAccountAsync("hr@pier.example", [Roles.HRManager], twoFactor: false, "Harriet Human");
        Accounts[Roles.CaseHandler] = await CreateAccountAsync("cases@pier.example", [Roles.CaseHandler], twoFactor: true, "Casey Handler");
        Accounts[Roles.Manager] = await CreateAccountAsync("manager@pier.example", [Roles.Manager], twoFactor: false, "Morgan Manager");
        Accounts[Roles.Director] = await CreateAccountAsync("director@pier.example", [Roles.Director], twoFactor: false, "Devi Director");
        await using var db = NewDbContext();
        foreach (var account in Accounts.Values)
        {
            db.Notifications.Add(new Notification(account.Id, "test", "test", "Risk assessment review due in 7 days: Pier Head", "/", DateTime.UtcNow));
        }
        await db.SaveChangesAsync();
    }
}

/// <summary>Every page each role's navigation links to, at a desktop and a phone width, checked by axe.</summary>
public sealed class EveryPageJourney(EveryPageBrowserApp app) : IClassFixture<EveryPageBrowserApp>
{
    private static readonly (string Name, int Width, int Height)[] Sizes = [("desktop", 1280, 900), ("phone", 390, 844)];

    /// <summary>A fresh browser signed in as this account, with its authenticator code when it has one.</summary>
    private async Task<(IBrowserContext Context, IPage Page)> SignedInAsync(TestAccount account)
    {
        var context = await app.Chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.Chromium.BaseUrl, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (account.AuthenticatorKey is { } key)
        {
            await page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(key));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        return (context, page);
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.HRManager)]
    [InlineData(Roles.CaseHandler)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Director)]
    public async Task Every_page_in_the_navigation_passes_axe_at_desktop_and_phone_widths(string role)
    {
        var (context, page) = await SignedInAsync(app.Accounts[role]);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Assertions.Expect(nav).ToBeVisibleAsync();
        var links = (await nav.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))")).Distinct().ToList();
        links.Should().Contain("/notifications");
        links.Add("/verify"); // public, linked from every page's footer
        // Forms that open on a page reached from the navigation, not linked from it directly.
        if (role == Roles.Administrator) links.Add("/admin/legal?edit=all-reasonable-steps");
        if (role == Roles.Director) links.AddRange(["/position/rules", "/position/sign-off", "/audit/acknowledge"]);
        if (role is Roles.Director or Roles.HRManager) links.AddRange(["/position/actions", "/position/actions/new", "/position/monitoring", "/position/engagement", "/position/engagement/new", "/risk/notices"]);

        foreach (var (name, width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            foreach (var link in links)
            {
                var response = await page.GotoAsync(link);
                (response?.Ok == true).Should().BeTrue($"{role} at {name} width: {link} answered {response?.Status}.");
                await Accessibility.AssertNoSeriousViolationsAsync(page);
                // Nothing overflows sideways on a phone: the page scrolls down, not across.
                var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
                if (overflow > 1)
                {
                    var wide = await page.EvaluateAsync<string[]>("""
                        () => { const w = document.documentElement.clientWidth;
                          return [...document.querySelectorAll('body *')]
                            .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-wrap'))
                            .slice(0, 6).map(e => `${e.tagName.toLowerCase()}.${e.className}#${e.id} (${Math.round(e.getBoundingClientRect().right)}px)`); }
                        """);
                    throw new Xunit.Sdk.XunitException($"{link} is {overflow}px wider than the {name} screen: {string.Join(", ", wide)}");
                }
            }
        }

        // The notification's title is readable on its own page: dark on light, not the header's white.
        await page.GotoAsync("/notifications");
        var colour = await page.Locator(".notification-list button").First.EvaluateAsync<string>("b => getComputedStyle(b).color");
        colour.Should().NotBe("rgb(255, 255, 255)");
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_scheduler_dashboard_opens_from_the_Jobs_page_runs_its_scripts_and_passes_axe()
    {
        var (context, page) = await SignedInAsync(app.Accounts[Roles.Administrator]);
        var blocked = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") blocked.Add(m.Text); };
        await page.GotoAsync("/admin/jobs");
        await page.GetByRole(AriaRole.Link, new() { Name = "scheduler's dashboard" }).ClickAsync();
        foreach (var (name, width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            foreach (var path in new[] { "/admin/jobs/dashboard", "/admin/jobs/dashboard/recurring", "/admin/jobs/dashboard/jobs/succeeded", "/admin/jobs/dashboard/servers" })
            {
                var response = await page.GotoAsync(path);
                (response?.Ok == true).Should().BeTrue($"{path} at {name} width answered {response?.Status}");
                await Accessibility.AssertNoSeriousViolationsAsync(page);
            }
        }
        // Its scripts and styles load under the app's content security policy.
        blocked.Should().BeEmpty();
        await context.CloseAsync();
    }

    [Fact]
    public async Task Pages_print_without_navigation_black_on_white_with_links_shown()
    {
        var (context, page) = await SignedInAsync(app.Accounts[Roles.Director]);
        await page.GotoAsync("/risk");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        (await page.Locator(".site-header").EvaluateAsync<string>("e => getComputedStyle(e).display")).Should().Be("none");
        (await page.Locator(".site-footer").EvaluateAsync<string>("e => getComputedStyle(e).display")).Should().Be("none");
        (await page.Locator("main h1").EvaluateAsync<string>("e => getComputedStyle(e).color")).Should().Be("rgb(0, 0, 0)");
        (await page.Locator("body").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor")).Should().Be("rgb(255, 255, 255)");
        var shown = await page.Locator("main a[href='/risk/assessments']").First.EvaluateAsync<string>("e => getComputedStyle(e, '::after').content");
        shown.Should().Contain("/risk/assessments");
        // And the printed PDF has the words of the page, not the navigation.
        var pdf = Path.Combine(Path.GetTempPath(), $"printed-{Guid.NewGuid():N}.pdf");
        await page.PdfAsync(new PagePdfOptions { Path = pdf });
        try
        {
            var (exit, text, errors) = await Tool.RunAsync("pdftotext", "-layout", pdf, "-");
            exit.Should().Be(0, errors);
            text.Should().Contain("Risk assessments", "the page's heading is printed").And.Contain("/risk/assessments", "a link's address is printed after it");
            text.Should().NotContain("Sign out", "the navigation is not printed");
        }
        finally
        {
            File.Delete(pdf);
        }
        await context.CloseAsync();
    }
}
