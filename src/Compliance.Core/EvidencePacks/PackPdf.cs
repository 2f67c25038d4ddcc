using Compliance.Core.Documents;
using Compliance.Core.Scoring;

namespace Compliance.Core.EvidencePacks;

/// <summary>
/// Lays a pack out as a PDF: a cover, the summary, a chapter per step and the annexes, each a bookmark; the running
/// header names the organisation and period (and the edition), the footer the pack's id and "page X of Y". The
/// document's metadata holds the title and period only, never a person's name.
/// </summary>
public static class PackPdf
{
    /// <summary>The pack's PDF, signed with <paramref name="signer"/> when one is given.</summary>
    public static (byte[] Pdf, int Pages) Render(PackContent pack, PdfSigner? signer = null)
    {
        // Laid out twice: once to count the pages, then tagged for screen readers with "page X of Y" drawn as each page starts.
        var counted = Lay(pack, null, null);
        var layout = Lay(pack, counted.PageCount, counted);
        var bytes = layout.Finish(signer);
        return (bytes, layout.PageCount);
    }

    private static PdfLayout Lay(PackContent pack, int? pages, PdfLayout? counted)
    {
        var title = $"Evidence pack: reasonable steps to prevent sexual harassment, {pack.Period}";
        var layout = new PdfLayout(title, $"Pack {pack.PackId}", pack.GeneratedAtUtc, $"{pack.Organisation} · {pack.Period} · {pack.Edition}",
            tagged: pages is not null, pages, countOnly: pages is null, after: counted);
        Cover(layout, pack);
        layout.PageBreak();
        Section(layout, pack.Summary);
        foreach (var chapter in pack.Chapters)
        {
            layout.PageBreak();
            Section(layout, chapter);
        }
        foreach (var annex in pack.Annexes)
        {
            layout.PageBreak();
            Section(layout, annex);
        }
        return layout;
    }

    private static void Cover(PdfLayout layout, PackContent pack)
    {
        layout.Heading("Evidence pack", 26, bookmark: 0);
        layout.Paragraph("Reasonable steps to prevent sexual harassment at work (Equality Act 2010, section 40A)", 13);
        layout.Rule();
        layout.Field("Organisation", pack.Organisation);
        layout.Field("Period", pack.Period);
        layout.Field("Generated", UkDates.Long(pack.GeneratedAtUtc) + " (UK time)");
        layout.Field("Edition", pack.Named ? pack.Edition : "Anonymised: no reporter's identity, no word of any case and no names of people in cases; counts from 1 to 4 are shown as \"fewer than 5\".");
        layout.Field("The legal standard during the period", string.Join("\n", pack.Standards));
        layout.Field("Pack id", pack.PackId.ToString(), mono: true);
        if (pack.RecordsSha256 is { } records) layout.Field("Records ZIP (SHA-256)", records, mono: true);
        layout.Field("Signed with the installation's key: certificate SHA-256 (Annex C says how to check)",
            pack.SigningCertificate is { } certificate ? PdfSigner.Fingerprint(certificate) : "Not signed: the signing key could not be read", mono: pack.SigningCertificate is not null);
        layout.Rule();
        layout.Paragraph("The pack is laid out by the eight steps in the Equality and Human Rights Commission's guidance. Each chapter lists the dated records behind it, with "
            + "identifiers and hashes, and names the gaps in words. The SHA-256 of this file, and of the records ZIP made with it, is written to the app's audit trail when it is made: see Annex C for how to check either.", 9.5);
    }

    private static void Section(PdfLayout layout, PackSection section)
    {
        layout.Heading(section.Title, 18, bookmark: 0);
        for (var i = 0; i < section.Blocks.Count; i++)
        {
            switch (section.Blocks[i])
            {
                case PackSubheading h:
                    // A heading over a chart goes to the next page with it rather than be left at the foot of this one.
                    if (i + 1 < section.Blocks.Count && section.Blocks[i + 1] is PackChart next) layout.KeepRoom(12.5 * 2.25 + PdfLayout.ChartHeight(next.Series.Count));
                    layout.Heading(h.Text, 12.5, bookmark: 1);
                    break;
                case PackText t:
                    layout.Paragraph(t.Text, t.Mono ? 8 : 9.5, bold: t.Bold, mono: t.Mono);
                    break;
                case PackTable t:
                    layout.Table(t.Headers, t.Shares, t.Rows, t.Mono);
                    break;
                case PackChart chart:
                    layout.BarChart(chart.Points, chart.Series, chart.Axis);
                    break;
            }
        }
        if (section.Title.StartsWith("Step", StringComparison.Ordinal))
        {
            layout.Heading("Gaps", 12.5, bookmark: 1);
            if (section.Gaps.Count == 0) layout.Paragraph("No gap was found in the evidence for this step in the period.", 9.5);
            foreach (var gap in section.Gaps) layout.Paragraph("• " + gap, 9.5);
        }
    }
}
