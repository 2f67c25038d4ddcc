using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.ThirdParty;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Scoring;

/// <summary>
/// One monitoring table: rows by columns of counts, with the small-number rule applied. A table of one column is a
/// list of parts with their total. Where the parts can overlap (a report naming both a colleague and a manager) the
/// table is <see cref="Overlapping"/>: no total is shown and each count stands alone.
/// </summary>
public sealed record MonitoringTable(string Id, string Title, string RowHeading, IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, SmallNumbers.SuppressedTable Counts, bool Overlapping, string? Note = null)
{
    public static MonitoringTable Of(string id, string title, string rowHeading, IReadOnlyList<string> rows, IReadOnlyList<string> columns, int[][] counts, string? note = null) =>
        new(id, title, rowHeading, rows, columns, SmallNumbers.Table(counts), false, note);

    /// <summary>
    /// Counts that may overlap (a report naming a colleague and a manager), each out of the same total, which is
    /// shown elsewhere: 1 to 4 shows as "fewer than 5", and a count whose complement in that total is 1 to 4 (18 of
    /// 20 would tell that 2 did not) is withheld.
    /// </summary>
    public static MonitoringTable Separate(string id, string title, string rowHeading, IReadOnlyList<string> rows, string column, int[] counts, int total, string? note = null)
    {
        Count Of(int c) => SmallNumbers.IsSmall(c) ? new(c, Disclosure.FewerThanFive) : SmallNumbers.IsSmall(total - c) ? new(c, Disclosure.Withheld) : new(c, Disclosure.Shown);
        return new(id, title, rowHeading, rows, [column], new SmallNumbers.SuppressedTable([.. counts.Select(c => new[] { Of(c) })], [.. counts.Select(Of)], [], default), true, note);
    }
}

/// <summary>
/// A time taken (median and slowest tenth), or why it is not shown. How many cases it covers is not printed: taken
/// from the number of reports, it would tell how many were not yet acknowledged or closed.
/// </summary>
public sealed record Timing(string What, int Cases, int? MedianDays, int? NinetiethDays)
{
    public string Text => Cases == 0 ? "No cases yet." : Cases < SmallNumbers.Threshold ? "Not shown: fewer than 5 cases."
        : $"Median {MedianDays} days; 9 in 10 within {NinetiethDays} days.";
}

public sealed record MonitoringReport(DateOnly From, DateOnly To, Count Reports, IReadOnlyList<MonitoringTable> Tables, IReadOnlyList<Timing> Timings, IReadOnlyList<string> RepeatSites);

/// <summary>
/// The monitoring figures for a period, from categories, dates and states only: never a word of a report. Every
/// count goes through <see cref="SmallNumbers"/>, here, so the page and the export cannot differ.
/// </summary>
public sealed class MonitoringFigures(ComplianceDbContext db)
{
    public async Task<MonitoringReport> ForAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var reports = await db.ReportCases.AsNoTracking().Where(c => c.ReceivedOn >= from && c.ReceivedOn <= to)
            .Select(c => new { c.ReceivedOn, c.Mode, c.Place, c.SiteId, c.Involved, c.AcknowledgedOn, c.ClosedOn, c.Outcome }).ToListAsync(ct);
        var sites = await db.Sites.AsNoTracking().Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var modes = new[] { ReportingMode.Anonymous, ReportingMode.Confidential };
        int[] ByMode<T>(IEnumerable<T> items, Func<T, ReportingMode> mode) => [.. modes.Select(m => items.Count(i => mode(i) == m))];
        var tables = new List<MonitoringTable>();

        var quarters = Quarters(from, to);
        tables.Add(MonitoringTable.Of("quarter", "Reports by quarter and channel", "Quarter", [.. quarters.Select(q => q.Label)], [.. modes.Select(m => m.Label())],
            [.. quarters.Select(q => ByMode(reports.Where(r => r.ReceivedOn >= q.From && r.ReceivedOn <= q.To), r => r.Mode))]));

        var places = Enum.GetValues<IncidentPlace>();
        tables.Add(MonitoringTable.Of("place", "Reports by where it happened", "Where", [.. places.Select(p => p.Label())], [.. modes.Select(m => m.Label())],
            [.. places.Select(p => ByMode(reports.Where(r => r.Place == p), r => r.Mode))]));

        var bySite = reports.GroupBy(r => r.SiteId).Select(g => (Name: g.Key is { } id && sites.TryGetValue(id, out var n) ? n : "No site given", Count: g.Count()))
            .OrderBy(s => s.Name, StringComparer.CurrentCulture).ToList();
        tables.Add(MonitoringTable.Of("site", "Reports by site", "Site", [.. bySite.Select(s => s.Name)], ["Reports"], [.. bySite.Select(s => new[] { s.Count })]));

        tables.Add(MonitoringTable.Separate("involved", "Reports by who was involved", "Who", [.. CaseLabels.Parties.Select(p => p.Label())], "Reports",
            [.. CaseLabels.Parties.Select(p => reports.Count(r => r.Involved.HasFlag(p)))], reports.Count, "A report can name more than one, so these do not add up to the total."));

        var outcomes = Enum.GetValues<CaseOutcome>();
        tables.Add(MonitoringTable.Of("outcome", "Outcomes of the reports received in the period", "Outcome", [.. outcomes.Select(o => o.Label()), "No outcome yet"], ["Reports"],
            [.. outcomes.Select(o => new[] { reports.Count(r => r.Outcome == o) }), [reports.Count(r => r.Outcome is null)]]));

        var incidents = await db.ThirdPartyIncidents.AsNoTracking().Where(i => i.OccurredOn >= from && i.OccurredOn <= to)
            .Select(i => new { i.PartyType, i.Responses }).ToListAsync(ct);
        var kinds = Enum.GetValues<ThirdPartyType>();
        tables.Add(MonitoringTable.Of("third-party-kind", "Third-party incidents by who it was", "Who", [.. kinds.Select(k => k.Label())], ["Incidents"],
            [.. kinds.Select(k => new[] { incidents.Count(i => i.PartyType == k) })]));
        tables.Add(MonitoringTable.Separate("third-party-action", "Third-party incidents by action taken", "Action", [.. ThirdPartyLabels.Responses.Select(r => r.Label())], "Incidents",
            [.. ThirdPartyLabels.Responses.Select(r => incidents.Count(i => i.Responses.HasFlag(r)))], incidents.Count, "An incident can have more than one action, so these do not add up."));

        var timings = new List<Timing>
        {
            Time("Time to acknowledge", [.. reports.Where(r => r.AcknowledgedOn is not null).Select(r => r.AcknowledgedOn!.Value.DayNumber - r.ReceivedOn.DayNumber)]),
            Time("Time to close", [.. reports.Where(r => r.ClosedOn is not null).Select(r => r.ClosedOn!.Value.DayNumber - r.ReceivedOn.DayNumber)]),
        };
        // Sites with repeated reports, named only from the threshold up: a list from two would tell a site in the
        // table's "fewer than 5" had exactly one.
        var repeat = bySite.Where(s => s.Count >= SmallNumbers.Threshold && s.Name != "No site given").Select(s => s.Name).ToList();
        return new MonitoringReport(from, to, SmallNumbers.One(reports.Count), tables, timings, repeat);
    }

    private static Timing Time(string what, List<int> days)
    {
        if (days.Count < SmallNumbers.Threshold) return new(what, days.Count, null, null);
        days.Sort();
        return new(what, days.Count, days[(days.Count - 1) / 2], days[(int)Math.Ceiling(0.9 * days.Count) - 1]);
    }

    private static readonly System.Globalization.CultureInfo UkFormat = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The calendar quarters the period touches, each cut to the period.</summary>
    public static List<(string Label, DateOnly From, DateOnly To)> Quarters(DateOnly from, DateOnly to)
    {
        var list = new List<(string, DateOnly, DateOnly)>();
        var start = new DateOnly(from.Year, ((from.Month - 1) / 3 * 3) + 1, 1);
        for (var q = start; q <= to; q = q.AddMonths(3))
        {
            var end = q.AddMonths(3).AddDays(-1);
            list.Add(($"{q.ToString("MMM", UkFormat)} to {end.ToString("MMM yyyy", UkFormat)}", q < from ? from : q, end > to ? to : end));
        }
        return list;
    }
}
