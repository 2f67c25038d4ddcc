using Compliance.Core.EvidencePacks;
using Compliance.Core.Scoring;
using static Compliance.Core.EvidencePacks.PackReads;

namespace Compliance.Core.Cases;

/// <summary>The evidence pack's chapter for step 4: the reporting route, whether the policy named it on each quarter end, and reports by whole quarter.</summary>
public sealed class ReportingPackChapter(StepEvidence evidence, PackReads reads) : IPackChapter
{
    public ReasonableStep Step => ReasonableStep.Reporting;

    public async Task<PackSection> ReadAsync(PackContent pack, CancellationToken ct)
    {
        var c = new PackSection("Step 4: Reporting");
        c.Text("This installation's reporting page (/report) takes reports at any hour, anonymously or in confidence, without an account; a reporter follows their report up with a reference and key.");
        var points = PackBuilder.QuarterPoints(pack.From, pack.To);
        var rows = new List<IReadOnlyList<string>>();
        var unnamed = new List<DateOnly>();
        foreach (var day in points)
        {
            var facts = await evidence.ReportingOnAsync(day, ct);
            rows.Add([UkDates.Long(day), facts.PolicyId is null ? "No policy in force" : facts.PolicyNamesReportingPage ? "Yes" : "No"]);
            if (!facts.PolicyNamesReportingPage) unnamed.Add(day);
        }
        c.Subheading("Whether the policy in force told staff where to report");
        c.Table(["On", "The policy gives the reporting page's address"], [1.3, 3], rows);
        if (unnamed.Count > 0) c.Gap($"The policy in force did not give the reporting page's address on {string.Join(", ", unnamed.Select(UkDates.Long))}.");
        if (await reads.MonitoringAsync(pack, ct) is not { } figures) return c.Text(NoWholeQuarter);
        c.Text($"Reports received in {reads.CaseSpan(pack)}: {figures.Reports}.");
        AddTable(c, figures.Tables.Single(t => t.Id == "quarter"));
        AddTable(c, figures.Tables.Single(t => t.Id == "involved"));
        return c;
    }
}
