using PdfSharp.Drawing;
using PdfSharp.UniversalAccessibility;

namespace Compliance.Core.Documents;

public sealed partial class PdfLayout
{
    private const double CellPadding = 3;

    /// <summary>
    /// A table: a bold header row, then the rows, each cell wrapped within its column (widths are shares of the page
    /// width). A row that fits on a page is never split; when the next one does not fit, the table goes on over the
    /// page with its header row drawn again, so every page of it reads on its own. A row taller than a whole page
    /// (a long description) is split over pages rather than cut.
    /// </summary>
    /// <param name="mono">Columns set in the fixed-width face, a size smaller: hashes, which must stay on one line to be copied.</param>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> shares, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyCollection<int>? mono = null, double size = 8.5)
    {
        var total = shares.Sum();
        var widths = shares.Select(s => Width * s / total).ToArray();
        var regular = new XFont(PdfFonts.Sans, size, XFontStyleEx.Regular);
        var bold = new XFont(PdfFonts.Sans, size, XFontStyleEx.Bold);
        var all = rows as IReadOnlyList<IReadOnlyList<string>> ?? [.. rows];
        rows = all;
        HeadersOnOneLine(headers, widths, bold, regular, all, mono);
        var fixedWidth = new XFont(PdfFonts.Mono, size - 1.5, XFontStyleEx.Regular);
        var fonts = widths.Select((_, i) => mono?.Contains(i) == true ? fixedWidth : regular).ToArray();
        var headerLines = Lines(headers, widths, bold);
        var any = false;
        _tags?.BeginElement(PdfBlockLevelElementTag.Table);
        var headerHeight = RowHeight(headerLines, bold);
        var oneLine = regular.Size * 1.3 + 2 * CellPadding;
        foreach (var row in rows)
        {
            var lines = Lines(row, widths, fonts);
            while (true)
            {
                var height = RowHeight(lines, regular);
                // A row goes whole to the next page when it fits on one; a row taller than a page is split over pages.
                var splits = height > Bottom - Margin - headerHeight;
                if (!any || _y + (splits ? oneLine : height) > Bottom)
                {
                    if (any || _y + headerHeight + (splits ? oneLine : height) > Bottom) NewPage();
                    DrawRow(headerLines, widths, bold, shade: true);
                    any = true;
                }
                if (_y + height <= Bottom)
                {
                    DrawRow(lines, widths, fonts, shade: false);
                    break;
                }
                var fit = Math.Max(1, (int)((Bottom - _y - 2 * CellPadding) / (regular.Size * 1.3)));
                DrawRow([.. lines.Select(l => l.Take(fit).ToList())], widths, fonts, shade: false);
                lines = [.. lines.Select(l => l.Skip(fit).ToList())];
                NewPage();
                DrawRow(headerLines, widths, bold, shade: true);
            }
        }
        if (!any)
        {
            EnsureRoom(RowHeight(headerLines, bold) * 2);
            DrawRow(headerLines, widths, bold, shade: true);
            DrawRow(Lines(["None."], [Width], regular), [Width], regular, shade: false);
        }
        _tags?.End();
        Space(size);
    }

    /// <summary>
    /// A chart of scores from 0 to 100: one row per series with its scale (0 and 100) beside it, one bar per point
    /// with its value above it, and a dash where a value is not a score ("not given", or withheld), said so in the key
    /// beneath, never an empty bar; the first and last points are labelled on the axis. The same figures are always
    /// printed in a table beside it, for anyone who cannot read a chart.
    /// </summary>
    public void BarChart(IReadOnlyList<string> pointLabels, IReadOnlyList<(string Name, IReadOnlyList<string> Values)> series, string axis)
    {
        const double labelWidth = 140, scaleWidth = 18, barTop = 9;
        var font = new XFont(PdfFonts.Sans, 7.5, XFontStyleEx.Regular);
        var small = new XFont(PdfFonts.Sans, 6, XFontStyleEx.Regular);
        var height = ChartHeight(series.Count) - 10;
        EnsureRoom(height + 10);
        _tags?.BeginElement(PdfIllustrationElementTag.Figure, "Bar chart of each step's score from 0 to 100 at each point; the same figures are in the table that follows.",
            new XRect(Margin, _y, Width, height));
        var plotLeft = Margin + labelWidth + scaleWidth;
        var plot = Margin + Width - plotLeft;
        var step = pointLabels.Count == 0 ? plot : plot / pointLabels.Count;
        var dashes = false;
        foreach (var (name, values) in series)
        {
            var baseline = _y + ChartRowHeight - 2;
            var full = ChartRowHeight - 2 - barTop;
            _gfx!.DrawString(name, font, XBrushes.Black, new XRect(Margin, _y, labelWidth - 6, ChartRowHeight), XStringFormats.CenterLeft);
            // The scale: 0 at the baseline, 100 at the top of a full bar, with a faint line at 100.
            _gfx.DrawString("100", small, XBrushes.Black, new XRect(Margin + labelWidth, baseline - full - 3, scaleWidth - 3, 6), XStringFormats.TopRight);
            _gfx.DrawString("0", small, XBrushes.Black, new XRect(Margin + labelWidth, baseline - 6, scaleWidth - 3, 6), XStringFormats.TopRight);
            _gfx.DrawLine(new XPen(XColors.LightGray, 0.3), plotLeft, baseline - full, Margin + Width, baseline - full);
            _gfx.DrawLine(new XPen(XColors.Gray, 0.4), plotLeft, baseline, Margin + Width, baseline);
            _gfx.DrawLine(new XPen(XColors.Gray, 0.4), plotLeft, baseline - full, plotLeft, baseline);
            for (var i = 0; i < values.Count; i++)
            {
                var x = plotLeft + i * step;
                if (!int.TryParse(values[i], out var value))
                {
                    dashes = true;
                    _gfx.DrawString("–", font, XBrushes.Black, new XRect(x, baseline - 9, step, 8), XStringFormats.TopCenter);
                    continue;
                }
                var h = full * Math.Clamp(value, 0, 100) / 100.0;
                _gfx.DrawRectangle(XBrushes.DimGray, x + 1, baseline - h, Math.Max(step - 2, 1), h);
                _gfx.DrawString(value.ToString(System.Globalization.CultureInfo.InvariantCulture), small, XBrushes.Black, new XRect(x, baseline - h - 7, step, 6), XStringFormats.TopCenter);
            }
            _y += ChartRowHeight;
        }
        if (pointLabels.Count > 0)
        {
            _gfx!.DrawString(pointLabels[0], font, XBrushes.Black, new XPoint(plotLeft, _y + 9));
            var last = pointLabels[^1];
            _gfx.DrawString(last, font, XBrushes.Black, new XPoint(Margin + Width - _gfx.MeasureString(last, font).Width, _y + 9));
        }
        _gfx!.DrawString(axis, font, XBrushes.Black, new XRect(plotLeft, _y + 12, plot, 10), XStringFormats.TopCenter);
        if (dashes) _gfx.DrawString("–  not given (the table below says why)", font, XBrushes.Black, new XPoint(Margin, _y + 30));
        _tags?.End();
        _y += 40;
        Space(8);
    }

    /// <summary>
    /// Widens each column whose header, or a date in it, would not fit on one line, taking the room from the columns
    /// with some to spare beyond their own longest word (never from a fixed-width column, whose hashes must stay
    /// whole), when there is room enough.
    /// </summary>
    private void HeadersOnOneLine(IReadOnlyList<string> headers, double[] widths, XFont bold, XFont regular, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyCollection<int>? mono)
    {
        double Measure(string text, XFont font) => _gfx!.MeasureString(Printable(text), font).Width + 2 * CellPadding + 0.5;
        double Widest(int i, Func<string, string> unit) => rows.Select(r => i < r.Count ? unit(r[i]) : "").Where(u => u.Length > 0).Distinct()
            .Select(u => Measure(u, regular)).DefaultIfEmpty(0).Max();
        var need = widths.Select((_, i) => Math.Max(i < headers.Count ? Measure(headers[i], bold) : 0, Widest(i, c => DateInText().Match(c).Value))).ToArray();
        var deficit = widths.Select((w, i) => Math.Max(0, need[i] - w)).Sum();
        if (deficit <= 0) return;
        var least = widths.Select((_, i) => Widest(i, Longest)).ToArray();
        var slack = widths.Select((w, i) => mono?.Contains(i) == true ? 0 : Math.Max(0, w - Math.Max(need[i], least[i]))).ToArray();
        var spare = slack.Sum();
        if (spare < deficit) return;
        for (var i = 0; i < widths.Length; i++) widths[i] = widths[i] < need[i] ? need[i] : widths[i] - deficit * slack[i] / spare;
    }

    /// <summary>The longest unit the wrapping keeps whole in a cell: a date, or else its longest word (by letters).</summary>
    private static string Longest(string cell)
    {
        var date = DateInText().Match(cell);
        var word = cell.Split(' ').MaxBy(w => w.Length) ?? "";
        return date.Success && date.Value.Length > word.Length ? date.Value : word;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b")]
    private static partial System.Text.RegularExpressions.Regex DateInText();

    private const double ChartRowHeight = 30;

    /// <summary>The height a chart of <paramref name="series"/> rows takes, with its axis and key: what a heading before it keeps room for.</summary>
    public static double ChartHeight(int series) => ChartRowHeight * series + 50;

    /// <summary>Starts a new page unless <paramref name="height"/> points are left on this one: a heading and what must follow it stay together.</summary>
    public void KeepRoom(double height) => EnsureRoom(height);

    private double Bottom => _page!.Height.Point - Margin - FooterSpace;

    private List<string>[] Lines(IReadOnlyList<string> cells, double[] widths, XFont font) => Lines(cells, widths, widths.Select(_ => font).ToArray());

    private List<string>[] Lines(IReadOnlyList<string> cells, double[] widths, XFont[] fonts) =>
        widths.Select((w, i) => Lines(i < cells.Count ? cells[i] : "", fonts[i], w - 2 * CellPadding)).ToArray();

    private static double RowHeight(List<string>[] lines, XFont font) => lines.Max(l => l.Count) * font.Size * 1.3 + 2 * CellPadding;

    private void DrawRow(List<string>[] lines, double[] widths, XFont font, bool shade) => DrawRow(lines, widths, widths.Select(_ => font).ToArray(), shade);

    /// <summary>A row's height follows its first column's font: the body face sets the line spacing for all its cells.</summary>
    private void DrawRow(List<string>[] lines, double[] widths, XFont[] fonts, bool shade)
    {
        var font = fonts[0];
        var height = RowHeight(lines, font);
        var x = Margin;
        if (shade)
        {
            _tags?.BeginArtifact();
            _gfx!.DrawRectangle(XBrushes.Gainsboro, Margin, _y, Width, height);
            _tags?.End();
        }
        _tags?.BeginElement(PdfBlockLevelElementTag.TableRow);
        for (var i = 0; i < widths.Length; i++)
        {
            _tags?.BeginElement(shade ? PdfBlockLevelElementTag.TableHeaderCell : PdfBlockLevelElementTag.TableDataCell);
            var y = _y + CellPadding;
            foreach (var line in lines[i])
            {
                if (!_countOnly) _gfx!.DrawString(line, fonts[i], XBrushes.Black, new XRect(x + CellPadding, y, widths[i] - 2 * CellPadding, font.Size * 1.3), XStringFormats.TopLeft);
                y += font.Size * 1.3;
            }
            _tags?.End();
            x += widths[i];
        }
        _tags?.End();
        _tags?.BeginArtifact();
        _gfx!.DrawLine(new XPen(XColors.Gray, 0.3), Margin, _y + height, Margin + Width, _y + height);
        _tags?.End();
        _y += height;
    }
}
