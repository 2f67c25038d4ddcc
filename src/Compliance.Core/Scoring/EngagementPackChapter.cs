using Compliance.Core.Data;
using Compliance.Core.EvidencePacks;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Scoring;

/// <summary>The evidence pack's chapter for step 2: surveys, briefings, notices and consultations held in the period.</summary>
public sealed class EngagementPackChapter(ComplianceDbContext db) : IPackChapter
{
    public ReasonableStep Step => ReasonableStep.EngagingStaff;

    public async Task<PackSection> ReadAsync(PackContent pack, CancellationToken ct)
    {
        var c = new PackSection("Step 2: Engaging staff");
        var held = await db.EngagementActivities.AsNoTracking().Where(a => a.HeldOn >= pack.From && a.HeldOn <= pack.To).OrderBy(a => a.HeldOn)
            .Select(a => new { a.Id, a.Kind, a.HeldOn, a.Title, a.Audience, a.Reached, a.Summary }).ToListAsync(ct);
        c.Text("Surveys, briefings, notices and consultations with staff or their representatives recorded for the period.");
        c.Table(["Held on", "Kind", "What", "Audience", "Reached"], [1.2, 1, 3, 1.8, 0.8], held.Select(a => (IReadOnlyList<string>)[
            UkDates.Long(a.HeldOn), a.Kind.Label(), a.Title, a.Audience, a.Reached?.ToString("N0") ?? ""]));
        foreach (var a in held) pack.Artefacts.Add(new("2", a.Kind.Label(), $"{a.Title} ({a.Id})", a.HeldOn, null));
        // What was asked or said, to whom, and what came of it, as recorded: the reader need not take the title's word.
        foreach (var a in held.Where(a => !string.IsNullOrWhiteSpace(a.Summary)))
        {
            c.Subheading($"{a.Title}, {UkDates.Long(a.HeldOn)}");
            c.Text($"{a.Kind.Label()} for {a.Audience}{(a.Reached is { } r ? $", reaching {r:N0}" : "")}. "
                + (pack.Named ? a.Summary : "What was found or said: " + MonitoringPackChapter.FreeTextWithheld));
        }
        if (!held.Any(a => a.Kind == EngagementKind.Survey)) c.Gap("No staff survey was recorded in the period: staff were not asked about their experience.");
        if (!held.Any(a => a.Kind is EngagementKind.Briefing or EngagementKind.Notice)) c.Gap("No briefing or notice to staff was recorded in the period.");
        if (!held.Any(a => a.Kind == EngagementKind.Consultation) && !await db.PolicyConsultations.AnyAsync(x => x.HeldOn >= pack.From && x.HeldOn <= pack.To, ct))
            c.Gap("No consultation with staff or their representatives was recorded in the period.");
        return c;
    }
}
