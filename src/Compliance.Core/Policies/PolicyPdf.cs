using System.Text;
using Compliance.Core.Documents;
using Markdig.Syntax;

namespace Compliance.Core.Policies;

/// <summary>
/// A published version as a PDF: the text, its version, approval and SHA-256, and the frozen Markdown attached,
/// so anyone can check from the PDF alone that it is the text as approved (pdfdetach, then sha256sum).
/// </summary>
public static class PolicyPdf
{
    public static string AttachmentName(string slug, int number) => $"{slug}-version-{number}.md";

    public static byte[] Render(string organisation, Policy policy, PolicyVersion version)
    {
        if (version.ContentHash is null || version.PublishedAtUtc is null) throw new InvalidOperationException("Only a published version has a PDF.");
        var pdf = new PdfLayout($"{policy.Title}, version {version.Number}",
            $"{organisation} · {policy.Title} · version {version.Number} · SHA-256 {version.ContentHash[..16]}…", version.PublishedAtUtc.Value);
        pdf.Paragraph(organisation, 10, bold: true);
        pdf.Field("Version", $"{version.Number}, in force from {UkDates.Long(version.EffectiveOn)}");
        pdf.Field("Approved", $"by {version.ApprovedByName} on {UkDates.Long(version.ApprovedAtUtc!.Value)} (UK time)");
        pdf.Field("SHA-256 of the text", version.ContentHash, mono: true);
        pdf.Paragraph($"The text is attached to this PDF as {AttachmentName(policy.Slug, version.Number)}; its SHA-256 is the value above.", 9);
        pdf.Rule();
        foreach (var block in PolicyMarkdown.Parse(version.Text)) Write(pdf, block, "");
        pdf.Attach(AttachmentName(policy.Slug, version.Number), Encoding.UTF8.GetBytes(version.Text));
        return pdf.Finish();
    }

    private static void Write(PdfLayout pdf, Block block, string bullet)
    {
        switch (block)
        {
            case HeadingBlock h:
                pdf.Heading(PolicyMarkdown.PlainText(h.Inline), h.Level switch { 1 => 18, 2 => 14, _ => 12 });
                break;
            case ParagraphBlock p:
                pdf.Paragraph(bullet + PolicyMarkdown.PlainText(p.Inline), 10);
                break;
            case ListBlock list:
                var n = 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var mark = list.IsOrdered ? $"{n++}. " : "• ";
                    foreach (var child in item) Write(pdf, child, mark);
                }
                break;
            case ContainerBlock container:
                foreach (var child in container) Write(pdf, child, bullet);
                break;
        }
    }
}
