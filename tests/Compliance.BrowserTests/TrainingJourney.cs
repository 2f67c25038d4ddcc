using Compliance.Core.Accounts;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Compliance.BrowserTests;

/// <summary>A site with three people, an HR manager, a line manager for the site, and a real SMTP server.</summary>
public sealed class TrainingBrowserApp : SetUpBrowserApp
{
    public const string Site = "Riverside Hotel";
    public TestAccount HrManager { get; private set; } = null!;
    public TestAccount LineManager { get; private set; } = null!;
    public TestSmtpServer Smtp { get; private set; } = null!;

    /// <summary>Background jobs run, as in a live installation: the mail sender delivers the reminders.</summary>
    protected override bool RunJobs => true;

    public override async Task InitializeAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        await base.InitializeAsync();
        await using (var db = NewDbContext())
        {
            var settings = new Compliance.Core.Mail.MailSettings();
            settings.Apply(new Compliance.Core.Mail.MailSettingsInput("127.0.0.1", Smtp.Port, Compliance.Core.Mail.MailSecurity.None, null, null, "hr@riverside.example", "Riverside HR"), p => p, DateTime.UtcNow);
            db.MailSettings.Add(settings);
            await db.SaveChangesAsync();
        }
        var (siteId, siteErrors) = await WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, Site, Nation.England, null)));
        siteErrors.Should().BeEmpty();
        foreach (var (number, first, email) in new[] { ("R1", "Rhi", "rhi@riverside.example"), ("R2", "Ravi", "ravi@riverside.example"), ("R3", "Rosa", "rosa@riverside.example") })
        {
            var (_, errors) = await WithServiceAsync<SaveEmployee, (Guid?, List<FieldError>)>(s => s.HandleAsync(null,
                new EmployeeFields { EmployeeNumber = number, FirstName = first, LastName = "Staff", Site = Site, WorkEmail = email }));
            errors.Should().BeEmpty();
        }
        HrManager = await CreateAccountAsync("hr@riverside.example", [Roles.HRManager], false, "Harriet HR");
        LineManager = await CreateAccountAsync("manager@riverside.example", [Roles.Manager], false, "Morgan Manager");
        (await WithServiceAsync<StaffAccounts, string?>(s => s.SetManagerScopeAsync(LineManager.Id, [siteId!.Value], []))).Should().BeNull();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Smtp is not null) await Smtp.DisposeAsync();
    }
}

public sealed class TrainingJourney(TrainingBrowserApp app) : IClassFixture<TrainingBrowserApp>
{
    [Fact]
    public async Task HR_defines_a_course_imports_a_Moodle_report_sees_coverage_rise_and_reminds_the_stale_who_get_the_email()
    {
        var hr = await Journeys.SignedInAsync(app.Chromium, app.HrManager);
        await hr.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Training" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Heading, new() { Name = "Training", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(hr.GetByText("No courses yet.")).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(hr);

        // A course for everyone, refreshed yearly; a mistake first, named beside its field.
        await hr.GetByRole(AriaRole.Link, new() { Name = "Add a course" }).ClickAsync();
        await Journeys.CheckAtBothWidthsAsync(hr);
        await hr.GetByLabel("Title").FillAsync("Preventing sexual harassment");
        await hr.GetByLabel("Code", new() { Exact = true }).FillAsync("SH ALL!");
        await hr.GetByLabel("Where to take it (optional)").FillAsync("https://lms.riverside.example/course/3");
        await hr.GetByLabel("Summary").FillAsync("What harassment is and what to do about it.");
        await hr.GetByLabel("Recognising sexual harassment").CheckAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Add the course" }).ClickAsync();
        await Assertions.Expect(hr.Locator(".error-summary")).ToContainTextAsync("Use up to 40 letters, digits and hyphens for the code.");
        await Journeys.CheckAtBothWidthsAsync(hr);
        await hr.GetByLabel("Code", new() { Exact = true }).FillAsync("SH-ALL");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Add the course" }).ClickAsync();
        await Assertions.Expect(hr.GetByText("0 of 3 people it is for (0%)")).ToBeVisibleAsync();
        var courseUrl = hr.Url;
        await Journeys.CheckAtBothWidthsAsync(hr);

        // The learning system's report: Rhi completed this month, Ravi two years ago, Rosa not at all.
        var recent = DateTime.UtcNow.AddDays(-3).ToString("dd/MM/yy");
        var old = DateTime.UtcNow.AddYears(-2).ToString("dd/MM/yy");
        var report = "ID,Name,Email address,Harassment basics,Harassment basics - Completion date,Course complete\n" +
            $"1,Rhi Staff,rhi@riverside.example,Completed,\"{recent}, 10:35\",Completed\n" +
            $"2,Ravi Staff,RAVI@riverside.example,Completed,\"{old}, 09:00\",Completed\n" +
            "3,Rosa Staff,rosa@riverside.example,Not completed,,Not completed\n";
        await hr.GotoAsync("/training/import");
        await Journeys.CheckAtBothWidthsAsync(hr);
        await hr.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "moodle-completion.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(report) });
        await hr.GetByLabel("Course (for a Moodle or Totara report)").SelectOptionAsync("SH-ALL");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
        await Assertions.Expect(hr.GetByText("Read as a Moodle or Totara course completion report")).ToBeVisibleAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("add 2 completions, update 0 and skip 1");
        await Journeys.CheckAtBothWidthsAsync(hr);
        await hr.GetByRole(AriaRole.Button, new() { Name = "Import 3 rows" }).ClickAsync();
        await Assertions.Expect(hr.GetByText("2 completions added")).ToBeVisibleAsync();

        // Coverage rose: one of three in date, one stale, one never trained.
        await hr.GotoAsync(courseUrl);
        await Assertions.Expect(hr.GetByText("1 of 3 people it is for (33%)")).ToBeVisibleAsync();
        await hr.GetByLabel("Show").SelectOptionAsync("stale");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Heading, new() { Name = "People: Stale (1)" })).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(hr);
        await hr.GetByRole(AriaRole.Button, new() { Name = "Remind these 1 people to take it" }).ClickAsync();
        await Assertions.Expect(hr.GetByText("1 emailed")).ToBeVisibleAsync();

        // The reminder reaches the real mail server, naming the course and where to take it; no one else is sent one.
        var mail = await Poll.UntilAsync("the training reminder to ravi@riverside.example", () => Task.FromResult(app.Smtp.Messages().Where(m => m.Contains("ravi@riverside.example")).ToList()),
            m => m.Count > 0, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(250));
        var message = mail.Should().ContainSingle().Which.Replace("=\r\n", "").Replace("=\n", "");
        message.Should().Contain("Preventing sexual harassment").And.Contain("https://lms.riverside.example/course/3");
        app.Smtp.Messages().Should().NotContain(m => m.Contains("rosa@riverside.example") || m.Contains("rhi@riverside.example"));

        // Ravi's record, and recording a session by hand.
        await hr.GetByRole(AriaRole.Link, new() { Name = "Ravi Staff" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Heading, new() { Name = "Training record: Ravi Staff" })).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(hr);
        await hr.GotoAsync("/training/record");
        await Journeys.CheckAtBothWidthsAsync(hr);
        await hr.GetByLabel("Course", new() { Exact = true }).SelectOptionAsync("SH-ALL");
        await hr.GetByLabel("Completed on").FillAsync(DateTime.UtcNow.ToString("dd/MM/yyyy"));
        await hr.GetByLabel("Who completed it").FillAsync("R3\nnobody@riverside.example");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        await Assertions.Expect(hr.Locator(".error-summary")).ToContainTextAsync("Line 2: No one in the directory has the work email");
        await Journeys.CheckAtBothWidthsAsync(hr);
        await hr.GetByLabel("Who completed it").FillAsync("R3");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        await Assertions.Expect(hr.GetByText("2 of 3 people it is for (66%)")).ToBeVisibleAsync();

        // The line manager sees their team's training and who needs it.
        var manager = await Journeys.SignedInAsync(app.Chromium, app.LineManager);
        await manager.GotoAsync("/team");
        await manager.GetByRole(AriaRole.Link, new() { Name = "Who needs Preventing sexual harassment" }).ClickAsync();
        await Assertions.Expect(manager.Locator("#training-list ~ .table-wrap").GetByRole(AriaRole.Cell, new() { Name = "Ravi Staff" })).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(manager);
    }
}
