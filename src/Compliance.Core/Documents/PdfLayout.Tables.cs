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
    /// A chart of scores from 0 to 100: one row per series, one bar per point, with the first and last labels
    /// beneath. The same figures are always printed in a table beside it, for anyone who cannot read a chart.
    /// </summary>
    public void BarChart(IReadOnlyList<string> pointLabels, IReadOnlyList<(string Name, IReadOnlyList<int> Values)> series)
    {
        const double rowHeight = 22, labelWidth = 150;
        var font = new XFont(PdfFonts.Sans, 7.5, XFontStyleEx.Regular);
        EnsureRoom(rowHeight * (series.Count + 1) + 10);
        _tags?.BeginElement(PdfIllustrationElementTag.Figure, "Bar chart of each step's score at each point; the same figures are in the table that follows.",
            new XRect(Margin, _y, Width, rowHeight * (series.Count + 1)));
        var plot = Width - labelWidth;
        var step = pointLabels.Count == 0 ? plot : plot / pointLabels.Count;
        foreach (var (name, values) in series)
        {
            _gfx!.DrawString(name, font, XBrushes.Black, new XRect(Margin, _y, labelWidth - 6, rowHeight), XStringFormats.CenterLeft);
            _gfx.DrawLine(new XPen(XColors.Gray, 0.3), Margin + labelWidth, _y + rowHeight - 2, Margin + Width, _y + rowHeight - 2);
            for (var i = 0; i < values.Count; i++)
            {
                var h = (rowHeight - 4) * Math.Clamp(values[i], 0, 100) / 100.0;
                _gfx.DrawRectangle(XBrushes.DimGray, Margin + labelWidth + i * step + 1, _y + rowHeight - 2 - h, Math.Max(step - 2, 1), h);
            }
            _y += rowHeight;
        }
        if (pointLabels.Count > 0)
        {
            _gfx!.DrawString(pointLabels[0], font, XBrushes.Black, new XPoint(Margin + labelWidth, _y + 9));
            var last = pointLabels[^1];
            _gfx.DrawString(last, font, XBrushes.Black, new XPoint(Margin + Width - _gfx.MeasureString(last, font).Width, _y + 9));
        }
        _tags?.End();
        Space(18);
    }

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
