using System.Text;
using System.Text.Json;
using Compliance.Core.Documents;

namespace Compliance.Core.RiskAssessments;

/// <summary>One factor as it stands in an approved revision's frozen content.</summary>
public sealed record ApprovedFactor(string Code, string Title, bool Applies, string? WhoIsAtRisk, int? Likelihood, int? Severity, int? Score,
    RiskBand? Band, string? ControlsInPlace, string? NotRelevantReason);

/// <summary>
/// An approved revision read back from its frozen content (the exact bytes whose SHA-256 was recorded), for its
/// page and its PDF. The PDF carries that content as an attachment, so anyone can check the hash from the PDF alone.
/// </summary>
public static class ApprovedRevision
{
    public static List<ApprovedFactor> Factors(string approvedContent, IReadOnlyDictionary<string, string> titles)
    {
        using var content = JsonDocument.Parse(approvedContent);
        return [.. content.RootElement.GetProperty("factors").EnumerateArray().Select(f =>
        {
            var code = f.GetProperty("code").GetString()!;
            return new ApprovedFactor(code, titles.GetValueOrDefault(code, code), f.GetProperty("applies").GetBoolean(), Text(f, "whoIsAtRisk"),
                Number(f, "likelihood"), Number(f, "severity"), Number(f, "score"),
                Enum.TryParse<RiskBand>(Text(f, "band"), out var band) ? band : null, Text(f, "controlsInPlace"), Text(f, "notRelevantReason"));
        })];
    }

    public static string FileName(Guid assessmentId, int number, string extension) => $"risk-assessment-{assessmentId}-revision-{number}.{extension}";

    /// <summary>The approved revision as a PDF: what was approved, by whom and when, its SHA-256, every factor, and the content itself attached.</summary>
    public static byte[] Pdf(string organisation, string assessmentTitle, string? where, Guid assessmentId, AssessmentRevision revision, IReadOnlyDictionary<string, string> titles)
    {
        if (revision.Status != RevisionStatus.Approved || revision.ApprovedContent is null) throw new InvalidOperationException("Only an approved revision has a PDF.");
        var approvedOn = UkDates.Long(revision.ApprovedAtUtc!.Value);
        var pdf = new PdfLayout($"{assessmentTitle}: risk assessment, revision {revision.Number}",
            $"{organisation} · {assessmentTitle} · revision {revision.Number} · SHA-256 {revision.ApprovedContentHash![..16]}…", revision.ApprovedAtUtc.Value);
        pdf.Paragraph(organisation, 10, bold: true);
        pdf.Heading($"Sexual harassment risk assessment: {assessmentTitle}", 18);
        pdf.Field("Covers", where);
        pdf.Field("Revision", $"{revision.Number}, approved {approvedOn} (UK time) by {revision.ApprovedByName}");
        pdf.Field("SHA-256 of the approved content", revision.ApprovedContentHash, mono: true);
        pdf.Paragraph($"The approved content is attached to this PDF as {FileName(assessmentId, revision.Number, "json")}. Its SHA-256 is the value above, "
            + "so anyone can check that this is the revision as it was approved: save the attachment (for example with pdfdetach -saveall) and run sha256sum on it.", 9);
        pdf.Rule();
        var factors = Factors(revision.ApprovedContent, titles);
        var relevant = factors.Where(f => f.Applies).OrderByDescending(f => f.Score).ThenBy(f => f.Title, StringComparer.CurrentCulture).ToList();
        pdf.Heading($"Factors that apply ({relevant.Count})", 14);
        foreach (var f in relevant)
        {
            pdf.Paragraph(f.Title, 11, bold: true);
            pdf.Field("Residual risk", f.Score is { } score ? $"{score} ({f.Band?.Label()}): likelihood {f.Likelihood}, severity {f.Severity}" : null);
            pdf.Field("Who is at risk", f.WhoIsAtRisk);
            pdf.Field("Controls in place", f.ControlsInPlace);
        }
        var notRelevant = factors.Where(f => !f.Applies).OrderBy(f => f.Title, StringComparer.CurrentCulture).ToList();
        pdf.Heading($"Factors judged not relevant here ({notRelevant.Count})", 14);
        foreach (var f in notRelevant)
        {
            pdf.Paragraph(f.Title, 11, bold: true);
            pdf.Field("Why not", f.NotRelevantReason ?? "No reason was recorded.");
        }
        pdf.Attach(FileName(assessmentId, revision.Number, "json"), Encoding.UTF8.GetBytes(revision.ApprovedContent));
        return pdf.Finish();
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}
