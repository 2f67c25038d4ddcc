using System.Security.Cryptography;
using Compliance.Core.Accounts;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Compliance.BrowserTests;

/// <summary>An organisation with one site and little evidence, whose background jobs run, and a director.</summary>
public sealed class PackBrowserApp : SetUpBrowserApp
{
    public TestAccount Director { get; private set; } = null!;

    protected override bool RunJobs => true;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (_, errors) = await WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, "Marina Hotel", Nation.Scotland, null)));
        errors.Should().BeEmpty();
        Director = await CreateAccountAsync("director@marina.example", [Roles.Director], false, "Dora Director");
    }
}

public sealed class PackJourney(PackBrowserApp app) : IClassFixture<PackBrowserApp>
{
    [Fact]
    public async Task A_director_asks_for_a_pack_watches_it_being_made_downloads_it_and_checks_it_on_the_public_page()
    {
        var page = await Journeys.SignedInAsync(app.Chromium, app.Director);
        // Today's position as the page gives it, and as its trend table's last row does: the pack made below says the same.
        await page.GotoAsync("/position");
        var position = new Dictionary<string, string>();
        foreach (var row in await page.Locator("table.position tbody tr").AllAsync())
        {
            var step = (await row.Locator("th").InnerTextAsync()).Trim();
            position[step[(step.IndexOf(". ", StringComparison.Ordinal) + 2)..]] = (await row.Locator("td").First.InnerTextAsync()).Replace(" out of 100", "").Trim();
        }
        position.Should().HaveCount(8);
        var trend = page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Scores at the end of each month" }) });
        var trendSteps = await trend.Locator("thead abbr").EvaluateAllAsync<string[]>("els => els.map(e => e.title)");
        var todayRow = trend.Locator("tbody tr").Last;
        var today = Core.UkDates.Long(Core.UkCalendar.Today(TimeProvider.System));
        (await todayRow.Locator("th").InnerTextAsync()).Trim().Should().Be(today);
        var todayCells = await todayRow.Locator("td").AllInnerTextsAsync();
        trendSteps.Should().NotBeEmpty().And.HaveSameCount(todayCells);
        for (var i = 0; i < trendSteps.Length; i++) todayCells[i].Trim().Should().Be(position[trendSteps[i]], $"{trendSteps[i]} today in the trend table");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Evidence packs" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Evidence packs", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("No pack has been asked for yet.")).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(page);

        // A period that cannot be: the error is named, and nothing is asked for.
        await page.GetByLabel("Dates I choose").CheckAsync();
        await page.GetByLabel("First day (for dates you choose)").FillAsync("31/2/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the pack" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The first day must be a real date").First).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(page);

        await page.GetByLabel("The last 12 months").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the pack" }).ClickAsync();
        await page.WaitForURLAsync("**/packs/*");
        // The progress shows while it is made (the page reloads itself when the pack is ready).
        var download = page.GetByRole(AriaRole.Link, new() { Name = "Download the pack (PDF)" });
        await Assertions.Expect(download).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Journeys.CheckAtBothWidthsAsync(page);
        var sha = (await page.Locator("code.hash").First.TextContentAsync())!.Trim();

        var file = await page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"pack-{Guid.NewGuid():N}.pdf");
        await file.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).Should().Be("%PDF-");
        Convert.ToHexStringLower(SHA256.HashData(bytes)).Should().Be(sha);
        file.SuggestedFilename.Should().MatchRegex(@"^evidence-pack-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.pdf$");
        // The pack's position at the end of the period (today) is the page's, step by step, as pdftotext reads it.
        var (code, text, errors) = await Tool.RunAsync("pdftotext", "-layout", path, "-");
        // Each date whole on the step's line, in the pack's one date format.
        var todayInColumn = System.Text.RegularExpressions.Regex.Escape(today);
        code.Should().Be(0, errors);
        var inPack = position.Keys.Select(step => (step, Match: System.Text.RegularExpressions.Regex.Match(text,
            $@"^\s*{System.Text.RegularExpressions.Regex.Escape(step)}\s+{todayInColumn}\s+(\S+)", System.Text.RegularExpressions.RegexOptions.Multiline)))
            .Where(x => x.Match.Success).ToList();
        inPack.Select(x => x.step).Should().Contain(["Policy", "Engaging staff", "Risk assessment", "Reporting", "Training", "Monitoring"], "steps 1 to 5 and 8 are given on the last day");
        foreach (var (step, match) in inPack) match.Groups[1].Value.Should().Be(position[step], $"{step} on {today} in the pack");

        await page.GotoAsync("/packs");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Dora Director", Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(sha)).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(page);

        // Anyone given the file checks it on the public page, linked from every page's footer.
        var stranger = await app.Chromium.Browser.NewPageAsync(new() { BaseURL = app.Chromium.BaseUrl, Locale = "en-GB" });
        await stranger.GotoAsync("/report");
        await stranger.GetByRole(AriaRole.Link, new() { Name = "Check that it is genuine" }).ClickAsync();
        await Assertions.Expect(stranger.GetByRole(AriaRole.Heading, new() { Name = "Check an evidence pack" })).ToBeVisibleAsync();
        await stranger.GetByLabel("The pack (PDF) or its records (ZIP)").SetInputFilesAsync(path);
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await Assertions.Expect(stranger.GetByRole(AriaRole.Heading, new() { Name = "Genuine", Exact = true })).ToBeVisibleAsync();
        await Journeys.CheckAtBothWidthsAsync(stranger);
        File.Delete(path);
    }
}
