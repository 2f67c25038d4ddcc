using System.Text.RegularExpressions;
using Compliance.Core;
using Compliance.Core.EvidencePacks;
using Compliance.Core.Scoring;
using Compliance.Core.Tests.EvidencePacks;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.EvidencePacks;

/// <summary>An organisation of its own holding one generated history, and a director to read its position.</summary>
public abstract class GeneratedHistoryApp(int seed) : SetUpAppFactory
{
    public AppClient Director { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var now = DateTime.UtcNow;
        var today = UkCalendar.Today(TimeProvider.System);
        var rows = GeneratedHistory.Rows(seed, today, now);
        await using (var db = NewDbContext())
        {
            db.AddRange(rows);
            await db.SaveChangesAsync();
        }
        Director = await SignedInAsync(await CreateAccountAsync("director@example.test", [Core.Accounts.Roles.Director], twoFactor: false, "Dina Director"));
        // The position page is read once, so its trend is kept; then records about months ago are typed in late.
        await Director.GetPageAsync("/position");
        await using (var db = NewDbContext())
        {
            db.AddRange(GeneratedHistory.LateRows(rows, today, now));
            await db.SaveChangesAsync();
        }
    }
}

public sealed class FirstHistoryApp() : GeneratedHistoryApp(11);

public sealed class SecondHistoryApp() : GeneratedHistoryApp(12);

/// <summary>
/// The position page and the pack made the same day over a generated history, on both engines: every figure the page
/// shows for a day the pack also gives (today's steps 1 to 5 and 8, and each quarter end of the trend, steps 6 and 7
/// included) is the same number; and the pack's own reconciliation (<see cref="PackReconciliation"/>) holds.
/// </summary>
public abstract class PositionAgreesWithPackTests(GeneratedHistoryApp app)
{
    private static readonly Regex PositionRow = new(@"<a href=""/position#step-(\d)"">[^<]*</a></th>\s*<td>(\d+) out of 100</td>");
    private static readonly Regex TrendRow = new(@"<tr><th scope=""row"">([^<]+)</th>((?:\s*<td class=""num"">\d*</td>)+)\s*</tr>");

    [Fact]
    public async Task Every_figure_the_position_page_shows_for_a_day_is_the_packs_for_that_day()
    {
        var html = await app.Director.GetPageAsync("/position");
        var today = UkCalendar.Today(TimeProvider.System);
        var page = PositionRow.Matches(html).ToDictionary(m => (ReasonableStep)int.Parse(m.Groups[1].Value), m => m.Groups[2].Value);
        page.Should().HaveCount(8, "each step is scored on the page");
        var trendSteps = Regex.Matches(html[html.IndexOf("Scores at the end of each month", StringComparison.Ordinal)..], @"<abbr title=""[^""]+"">(\d)</abbr>")
            .Select(m => (ReasonableStep)int.Parse(m.Groups[1].Value)).ToList();
        var trend = TrendRow.Matches(html).ToDictionary(m => m.Groups[1].Value, m => Regex.Matches(m.Groups[2].Value, @">(\d*)<").Select(c => c.Groups[1].Value)
            .Zip(trendSteps).ToDictionary(x => x.Second, x => x.First));
        trend.Should().HaveCount(13, "twelve month ends and today");
        await using var scope = app.Services.CreateAsyncScope();
        var evidence = scope.ServiceProvider.GetRequiredService<StepEvidence>();
        var kept = await scope.ServiceProvider.GetRequiredService<PositionTrend>().ToTodayAsync(await evidence.ScoresOnAsync(today));

        // Two periods: the 12 months to today, and 15 months to the end of last month.
        var lastMonthEnd = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        foreach (var (from, to) in new[] { (today.AddYears(-1).AddDays(1), today), (lastMonthEnd.AddMonths(-15).AddDays(1), lastMonthEnd) })
        {
            var request = new EvidencePack(Guid.NewGuid(), from, to, named: false, null, "Dina Director", DateTime.UtcNow);
            var pack = await app.WithServiceAsync<PackBuilder, PackContent>(b => b.BuildAsync(request, DateTime.UtcNow, (_, _) => Task.CompletedTask, default));
            var compared = 0;
            // The position at the end of the period: steps 1 to 5 and 8 on its last day; 6 and 7 on the last whole quarter's end.
            var position = pack.Summary.Blocks.OfType<PackTable>().Single(t => t.Headers.SequenceEqual(["Step", "On", "Score", "Status", "Why"]));
            foreach (var row in position.Rows)
            {
                var step = Enum.GetValues<ReasonableStep>().Single(s => s.Name() == row[0]);
                if (!int.TryParse(row[2], out _)) continue;
                var shown = row[1] == UkDates.Long(today) ? page[step] : trend[row[1]][step];
                row[2].Should().Be(shown, $"step {(int)step} on {row[1]}, in the pack to {to}");
                compared++;
            }
            compared.Should().BeGreaterThanOrEqualTo(6, "steps 1 to 5 and 8 are on the last day, in the pack as on the page");

            // The pack's trend: each quarter end (a month end on the page) and the last day, step by step, where the page has the day.
            var table = pack.Summary.Blocks.OfType<PackTable>().Single(t => t.Headers[0] == "On" && t.Headers.Count == 9);
            var days = PackBuilder.QuarterPoints(request.PeriodFrom, request.PeriodTo);
            days.Should().HaveCountGreaterThan(3);
            var onBoth = 0;
            foreach (var day in days)
            {
                if (!trend.TryGetValue(UkDates.Long(day), out var onPage)) continue;
                onBoth++;
                var row = table.Rows.Single(r => r[0] == UkDates.Long(day));
                foreach (var step in Enum.GetValues<ReasonableStep>().Where(s => int.TryParse(row[(int)s], out _)))
                {
                    row[(int)step].Should().Be(onPage[step], $"step {(int)step} on {day}, in the pack to {to}");
                    compared++;
                }
            }
            onBoth.Should().BeGreaterThan(3);
            compared.Should().BeGreaterThanOrEqualTo(6 + 6 * onBoth, "every step 1 to 5 and 8 on each day");

            // And, on this engine, the pack's summary equals its chapters and its records ZIP, and the kept trend each month end worked out again.
            await PackReconciliation.AgreesAsync(request, pack, evidence, kept);
        }
    }
}

public sealed class FirstHistoryAgreesTests(FirstHistoryApp app) : PositionAgreesWithPackTests(app), IClassFixture<FirstHistoryApp>;

public sealed class SecondHistoryAgreesTests(SecondHistoryApp app) : PositionAgreesWithPackTests(app), IClassFixture<SecondHistoryApp>;
