using System.Net;
using System.Text;

namespace Compliance.Core.EvidencePacks;

/// <summary>
/// The pack as one HTML page, with the same content as the PDF: headings, paragraphs, tables and the chart's figures
/// as a table. For a reader who wants it on screen (a screen reader reads it more easily than a PDF), and so that
/// the PDF's speed can be compared with a browser printing the same content.
/// </summary>
public static class PackHtml
{
    public static string Render(PackContent pack)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>")
            .Append(E($"Evidence pack: {pack.Organisation}, {pack.Period}")).Append("</title><style>")
            .Append("@page{size:A4;margin:2cm}body{font-family:'DejaVu Sans',sans-serif;font-size:9.5pt}table{border-collapse:collapse;width:100%;margin:0 0 1em}")
            .Append("th,td{border-bottom:1px solid #999;padding:3px;text-align:left;vertical-align:top;font-size:8.5pt}thead{display:table-header-group}tr{break-inside:avoid}")
            .Append("section{break-before:page}code{font-family:'DejaVu Sans Mono',monospace;font-size:7pt}</style></head><body>");
        h.Append("<header><h1>Evidence pack</h1><p>").Append(E(pack.Organisation)).Append(" · ").Append(E(pack.Period)).Append(" · ").Append(E(pack.Edition)).Append("</p><dl>");
        h.Append("<dt>Generated</dt><dd>").Append(E(UkDates.Long(pack.GeneratedAtUtc))).Append("</dd>");
        h.Append("<dt>The legal standard during the period</dt>");
        foreach (var s in pack.Standards) h.Append("<dd>").Append(E(s)).Append("</dd>");
        h.Append("<dt>Pack id</dt><dd>").Append(pack.PackId).Append("</dd>");
        if (pack.RecordsSha256 is { } records) h.Append("<dt>Records ZIP (SHA-256)</dt><dd><code>").Append(records).Append("</code></dd>");
        h.Append("</dl></header>");
        foreach (var section in new[] { pack.Summary }.Concat(pack.Chapters).Concat(pack.Annexes)) Section(h, section);
        return h.Append("</body></html>").ToString();
    }

    private static void Section(StringBuilder h, PackSection section)
    {
        h.Append("<section><h2>").Append(E(section.Title)).Append("</h2>");
        foreach (var block in section.Blocks)
        {
            switch (block)
            {
                case PackSubheading s:
                    h.Append("<h3>").Append(E(s.Text)).Append("</h3>");
                    break;
                case PackText t:
                    h.Append(t.Bold ? "<p><strong>" : t.Mono ? "<p><code>" : "<p>").Append(E(t.Text)).Append(t.Bold ? "</strong></p>" : t.Mono ? "</code></p>" : "</p>");
                    break;
                case PackTable t:
                    h.Append("<table><thead><tr>");
                    foreach (var header in t.Headers) h.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
                    h.Append("</tr></thead><tbody>");
                    foreach (var row in t.Rows)
                    {
                        h.Append("<tr>");
                        for (var i = 0; i < row.Count; i++) h.Append(t.Mono.Contains(i) ? "<td><code>" : "<td>").Append(E(row[i])).Append(t.Mono.Contains(i) ? "</code></td>" : "</td>");
                        h.Append("</tr>");
                    }
                    h.Append("</tbody></table>");
                    break;
                case PackChart c:
                    h.Append("<table><caption>Scores at each point</caption><thead><tr><th scope=\"col\">Step</th>");
                    foreach (var p in c.Points) h.Append("<th scope=\"col\">").Append(E(p)).Append("</th>");
                    h.Append("</tr></thead><tbody>");
                    foreach (var (name, values) in c.Series) h.Append("<tr><th scope=\"row\">").Append(E(name)).Append("</th>").Append(string.Concat(values.Select(v => $"<td>{E(v)}</td>"))).Append("</tr>");
                    h.Append("</tbody></table>");
                    break;
            }
        }
        if (section.Title.StartsWith("Step", StringComparison.Ordinal))
        {
            h.Append("<h3>Gaps</h3>");
            if (section.Gaps.Count == 0) h.Append("<p>No gap was found in the evidence for this step in the period.</p>");
            else h.Append("<ul>").Append(string.Concat(section.Gaps.Select(g => $"<li>{E(g)}</li>"))).Append("</ul>");
        }
        h.Append("</section>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
