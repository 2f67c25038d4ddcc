using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace Compliance.Core.Documents;

/// <summary>
/// A small layout layer over PDFsharp for plain documents: headings (with bookmarks, if asked), wrapped paragraphs,
/// label and value lines, tables whose header row is repeated on each page (PdfLayout.Tables.cs), page breaks when a
/// page is full, an optional running header and a running footer with "page X of Y". A4, black on white, embedded
/// fonts, British English as the document's language, uncompressed so that any PDF tool can check and read it.
/// </summary>
public sealed partial class PdfLayout
{
    private const double Margin = 56;  // about 2 cm
    private const double FooterSpace = 36;
    private readonly PdfDocument _document = new();
    private readonly string _footer;
    private readonly string? _header;
    private PdfOutline? _chapter;

    /// <summary>With tagging: the structure (headings, paragraphs, tables, figures) a screen reader follows.</summary>
    private readonly StructureBuilder? _tags;

    /// <summary>For a tagged document: how many pages it has (from laying it out once untagged).</summary>
    private readonly int? _knownPages;
    private readonly bool _countOnly;

    /// <summary>Text already broken into lines, by font and width: the second pass of a tagged document breaks nothing again.</summary>
    private readonly Dictionary<(string Text, string Family, double Size, XFontStyleEx Style, double Width), List<string>> _lines;
    private XGraphics? _gfx;
    private PdfPage? _page;
    private double _y;

    /// <param name="tagged">Tag the structure for screen readers; needs <paramref name="pages"/>.</param>
    /// <param name="pages">The page count, known from laying the same content out once untagged.</param>
    /// <param name="countOnly">Lay out without drawing the text, only to count the pages.</param>
    /// <param name="after">A count-only layout of the same content, whose line breaks are used again.</param>
    public PdfLayout(string title, string footer, DateTime createdUtc, string? header = null, bool tagged = false, int? pages = null, bool countOnly = false, PdfLayout? after = null)
    {
        _countOnly = countOnly;
        _lines = after?._lines ?? [];
        PdfFonts.EnsureInstalled();
        _footer = footer;
        _header = header;
        _document.Info.Title = title;
        _document.Language = "en-GB";
        _document.ViewerPreferences.DisplayDocTitle = true;
        _document.Info.Creator = "Harassment prevention records";
        _document.Info.CreationDate = createdUtc;
        _document.Options.NoCompression = true;
        _document.Options.CompressContentStreams = false;
        if (pages is null && tagged) throw new ArgumentException("A tagged document is laid out knowing its page count.", nameof(pages));
        _knownPages = pages;
        if (tagged)
        {
            var ua = UAManager.ForDocument(_document);
            ua.SetDocumentLanguage("en-GB");
            _tags = ua.StructureBuilder;
        }
        NewPage();
    }

    /// <summary>Runs <paramref name="draw"/> inside a structure element of <paramref name="tag"/> when tagging.</summary>
    private void Tagged(PdfBlockLevelElementTag tag, Action draw)
    {
        _tags?.BeginElement(tag);
        draw();
        _tags?.End();
    }

    private double Width => _page!.Width.Point - 2 * Margin;

    /// <summary>The number of pages so far (all of them, once <see cref="Finish"/> has run).</summary>
    public int PageCount => _pages ?? _document.PageCount;

    private int? _pages;

    /// <summary>A heading; with <paramref name="bookmark"/>, also an entry in the outline (level 0 a chapter, 1 within the last chapter).</summary>
    public void Heading(string text, double size = 16, int? bookmark = null)
    {
        Space(size * 0.6);
        var font = new XFont(PdfFonts.Sans, size, XFontStyleEx.Bold);
        EnsureRoom(font.Size * 1.35 + 40);
        if (bookmark == 0 || (bookmark == 1 && _chapter is null)) _chapter = _document.Outlines.Add(text, _page!, true);
        else if (bookmark == 1) _chapter!.Outlines.Add(text, _page!, false);
        Tagged(size >= 16 ? PdfBlockLevelElementTag.Heading1 : PdfBlockLevelElementTag.Heading2, () => Write(text, font, keepWithNext: 40));
        Space(size * 0.3);
    }

    public void Paragraph(string text, double size = 10, bool bold = false, bool mono = false)
    {
        var font = new XFont(mono ? PdfFonts.Mono : PdfFonts.Sans, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
        foreach (var line in text.Replace("\r", "").Split('\n')) Tagged(PdfBlockLevelElementTag.Paragraph, () => Write(line, font));
        Space(size * 0.5);
    }

    /// <summary>"Label: value" with the label in bold, the value wrapped beneath it when long.</summary>
    public void Field(string label, string? value, bool mono = false)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        Tagged(PdfBlockLevelElementTag.Paragraph, () => Write(label, new XFont(PdfFonts.Sans, 9, XFontStyleEx.Bold), keepWithNext: 24));
        Paragraph(value, 10, mono: mono);
    }

    public void Rule()
    {
        EnsureRoom(10);
        _tags?.BeginArtifact();
        _gfx!.DrawLine(new XPen(XColors.Black, 0.5), Margin, _y, Margin + Width, _y);
        _tags?.End();
        Space(8);
    }

    /// <summary>Attaches a file inside the PDF (for example the exact content a hash was taken of).</summary>
    public void Attach(string name, byte[] content) => _document.AddEmbeddedFile(name, new MemoryStream(content));

    /// <summary>The finished file; signed as it is saved when a <paramref name="signer"/> is given.</summary>
    public byte[] Finish(PdfSigner? signer = null)
    {
        _gfx?.Dispose();
        var count = _document.PageCount;
        if (_knownPages is { } known && known != count)
            throw new InvalidOperationException($"The document was laid out to {count} pages, not the {known} its footers give.");
        if (_knownPages is null)
        {
            for (var i = 0; i < count; i++)
            {
                using var gfx = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
                Furniture(gfx, _document.Pages[i], i + 1, count);
            }
        }
        _pages = count;
        signer?.Prepare(_document);
        using var stream = new MemoryStream();
        _document.Save(stream, false);
        return signer is null ? stream.ToArray() : PdfSigner.Finish(stream.ToArray());
    }

    /// <summary>
    /// The running header within the page's width: when it is too long, its first part (the organisation's name) is
    /// shortened with an ellipsis, so that what follows (the period, the edition) is always there in full.
    /// </summary>
    private static string Fitted(XGraphics gfx, string header, XFont font, double width)
    {
        if (gfx.MeasureString(header, font).Width <= width) return header;
        var split = header.IndexOf(" · ", StringComparison.Ordinal);
        var (first, rest) = split > 0 ? (header[..split], header[split..]) : (header, "");
        for (var keep = first.Length - 1; keep > 0; keep--)
        {
            var shortened = first[..keep].TrimEnd() + "…" + rest;
            if (gfx.MeasureString(shortened, font).Width <= width) return shortened;
        }
        return rest.TrimStart(' ', '·');
    }

    /// <summary>
    /// A page's running header and footer: page furniture, which a screen reader skips. With tagging a page cannot
    /// be drawn on once the next has begun, so a tagged document is laid out knowing its page count, and each page's
    /// furniture is drawn as the page starts; otherwise it is drawn on every page at the end.
    /// </summary>
    private void Furniture(XGraphics gfx, PdfPage page, int number, int of)
    {
        var font = new XFont(PdfFonts.Sans, 8, XFontStyleEx.Regular);
        _tags?.BeginArtifact();
        if (_header is not null && number > 1)
        {
            gfx.DrawString(Fitted(gfx, Printable(_header), font, page.Width.Point - 2 * Margin), font, XBrushes.Black, new XPoint(Margin, Margin / 2));
            gfx.DrawLine(new XPen(XColors.Black, 0.3), Margin, Margin / 2 + 4, page.Width.Point - Margin, Margin / 2 + 4);
        }
        var y = page.Height.Point - Margin / 2 - 8;
        gfx.DrawString(_footer, font, XBrushes.Black, new XPoint(Margin, y));
        var text = $"Page {number} of {of}";
        gfx.DrawString(text, font, XBrushes.Black, new XPoint(page.Width.Point - Margin - gfx.MeasureString(text, font).Width, y));
        _tags?.End();
    }

    /// <summary>Starts a new page (a letter per person, say).</summary>
    public void PageBreak() => NewPage();

    private void NewPage()
    {
        // With tagging, adding a page closes the marked content open on the last one, which needs its graphics still.
        var last = _gfx;
        _page = _document.AddPage();
        last?.Dispose();
        _page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = Margin;
        if (_knownPages is { } of) Furniture(_gfx, _page, _document.PageCount, of);
    }

    private void Space(double points) => _y += points;

    private void EnsureRoom(double height)
    {
        if (_y + height > Bottom) NewPage();
    }

    /// <summary>Writes text wrapped to the page width, word by word (a word longer than a line is broken).</summary>
    private void Write(string text, XFont font, double keepWithNext = 0)
    {
        var lineHeight = font.Size * 1.35;
        EnsureRoom(lineHeight + keepWithNext);
        foreach (var line in Lines(text, font, Width))
        {
            EnsureRoom(lineHeight);
            if (!_countOnly) _gfx!.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, Width, lineHeight), XStringFormats.TopLeft);
            _y += lineHeight;
        }
    }

    private List<string> Lines(string text, XFont font, double width)
    {
        text = Printable(text);
        var key = (text, font.FontFamily.Name, font.Size, font.Style, width);
        if (!_lines.TryGetValue(key, out var lines)) _lines[key] = lines = [.. Wrap(text, font, width)];
        return lines;
    }

    /// <summary>
    /// The text with every character beyond the fonts' reach (emoji and the rest outside the Basic Multilingual Plane)
    /// shown as "?": the fonts have no glyph for them, and a run of missing glyphs can lose the words after it.
    /// </summary>
    public static string Printable(string text)
    {
        if (!text.Any(char.IsSurrogate)) return text;
        var b = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i])) b.Append(text[i]);
            else if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                b.Append('?');
                i++;
            }
            else b.Append('?');
        }
        return b.ToString();
    }

    private static readonly HashSet<string> Months = [.. System.Globalization.CultureInfo.GetCultureInfo("en-GB").DateTimeFormat.MonthNames.Where(m => m.Length > 0)];

    /// <summary>
    /// The words to wrap, with each date ("7 June 2026", whatever follows the year) made one unit when it fits on a
    /// line, so that a date never breaks inside.
    /// </summary>
    private IEnumerable<string> Units(string[] words, XFont font, double width)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (i + 2 < words.Length && words[i].Length is 1 or 2 && words[i].All(char.IsAsciiDigit) && Months.Contains(words[i + 1])
                && words[i + 2].Length >= 4 && words[i + 2][..4].All(char.IsAsciiDigit))
            {
                var date = $"{words[i]} {words[i + 1]} {words[i + 2]}";
                if (_gfx!.MeasureString(date, font).Width <= width)
                {
                    yield return date;
                    i += 2;
                    continue;
                }
            }
            yield return words[i];
        }
    }

    private IEnumerable<string> Wrap(string text, XFont font, double? within = null)
    {
        var width = within ?? Width;
        if (text.Length == 0)
        {
            yield return "";
            yield break;
        }
        // Each word is measured once and lines are built from the sums (the fonts are not kerned, so a line's width
        // is its words' and spaces' widths added up): a page of tables is laid out without measuring every prefix.
        var space = _gfx!.MeasureString(" ", font).Width;
        var line = "";
        var lineWidth = 0.0;
        foreach (var word in Units(text.Split(' '), font, width))
        {
            var wordWidth = _gfx.MeasureString(word, font).Width;
            var candidate = line.Length == 0 ? wordWidth : lineWidth + space + wordWidth;
            if (candidate <= width)
            {
                line = line.Length == 0 ? word : line + " " + word;
                lineWidth = candidate;
                continue;
            }
            if (line.Length > 0) yield return line;
            line = word;
            lineWidth = wordWidth;
            while (lineWidth > width && line.Length > 1)
            {
                // The longest start of the word that fits, found by halving; never between the halves of a surrogate pair.
                int low = 1, high = line.Length - 1;
                while (low < high)
                {
                    var mid = (low + high + 1) / 2;
                    if (_gfx.MeasureString(line[..mid], font).Width <= width) low = mid;
                    else high = mid - 1;
                }
                var cut = low > 1 && char.IsHighSurrogate(line[low - 1]) ? low - 1 : low;
                yield return line[..cut];
                line = line[cut..];
                lineWidth = _gfx.MeasureString(line, font).Width;
            }
        }
        if (line.Length > 0) yield return line;
    }
}
