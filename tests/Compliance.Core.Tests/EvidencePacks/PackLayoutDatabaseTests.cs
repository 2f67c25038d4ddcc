using System.Globalization;
using System.Text.RegularExpressions;
using Compliance.Core.EvidencePacks;
using Compliance.Core.Organisation;
using Compliance.Core.Tests.Scoring.Database;
using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Core.Tests.EvidencePacks;

/// <summary>
/// The pack read as a document, word by word with <c>pdftotext -bbox</c>, over every page of packs from three
/// histories (one with Welsh and Polish names, the longest Welsh place name and a long organisation name; one with
/// enough people for tables over several pages): no word outside the page's margins, every table header cell on one
/// line with no word broken, every date whole on its line, and the chart with its scale and axis labels.
/// </summary>
public sealed partial class PackLayoutDatabaseTests : IDisposable
{
    private const double Margin = 56;
    private readonly EvidenceDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private sealed record Word(int Page, double XMin, double YMin, double XMax, double YMax, string Text);

    [GeneratedRegex("""<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>""")]
    private static partial Regex BoxRegex();

    private static readonly HashSet<string> Months = [.. CultureInfo.GetCultureInfo("en-GB").DateTimeFormat.MonthNames.Where(m => m.Length > 0)];

    [Theory]
    [InlineData(1, false, false)]
    [InlineData(2, true, false)]
    [InlineData(3, true, true)]
    public async Task Every_page_keeps_its_words_in_the_margins_its_headers_and_dates_whole_and_the_chart_labelled(int seed, bool named, bool many)
    {
        var rows = GeneratedHistory.Rows(seed, _db.Today, _db.NowUtc, worldNames: seed > 1, people: many ? 90 : null);
        if (seed > 1)
        {
            rows.Insert(0, new Organisation.Organisation("Cymdeithas Tai Gogledd Cymru a Phowys Cyfyngedig (Przedsiębiorstwo Wielobranżowe Łódź)", Sector.Hospitality,
                SizeBand.VeryLarge, [Nation.Wales], _db.NowUtc));
        }
        await _db.AddAsync([.. rows]);
        var request = new EvidencePack(Guid.NewGuid(), new DateOnly(2025, 11, 17), new DateOnly(2026, 11, 16), named, null, "Dina Director", _db.NowUtc);
        var pack = await _db.PackBuilder().BuildAsync(request, _db.NowUtc, (_, _) => Task.CompletedTask, default);
        var (pdf, pages) = PackPdf.Render(pack);
        var path = Path.Combine(Path.GetTempPath(), $"layout-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        string boxes;
        try
        {
            var run = await Tool.RunAsync("pdftotext", "-bbox", path, "-");
            run.ExitCode.Should().Be(0, run.Errors);
            boxes = System.Net.WebUtility.HtmlDecode(run.Output);
        }
        finally
        {
            File.Delete(path);
        }

        var words = new List<Word>();
        var sizes = new List<(double Width, double Height)>();
        foreach (Match m in BoxRegex().Matches(boxes))
        {
            if (m.Groups[1].Success) sizes.Add((D(m.Groups[1].Value), D(m.Groups[2].Value)));
            else words.Add(new(sizes.Count, D(m.Groups[3].Value), D(m.Groups[4].Value), D(m.Groups[5].Value), D(m.Groups[6].Value), m.Groups[7].Value));
        }
        sizes.Should().HaveCount(pages);
        words.Select(w => w.Page).Distinct().Should().HaveCount(pages, "every page has words on it");
        if (seed > 1) words.Should().Contain(w => w.Text.Contains("Llanfairpwll", StringComparison.Ordinal));
        if (named) words.Should().Contain(w => w.Text == "Brzęczyszczykiewicz" || w.Text.StartsWith("Chrząszczewska", StringComparison.Ordinal));

        // No word outside the margins (the running header and footer sit in the top and bottom margins, within the sides).
        words.Where(w => !(w.XMin >= Margin - 0.5 && w.XMax <= sizes[w.Page - 1].Width - Margin + 0.5 && w.YMin >= 12 && w.YMax <= sizes[w.Page - 1].Height - 12))
            .Select(w => $"\"{w.Text}\" on page {w.Page} at x {w.XMin:F1} to {w.XMax:F1}, y {w.YMin:F1} to {w.YMax:F1}").ToList().Should().BeEmpty("every word is inside the margins");

        // Every table's header cells each on one line, their words whole and in order.
        var tables = new[] { pack.Summary }.Concat(pack.Chapters).Concat(pack.Annexes).SelectMany(s => s.Blocks.OfType<PackTable>()).ToList();
        tables.Should().NotBeEmpty();
        tables.SelectMany(t => t.Headers).Distinct().Where(header => !OnOneLine(words, header.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList()
            .Should().BeEmpty("every table header cell is on one line, its words whole");

        // Every date whole on its line: a day, its month and its year side by side wherever they follow one another.
        var dates = 0;
        var broken = new List<string>();
        for (var i = 1; i + 1 < words.Count; i++)
        {
            if (!Months.Contains(words[i].Text) || !Regex.IsMatch(words[i + 1].Text, @"^\d{4}") || !Regex.IsMatch(words[i - 1].Text, @"^\d{1,2}$")) continue;
            dates++;
            var (day, month, year) = (words[i - 1], words[i], words[i + 1]);
            if (!(day.Page == year.Page && Math.Abs(day.YMin - month.YMin) < 0.5 && Math.Abs(month.YMin - year.YMin) < 0.5)) broken.Add($"{day.Text} {month.Text} {year.Text} on page {day.Page} at y {day.YMin:F1}, {month.YMin:F1}, {year.YMin:F1}, x {day.XMin:F1}, {month.XMin:F1}, {year.XMin:F1}");
        }
        dates.Should().BeGreaterThan(20);
        broken.Should().BeEmpty("every date is whole on its line");

        // Every hash whole on its line, to be read and copied: no run of hex digits shorter than a SHA-256.
        var hashes = words.Where(w => Regex.IsMatch(w.Text, "^[0-9a-f]{16,}$")).ToList();
        hashes.Should().NotBeEmpty();
        hashes.Where(w => w.Text.Length != 64).Select(w => $"{w.Text} on page {w.Page}").ToList().Should().BeEmpty("every SHA-256 is printed whole");

        // Lists of people by surname, as a UK reader sorts them: "ap Dafydd" among the As, Ł after L, Ż after Z.
        if (named && seed > 1)
        {
            string[] order = ["ap Dafydd", "Brzęczyszczykiewicz", "Chrząszczewska", "Ffowc", "Llywelyn-Rhys", "Łukasiewicz", "Rhŷs-Puw", "Szczęśniak", "Ystradgynlais", "Żółkiewska"];
            var lists = pack.Chapters.SelectMany(c => c.Blocks.OfType<PackTable>()).Where(t => t.Headers.Contains("Name")).ToList();
            lists.Should().NotBeEmpty();
            foreach (var list in lists)
            {
                var listed = list.Rows.Select(r => Regex.Replace(r[1][(r[1].IndexOf(' ', StringComparison.Ordinal) + 1)..], @" \d+$", "")).ToList();
                listed.Distinct().Should().Equal(order.Where(listed.Contains), "people are listed by surname");
            }
        }

        // The chart of the position's movement: its scale, its first and last points and what the points are.
        var chartPage = words.First(w => w.Text == "moved").Page;
        var onChart = words.Where(w => w.Page == chartPage || w.Page == chartPage + 1).ToList();
        OnOneLine(onChart, "Score at each quarter end and on the last day of the period".Split(' ')).Should().BeTrue("the chart's axis says what its points are");
        onChart.Count(w => w.Text == "100").Should().BeGreaterThanOrEqualTo(8, "each step's row has its scale");
        OnOneLine(onChart, UkDates.Long(PackBuilder.QuarterPoints(request.PeriodFrom, request.PeriodTo)[0]).Split(' ')).Should().BeTrue("the first point is labelled");
    }

    /// <summary>Whether the words appear side by side on one line of one page, each the next to the right of the one before.</summary>
    private static bool OnOneLine(IReadOnlyList<Word> words, IReadOnlyList<string> cell)
    {
        foreach (var start in words.Where(w => w.Text == cell[0]))
        {
            var last = start;
            var whole = true;
            foreach (var next in cell.Skip(1))
            {
                var found = words.FirstOrDefault(w => w.Page == last.Page && w.Text == next && Math.Abs(w.YMin - last.YMin) < 0.5 && w.XMin > last.XMax - 0.5 && w.XMin - last.XMax < 8);
                if (found is null)
                {
                    whole = false;
                    break;
                }
                last = found;
            }
            if (whole) return true;
        }
        return false;
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
