using System.Net;
using System.Text;
using Compliance.Core.Scoring;
using Compliance.Web.Tests.Infrastructure;
using Compliance.Web.Tests.Training;

namespace Compliance.Web.Tests.Scoring;

/// <summary>The monitoring figures against the database's own count of the rows, over a generated history (an organisation of its own).</summary>
public sealed class MonitoringHistoryTests(TrainingApp app) : IClassFixture<TrainingApp>
{
    private Task ReportsAsync(int anonymous, int confidential, DateOnly on) => PlantedReports.AddAsync(app, anonymous, confidential, on);

    private DateOnly LastQuarterEnd => new DateOnly(app.Today.Year, ((app.Today.Month - 1) / 3 * 3) + 1, 1).AddDays(-1);

    [Fact]
    public async Task Reports_by_quarter_agree_with_an_independent_count_of_the_rows_over_a_generated_history()
    {
        // Reports on random days over the four quarters that have ended, the month before them and this quarter, at
        // least six in each quarter so that no figure is withheld; the page's totals are checked against a count
        // of the table's rows by the database itself, with quarter bounds worked out here.
        var random = new Random(20261207);
        var lastEnd = LastQuarterEnd;
        var firstStart = new DateOnly(lastEnd.Year, lastEnd.Month, 1).AddMonths(-11);
        var bounds = Enumerable.Range(0, 4).Select(q => (From: firstStart.AddMonths(3 * q), To: firstStart.AddMonths(3 * q + 3).AddDays(-1))).ToList();
        foreach (var (from, to) in bounds)
        {
            var span = to.DayNumber - from.DayNumber + 1;
            await ReportsAsync(random.Next(0, 4), 6, from.AddDays(random.Next(span)));
            for (var extra = random.Next(0, 12); extra > 0; extra--) await ReportsAsync(random.Next(2), 0, from.AddDays(random.Next(span)));
        }
        await ReportsAsync(2, 2, firstStart.AddDays(-1));
        await ReportsAsync(1, 1, lastEnd.AddDays(1));
        await ReportsAsync(1, 1, lastEnd);

        static string Key(DateOnly d) => $"{d.Year}-Q{((d.Month - 1) / 3) + 1}";
        var csv = await app.Director.GetAsync($"/position/monitoring?handler=Csv&From={Key(firstStart)}&To={Key(lastEnd)}");
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).Split("\r\n").ToList();
        var labels = MonitoringFigures.Quarters(firstStart, lastEnd).Select(q => q.Label).ToList();
        labels.Should().HaveCount(4);
        for (var q = 0; q < 4; q++)
        {
            var counted = await TestDatabase.ScalarAsync<long>(app.ConnectionString,
                $"SELECT COUNT(*) FROM report_cases WHERE received_on >= '{bounds[q].From:yyyy-MM-dd}' AND received_on <= '{bounds[q].To:yyyy-MM-dd}'");
            counted.Should().BeGreaterThanOrEqualTo(6);
            lines.Should().Contain($"Reports by quarter and channel,{labels[q]},Total,{counted}", $"the rows of {labels[q]} number {counted}");
        }
        var all = await TestDatabase.ScalarAsync<long>(app.ConnectionString,
            $"SELECT COUNT(*) FROM report_cases WHERE received_on >= '{firstStart:yyyy-MM-dd}' AND received_on <= '{lastEnd:yyyy-MM-dd}'");
        Html.Text(await app.Director.GetPageAsync($"/position/monitoring?From={Key(firstStart)}&To={Key(lastEnd)}")).Should().Contain($"{all} reports received");
    }
}
