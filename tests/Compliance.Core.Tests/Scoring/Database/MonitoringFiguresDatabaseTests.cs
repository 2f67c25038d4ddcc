using Compliance.Core.Cases;
using Compliance.Core.Organisation;
using Compliance.Core.Scoring;
using Compliance.Core.ThirdParty;

namespace Compliance.Core.Tests.Scoring.Database;

/// <summary>
/// The monitoring figures of a period against counts made here, one by one, from the records generated for the
/// test: every cell of every table, the timings and the sites named for repeated reports.
/// </summary>
public sealed class MonitoringFiguresDatabaseTests : IDisposable
{
    private readonly EvidenceDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private sealed record Made(ReportCase Case, DateOnly? Acknowledged, DateOnly? Closed);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Every_cell_timing_and_repeat_site_matches_a_count_made_from_the_records(int seed)
    {
        var random = new Random(seed);
        var sites = new[] { _db.Site("Harbour"), _db.Site("Abbey"), _db.Site("Cardiff", Nation.Wales) };
        var from = new DateOnly(2026, 2, 15);
        var to = new DateOnly(2026, 11, 16);
        var made = new List<Made>();
        for (var i = 0; i < 60; i++)
        {
            // Some fall just outside the period on either side.
            var received = from.AddDays(random.Next(-20, to.DayNumber - from.DayNumber + 20));
            var c = EvidenceDatabase.Report(received, random.Next(2) == 0 ? ReportingMode.Anonymous : ReportingMode.Confidential,
                (IncidentPlace)random.Next(1, 6), random.Next(5) == 0 ? null : sites[random.Next(i % 7 == 0 ? 3 : 2)].Id, (InvolvedParties)random.Next(0, 16));
            DateOnly? acknowledged = null, closed = null;
            if (random.Next(4) > 0)
            {
                acknowledged = received.AddDays(random.Next(0, 15));
                c.Acknowledge(acknowledged.Value);
                if (random.Next(3) > 0)
                {
                    c.Triage(acknowledged.Value, Urgency.Routine, VictimisationRisk.Low, CaseFlags.None);
                    c.RecordOutcome(acknowledged.Value, (CaseOutcome)random.Next(1, 6));
                    if (random.Next(2) == 0)
                    {
                        closed = acknowledged.Value.AddDays(random.Next(1, 120));
                        c.Close(closed.Value, [], false, false);
                    }
                }
            }
            made.Add(new(c, acknowledged, closed));
        }
        var incidents = Enumerable.Range(0, 30).Select(_ => new ThirdPartyIncident(from.AddDays(random.Next(-20, 300)), sites[0].Id, (ThirdPartyType)random.Next(1, 5), "x", true,
            null, (IncidentResponse)random.Next(0, 64), null, Guid.NewGuid(), "Hana", _db.NowUtc)).ToList();
        await _db.AddAsync([.. sites, .. made.Select(m => m.Case), .. incidents]);

        var report = await new MonitoringFigures(_db.Db).ForAsync(from, to);
        var inPeriod = made.Where(m => m.Case.ReceivedOn >= from && m.Case.ReceivedOn <= to).ToList();
        inPeriod.Should().NotBeEmpty();
        (report.From, report.To, report.Reports).Should().Be((from, to, SmallNumbers.One(inPeriod.Count)));
        report.Tables.Select(t => t.Id).Should().Equal("quarter", "place", "site", "involved", "outcome", "third-party-kind", "third-party-action");
        int[][] Cells(string id) => [.. report.Tables.Single(t => t.Id == id).Counts.Cells.Select(r => r.Select(c => c.Value).ToArray())];
        MonitoringTable Table(string id) => report.Tables.Single(t => t.Id == id);

        var quarters = new[] { (new DateOnly(2026, 2, 15), new DateOnly(2026, 3, 31)), (new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30)),
            (new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30)), (new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 16)) };
        Table("quarter").Rows.Should().Equal("Jan to Mar 2026", "Apr to Jun 2026", "Jul to Sept 2026", "Oct to Dec 2026");
        Table("quarter").Columns.Should().Equal("Anonymous", "Confidential");
        Cells("quarter").Should().BeEquivalentTo(quarters.Select(q => new[]
        {
            inPeriod.Count(m => m.Case.ReceivedOn >= q.Item1 && m.Case.ReceivedOn <= q.Item2 && m.Case.Mode == ReportingMode.Anonymous),
            inPeriod.Count(m => m.Case.ReceivedOn >= q.Item1 && m.Case.ReceivedOn <= q.Item2 && m.Case.Mode == ReportingMode.Confidential),
        }), o => o.WithStrictOrdering());

        Table("place").Rows.Should().Equal(Enum.GetValues<IncidentPlace>().Select(p => p.Label()));
        Cells("place").Should().BeEquivalentTo(Enum.GetValues<IncidentPlace>().Select(p => new[]
        {
            inPeriod.Count(m => m.Case.Place == p && m.Case.Mode == ReportingMode.Anonymous), inPeriod.Count(m => m.Case.Place == p && m.Case.Mode == ReportingMode.Confidential),
        }), o => o.WithStrictOrdering());

        var bySite = new[] { ("Abbey", sites[1].Id), ("Cardiff", sites[2].Id), ("Harbour", sites[0].Id) }
            .Select(s => (Name: s.Item1, Count: inPeriod.Count(m => m.Case.SiteId == s.Item2)))
            .Append((Name: "No site given", Count: inPeriod.Count(m => m.Case.SiteId is null))).Where(s => s.Count > 0).OrderBy(s => s.Name, StringComparer.CurrentCulture).ToList();
        Table("site").Rows.Should().Equal(bySite.Select(s => s.Name));
        Cells("site").Should().BeEquivalentTo(bySite.Select(s => new[] { s.Count }), o => o.WithStrictOrdering());
        report.RepeatSites.Should().Equal(bySite.Where(s => s.Count >= 5 && s.Name != "No site given").Select(s => s.Name));

        var involved = Table("involved");
        (involved.Overlapping, involved.Columns.Single()).Should().Be((true, "Reports"));
        involved.Rows.Should().Equal("A colleague", "A manager or someone more senior", "A customer, client, contractor or other person from outside", "Someone else");
        Cells("involved").Select(r => r.Single()).Should().Equal(CaseLabels.Parties.Select(p => inPeriod.Count(m => (m.Case.Involved & p) == p)));
        involved.Counts.RowTotals.Select(c => c.Value).Should().Equal(Cells("involved").Select(r => r.Single()));
        foreach (var cell in involved.Counts.Cells.Select(r => r.Single()))
        {
            cell.Disclosure.Should().Be(cell.Value is > 0 and < 5 ? Disclosure.FewerThanFive : inPeriod.Count - cell.Value is > 0 and < 5 ? Disclosure.Withheld : Disclosure.Shown);
        }

        Table("outcome").Rows.Should().Equal([.. Enum.GetValues<CaseOutcome>().Select(o => o.Label()), "No outcome yet"]);
        Cells("outcome").Select(r => r.Single()).Should().Equal([.. Enum.GetValues<CaseOutcome>().Select(o => inPeriod.Count(m => m.Case.Outcome == o)), inPeriod.Count(m => m.Case.Outcome is null)]);

        var inPeriodIncidents = incidents.Where(i => i.OccurredOn >= from && i.OccurredOn <= to).ToList();
        inPeriodIncidents.Should().NotBeEmpty();
        Table("third-party-kind").Rows.Should().Equal(Enum.GetValues<ThirdPartyType>().Select(k => k.Label()));
        Cells("third-party-kind").Select(r => r.Single()).Should().Equal(Enum.GetValues<ThirdPartyType>().Select(k => inPeriodIncidents.Count(i => i.PartyType == k)));
        var action = Table("third-party-action");
        (action.Overlapping, action.Rows.Count).Should().Be((true, ThirdPartyLabels.Responses.Length));
        Cells("third-party-action").Select(r => r.Single()).Should().Equal(ThirdPartyLabels.Responses.Select(r => inPeriodIncidents.Count(i => (i.Responses & r) == r)));

        static (int, int?, int?) Timing(List<int> days)
        {
            if (days.Count < 5) return (days.Count, null, null);
            days.Sort();
            var median = days.Count % 2 == 1 ? days[days.Count / 2] : days[(days.Count / 2) - 1];
            var ninetieth = days.First(d => days.Count(x => x <= d) * 10 >= days.Count * 9);
            return (days.Count, median, ninetieth);
        }
        report.Timings.Select(t => (t.What, (t.Cases, t.MedianDays, t.NinetiethDays))).Should().Equal(
            ("Time to acknowledge", Timing([.. inPeriod.Where(m => m.Acknowledged is not null).Select(m => m.Acknowledged!.Value.DayNumber - m.Case.ReceivedOn.DayNumber)])),
            ("Time to close", Timing([.. inPeriod.Where(m => m.Closed is not null).Select(m => m.Closed!.Value.DayNumber - m.Case.ReceivedOn.DayNumber)])));
    }

    [Fact]
    public async Task Timings_are_shown_from_five_cases_and_the_slowest_tenth_is_the_ninth_of_ten()
    {
        var received = new DateOnly(2026, 10, 1);
        var reports = Enumerable.Range(1, 10).Select(i =>
        {
            var c = EvidenceDatabase.Report(received);
            c.Acknowledge(received.AddDays(i <= 4 ? i : i * 2)); // 1,2,3,4,10,12,14,16,18,20
            return c;
        }).ToList();
        await _db.AddAsync([.. reports]);
        var timing = (await new MonitoringFigures(_db.Db).ForAsync(received, received.AddDays(40))).Timings[0];
        (timing.Cases, timing.MedianDays, timing.NinetiethDays).Should().Be((10, 10, 18));
        timing.Text.Should().Be("Median 10 days; 9 in 10 within 18 days.");
        new Timing("x", 4, null, null).Text.Should().Be("Not shown: fewer than 5 cases.");
        new Timing("x", 0, null, null).Text.Should().Be("No cases yet.");
        (await new MonitoringFigures(_db.Db).ForAsync(received.AddDays(1), received.AddDays(3))).Timings[0].Should().Be(new Timing("Time to acknowledge", 0, null, null),
            "the period holds none of the reports");
    }
}
