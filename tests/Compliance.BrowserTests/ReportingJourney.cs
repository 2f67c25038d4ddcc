using Compliance.Core.Accounts;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Web.Pages.Cases;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Compliance.BrowserTests;

/// <summary>One site, and one case handler with two-factor sign-in on.</summary>
public sealed class ReportingBrowserApp : SetUpBrowserApp
{
    public const string SiteName = "Harbour Lights Hotel";

    public Guid SiteId { get; private set; }
    public TestAccount Handler { get; private set; } = null!;
    public TestSmtpServer Smtp { get; private set; } = null!;

    /// <summary>Background jobs run, as in a live installation: the mail sender delivers to the test's SMTP server.</summary>
    protected override bool RunJobs => true;

    public override async Task InitializeAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        await base.InitializeAsync();
        await using (var db = NewDbContext())
        {
            var settings = new Compliance.Core.Mail.MailSettings();
            settings.Apply(new Compliance.Core.Mail.MailSettingsInput("127.0.0.1", Smtp.Port, Compliance.Core.Mail.MailSecurity.None, null, null, "compliance@harbour.example", "Harbour Lights"), p => p, DateTime.UtcNow);
            db.MailSettings.Add(settings);
            await db.SaveChangesAsync();
        }
        var (siteId, errors) = await WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, SiteName, Nation.England, null)));
        errors.Should().BeEmpty();
        SiteId = siteId!.Value;
        Handler = await CreateAccountAsync("handler@harbour.example", [Roles.CaseHandler], twoFactor: true, "Hollis Handler");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Smtp is not null) await Smtp.DisposeAsync();
    }
}

public sealed class ReportingJourney(ReportingBrowserApp app) : IClassFixture<ReportingBrowserApp>
{
    private const string WhatHappened = "The night porter keeps making comments about my body when I finish my shift.";
    private const string HandlerMessage = "Thank you. Could you tell us which nights this happened? I will write again here on Friday.";
    private const string Reply = "Mostly Fridays and Saturdays, after eleven.";

    /// <summary>A browser with nothing from any earlier visit; the reporter's may use the clipboard.</summary>
    private Task<IBrowserContext> FreshContextAsync(bool clipboard = false) =>
        app.Chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.Chromium.BaseUrl,
            Locale = "en-GB",
            Permissions = clipboard ? ["clipboard-read", "clipboard-write"] : [],
        });

    /// <summary>Presses Tab once and expects the focus to land on this element.</summary>
    private static async Task TabToAsync(IPage page, string id)
    {
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator($"#{id}")).ToBeFocusedAsync();
    }

    /// <summary>Presses Tab until the focus reaches this element, as a keyboard user moves past links and hints.</summary>
    private static async Task TabUntilAsync(IPage page, ILocator target, int most = 80)
    {
        for (var i = 0; i < most; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement")) return;
        }
        throw new Xunit.Sdk.XunitException($"Tabbing {most} times on {page.Url} never reached {target}.");
    }

    /// <summary>From the top of a freshly loaded page: the skip link first, then into the main content.</summary>
    private static async Task SkipToMainAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();
    }

    private async Task<IPage> SignedInHandlerAsync()
    {
        var page = await (await FreshContextAsync()).NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(app.Handler.Email);
        await page.GetByLabel("Password").FillAsync(app.Handler.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter your authenticator code" })).ToBeVisibleAsync();
        await page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(app.Handler.AuthenticatorKey!));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task On_a_phone_a_refused_report_shows_its_summary_first_and_focused_and_leaving_quickly_leaves_no_trace_in_history()
    {
        var context = await app.Chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.Chromium.BaseUrl,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
        });
        var page = await context.NewPageAsync();
        // The neutral site is served here by the test: the machine has no way out to the real one.
        await context.RouteAsync("https://www.bbc.co.uk/**", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<title>Weather</title><h1>Weather</h1>" }));

        await page.GotoAsync("/report");
        var send = page.GetByRole(AriaRole.Button, new() { Name = "Send report" });
        await send.ScrollIntoViewIfNeededAsync();
        await send.ClickAsync();

        // The summary is the first thing in the page's content, has the focus, and is on the screen.
        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToBeInViewportAsync();
        (await page.EvaluateAsync<bool>("document.querySelector('main').firstElementChild.classList.contains('error-summary')")).Should().BeTrue();
        // Each message links to its field.
        await summary.GetByRole(AriaRole.Link, new() { Name = "Say what happened, in your own words." }).ClickAsync();
        await Assertions.Expect(page.Locator("#Input_WhatHappened")).ToBeInViewportAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // From the follow-up page to the report page, then away quickly: Back does not return to the report.
        await page.GotoAsync("/report/follow-up");
        await page.GotoAsync("/report");
        await page.GetByLabel("What happened").FillAsync("Words nobody else should see.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Leave this page quickly" }).First.ClickAsync();
        await page.WaitForURLAsync("https://www.bbc.co.uk/weather");
        await page.GoBackAsync();
        page.Url.Should().EndWith("/report/follow-up");
        await context.CloseAsync();
    }

    [Fact]
    public async Task An_anonymous_report_is_followed_up_by_keyboard_and_answered_by_a_handler()
    {
        // The reporter opens the public page; nothing needs a mouse from here.
        var reporterContext = await FreshContextAsync(clipboard: true);
        var reporter = await reporterContext.NewPageAsync();
        await reporter.GotoAsync("/report");
        await Assertions.Expect(reporter.GetByRole(AriaRole.Heading, new() { Name = "Report harassment at Acme Hospitality Ltd" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(reporter);

        // Sending nothing shows what is missing, and the summary is itself accessible.
        var send = reporter.GetByRole(AriaRole.Button, new() { Name = "Send report" });
        await SkipToMainAsync(reporter);
        await TabUntilAsync(reporter, send);
        await reporter.Keyboard.PressAsync("Enter");
        var summary = reporter.GetByRole(AriaRole.Alert).Filter(new() { Has = reporter.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" }) });
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Choose whether to report anonymously or confidentially." })).ToBeVisibleAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Say what happened, in your own words." })).ToBeVisibleAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Choose where it happened." })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(reporter);

        // Fill the form with Tab, Space, arrow keys and typing only, going on from where the focus is.
        await TabUntilAsync(reporter, reporter.Locator("#Input_Mode"));
        await reporter.Keyboard.PressAsync("Space");
        await Assertions.Expect(reporter.Locator("#Input_Mode")).ToBeCheckedAsync();
        await TabToAsync(reporter, "Input_Name");
        await TabToAsync(reporter, "Input_Contact");
        await TabToAsync(reporter, "Input_NotifyByEmail");
        await TabToAsync(reporter, "Input_Role");
        await reporter.Keyboard.PressAsync("Space");
        await Assertions.Expect(reporter.Locator("#Input_Role")).ToBeCheckedAsync();
        await TabToAsync(reporter, "Input_WhatHappened");
        await reporter.Keyboard.TypeAsync(WhatHappened);
        await TabToAsync(reporter, "Input_HappenedOn");
        await TabToAsync(reporter, "Input_HappenedWhen");
        await reporter.Keyboard.TypeAsync("Most weekends since March");
        await TabToAsync(reporter, "Input_Place");
        await reporter.Keyboard.PressAsync("Space");
        await Assertions.Expect(reporter.Locator("#Input_Place")).ToBeCheckedAsync();
        await TabToAsync(reporter, "Input_SiteId");
        await reporter.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(reporter.Locator("#Input_SiteId")).ToHaveValueAsync(app.SiteId.ToString());
        await TabUntilAsync(reporter, reporter.Locator("#Input_StillHappening"));
        await reporter.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(reporter.Locator("#still-No")).ToBeFocusedAsync();
        await Assertions.Expect(reporter.Locator("#still-No")).ToBeCheckedAsync();
        await TabUntilAsync(reporter, send);
        await reporter.Keyboard.PressAsync("Space");

        // The reference and key are shown once, and can be copied in one go.
        await Assertions.Expect(reporter.GetByRole(AriaRole.Heading, new() { Name = "Your report has been sent" })).ToBeVisibleAsync();
        var sentAt = DateTime.UtcNow;
        await Accessibility.AssertNoSeriousViolationsAsync(reporter);
        var reference = await reporter.Locator("#case-reference").InputValueAsync();
        var key = await reporter.Locator("#case-key").InputValueAsync();
        reference.Should().StartWith("R-");
        (key.Length >= 32).Should().BeTrue(key);
        await Assertions.Expect(reporter.GetByLabel("Case reference")).ToHaveValueAsync(reference);
        await Assertions.Expect(reporter.GetByLabel("Secret key")).ToHaveValueAsync(key);
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Copy the reference and key" }).ClickAsync();
        await Assertions.Expect(reporter.GetByRole(AriaRole.Status)).ToHaveTextAsync("Copied. Paste them somewhere only you can open.");
        var copied = await reporter.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        copied.Should().Contain(reference);
        copied.Should().Contain(key);
        await reporterContext.CloseAsync();

        // A handler signs in with password and code, takes the case, acknowledges it and writes to the reporter.
        // The handler is emailed within a minute of the report, without a word of it.
        var alert = await Poll.UntilAsync("the new-report alert to the handler", () => Task.FromResult(app.Smtp.Messages().Where(m => m.Contains(app.Handler.Email)).ToList()),
            m => m.Count > 0, TimeSpan.FromSeconds(60) - (DateTime.UtcNow - sentAt), TimeSpan.FromMilliseconds(250));
        (alert.Count == 1).Should().BeTrue($"The handler was not emailed within a minute of the report ({alert.Count} messages).");
        alert[0].Should().Contain("A new report is waiting for a case handler");
        alert[0].Should().NotContain("night porter");

        var handler = await SignedInHandlerAsync();
        await handler.GotoAsync("/cases?view=unassigned");
        await Assertions.Expect(handler.GetByRole(AriaRole.Heading, new() { Name = "Cases", Exact = true })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(handler);
        await handler.GetByRole(AriaRole.Row).Filter(new() { HasText = reference })
            .GetByRole(AriaRole.Button, new() { Name = $"Take case {reference}" }).ClickAsync();
        await handler.WaitForURLAsync("**/cases/*");
        await Assertions.Expect(handler.GetByRole(AriaRole.Heading, new() { Name = $"Case {reference}" })).ToBeVisibleAsync();
        await Assertions.Expect(handler.GetByText("You have taken the case.")).ToBeVisibleAsync();
        await Assertions.Expect(handler.GetByText(WhatHappened)).ToBeVisibleAsync();
        await Assertions.Expect(handler.GetByText($"At one of our sites: {ReportingBrowserApp.SiteName}")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(handler);
        var caseUrl = handler.Url;

        var acknowledgement = handler.GetByLabel("Acknowledge the report");
        await Assertions.Expect(acknowledgement).ToHaveValueAsync(CaseModel.DefaultAcknowledgement);
        await handler.GetByRole(AriaRole.Button, new() { Name = "Send acknowledgement" }).ClickAsync();
        await Assertions.Expect(handler.GetByText("Acknowledged. The reporter will see your message at follow-up.")).ToBeVisibleAsync();
        await Assertions.Expect(handler.GetByRole(AriaRole.Heading, new() { Name = $"Case {reference} Acknowledged" })).ToBeVisibleAsync();

        await Assertions.Expect(handler.GetByRole(AriaRole.Heading, new() { Name = "Message the reporter" })).ToBeVisibleAsync();
        await handler.GetByLabel("Message", new() { Exact = true }).FillAsync(HandlerMessage);
        await handler.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await Assertions.Expect(handler.GetByText("Message sent. The reporter will see it at follow-up.")).ToBeVisibleAsync();
        handler.Url.Should().Be(caseUrl);
        await Accessibility.AssertNoSeriousViolationsAsync(handler);

        // The reporter comes back in a new browser, with only the reference and key, and by keyboard.
        var laterContext = await FreshContextAsync();
        var later = await laterContext.NewPageAsync();
        await later.GotoAsync("/report/follow-up");
        await Assertions.Expect(later.GetByRole(AriaRole.Heading, new() { Name = "Follow up a report" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(later);
        await SkipToMainAsync(later);
        // The way out comes first, then the form.
        await later.Keyboard.PressAsync("Tab");
        await Assertions.Expect(later.GetByRole(AriaRole.Link, new() { Name = "Leave this page quickly" })).ToBeFocusedAsync();
        await TabToAsync(later, "Reference");
        await later.Keyboard.TypeAsync(reference);
        await TabToAsync(later, "Key");
        await later.Keyboard.InsertTextAsync(key); // pasted, as from the note the reporter kept
        await TabUntilAsync(later, later.GetByRole(AriaRole.Button, new() { Name = "Open my report" }), most: 3);
        await later.Keyboard.PressAsync("Enter");

        await Assertions.Expect(later.GetByRole(AriaRole.Heading, new() { Name = $"Your report {reference}" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(later);
        await Assertions.Expect(later.GetByText("Acknowledged: someone is looking at your report.")).ToBeVisibleAsync();
        var messages = later.Locator("ol.messages > li");
        await Assertions.Expect(messages.Filter(new() { HasText = "Your report" }).GetByText(WhatHappened)).ToBeVisibleAsync();
        await Assertions.Expect(messages.Filter(new() { HasText = "From the team handling your case" }).GetByText(CaseModel.DefaultAcknowledgement)).ToBeVisibleAsync();
        await Assertions.Expect(messages.Filter(new() { HasText = "From the team handling your case" }).GetByText(HandlerMessage)).ToBeVisibleAsync();

        await TabUntilAsync(later, later.GetByLabel("Your message"));
        await later.Keyboard.TypeAsync(Reply);
        await TabUntilAsync(later, later.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }), most: 3);
        await later.Keyboard.PressAsync("Enter");
        await Assertions.Expect(later.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your message has been sent to the people handling your case.");
        await Assertions.Expect(messages.Filter(new() { HasText = "You wrote" }).GetByText(Reply)).ToBeVisibleAsync();
        await Assertions.Expect(later.GetByLabel("Your message")).ToHaveValueAsync("");
        await Accessibility.AssertNoSeriousViolationsAsync(later);
        await laterContext.CloseAsync();

        // The handler sees the reply on the case.
        await handler.ReloadAsync();
        await Assertions.Expect(handler.GetByText("The reporter has written since this case was last opened.")).ToBeVisibleAsync();
        await Assertions.Expect(handler.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "the reporter" }).GetByText(Reply)).ToBeVisibleAsync();
        await handler.Context.CloseAsync();
    }
}
