using Compliance.Core.Data;
using Compliance.Core.EvidencePacks;
using Compliance.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using static Compliance.Core.EvidencePacks.PackReads;

namespace Compliance.Core.Policies;

/// <summary>The evidence pack's chapter for step 1: the policy versions in force, consultation, and acknowledgement by day and by version, with the acknowledgement records.</summary>
public sealed class PolicyPackChapter(ComplianceDbContext db, StepEvidence evidence) : IPackChapter
{
    public ReasonableStep Step => ReasonableStep.Policy;

    public async Task<PackSection> ReadAsync(PackContent pack, CancellationToken ct)
    {
        var c = new PackSection("Step 1: Policy");
        var versions = await db.PolicyVersions.AsNoTracking()
            .Where(v => v.PublishedAtUtc != null && v.PublishedAtUtc < EndOf(pack.To) && (v.SupersededAtUtc == null || v.SupersededAtUtc >= UkCalendar.StartOfDayUtc(pack.From)))
            .Join(db.Policies, v => v.PolicyId, p => p.Id, (v, p) => new { p.Title, p.Kind, v.Id, v.Number, v.EffectiveOn, v.ApprovedAtUtc, v.ApprovedByName, v.PublishedAtUtc, v.ContentHash, v.Audience })
            .OrderBy(v => v.Title).ThenBy(v => v.Number).ToListAsync(ct);
        c.Text("The policy versions published and in force at some time in the period, with the hash of each version's approved text.");
        c.Table(["Policy", "Version", "In force from", "Approved", "Audience"], [2.2, 0.9, 1.2, 2, 1.2], versions.Select(v => (IReadOnlyList<string>)[
            v.Title, v.Number.ToString(), UkDates.Long(v.EffectiveOn), v.ApprovedAtUtc is { } a ? $"{UkDates.Long(Day(a))} by {v.ApprovedByName}" : "", v.Audience.Label()]));
        c.Hashes(versions.Select(v => ($"{v.Title}, version {v.Number}: the approved text", v.ContentHash)));
        foreach (var v in versions) pack.Artefacts.Add(new("1", "Policy version", $"{v.Title}, version {v.Number} ({v.Id})", v.EffectiveOn, v.ContentHash));

        var main = versions.Where(v => v.Kind == PolicyKind.SexualHarassment).ToList();
        var covered = main.Select(v => (v.EffectiveOn, pack.To)).ToList();
        foreach (var gap in PackSpans.Uncovered(pack.From, pack.To, covered)) c.Gap($"No anti-harassment policy was in force {PackSpans.Describe(gap)}.");

        var consultations = await db.PolicyConsultations.AsNoTracking().Where(x => x.HeldOn >= pack.From && x.HeldOn <= pack.To).OrderBy(x => x.HeldOn)
            .Select(x => new { x.Id, x.HeldOn, x.Body, x.ConsultedName }).ToListAsync(ct);
        c.Subheading("Consultation");
        if (consultations.Count == 0) c.Text("No consultation on a policy was recorded in the period.");
        else c.Table(["Held on", "Who was consulted", "Body"], [1.2, 3, 1.5], consultations.Select(x => (IReadOnlyList<string>)[UkDates.Long(x.HeldOn), x.ConsultedName, x.Body.Label()]));
        foreach (var x in consultations) pack.Artefacts.Add(new("1", "Consultation", x.Id.ToString(), x.HeldOn, null));

        c.Subheading("Acknowledgement over the period");
        var rows = new List<IReadOnlyList<string>>();
        PolicyFacts? last = null;
        foreach (var day in PackBuilder.QuarterPoints(pack.From, pack.To))
        {
            last = await evidence.PolicyOnAsync(day, ct);
            rows.Add([UkDates.Long(day), last.VersionNumber is { } n ? $"Version {n}" : "None in force", Common.Percent.Described(last.Acknowledged, last.InScope)]);
        }
        c.Table(["On", "Anti-harassment policy", "Acknowledged by those it applies to"], [1.3, 1.5, 3], rows);
        await VersionAcknowledgementsAsync(pack, c, [.. main.Select(v => (v.Number, v.EffectiveOn, v.Title))], ct);
        if (last?.ReviewDue is { } due && due < pack.To) c.Gap($"The policy's review was due on {UkDates.Long(due)} and no new version was in force by the end of the period.");
        await AcknowledgementRecordsAsync(pack, ct);
        await TextsAsync(pack, [.. versions.Select(v => v.Id)], ct);
        return c;
    }

    /// <summary>
    /// Annex E: each version in force in the period in full, as the approved text reads (headings, paragraphs and
    /// lists, not Markdown), with who approved it and when, its SHA-256, when it was published, and the consultation
    /// recorded on it: a reader need not take the hash's word for what the policy said.
    /// </summary>
    private async Task TextsAsync(PackContent pack, List<Guid> ids, CancellationToken ct)
    {
        var annex = new PackSection("Annex E: The policy versions in force, in full");
        var versions = await db.PolicyVersions.AsNoTracking().Where(v => ids.Contains(v.Id))
            .Join(db.Policies, v => v.PolicyId, p => p.Id, (v, p) => new { p.Title, v.Id, v.Number, v.EffectiveOn, v.ApprovedAtUtc, v.ApprovedByName, v.PublishedAtUtc, v.ContentHash, v.Text })
            .OrderBy(v => v.Title).ThenBy(v => v.Number).ToListAsync(ct);
        var consultations = await db.PolicyConsultations.AsNoTracking().Where(x => ids.Contains(x.VersionId)).OrderBy(x => x.HeldOn)
            .Select(x => new { x.VersionId, x.HeldOn, x.Body, x.ConsultedName, x.Outcome }).ToListAsync(ct);
        if (versions.Count == 0) annex.Text("No policy version was in force in the period.");
        foreach (var v in versions)
        {
            annex.Subheading($"{v.Title}, version {v.Number}, in force from {UkDates.Long(v.EffectiveOn)}");
            annex.Text($"Approved{(v.ApprovedAtUtc is { } a ? $" on {UkDates.Long(Day(a))} by {v.ApprovedByName}" : "")}; published on {UkDates.Long(Day(v.PublishedAtUtc!.Value))}. "
                + "Who was asked to acknowledge it, and when they did, is in chapter 1 and the records ZIP.");
            annex.Text("SHA-256 of the approved text: " + v.ContentHash, mono: true);
            foreach (var x in consultations.Where(x => x.VersionId == v.Id))
            {
                annex.Text($"Consulted: {x.ConsultedName} ({x.Body.Label()}), {UkDates.Long(x.HeldOn)}. {x.Outcome}");
            }
            foreach (var block in PolicyMarkdown.Parse(v.Text)) Write(annex, block, "");
        }
        pack.Annexes.Add(annex);
    }

    /// <summary>The approved text as a reader sees it: headings in bold, paragraphs, and lists with their marks.</summary>
    private static void Write(PackSection annex, Markdig.Syntax.Block block, string bullet)
    {
        switch (block)
        {
            case Markdig.Syntax.HeadingBlock h:
                annex.Text(PolicyMarkdown.PlainText(h.Inline), bold: true);
                break;
            case Markdig.Syntax.ParagraphBlock p:
                annex.Text(bullet + PolicyMarkdown.PlainText(p.Inline));
                break;
            case Markdig.Syntax.ListBlock list:
                var n = 1;
                foreach (var item in list.OfType<Markdig.Syntax.ListItemBlock>())
                {
                    var mark = list.IsOrdered ? $"{n++}. " : "• ";
                    foreach (var child in item) Write(annex, child, mark);
                }
                break;
            case Markdig.Syntax.ContainerBlock container:
                foreach (var child in container) Write(annex, child, bullet);
                break;
        }
    }

    /// <summary>
    /// Each anti-harassment policy version in force at some time in the period, with how many of the people it
    /// applied to had acknowledged it by the last day it was in force (within the period): a version replaced between
    /// two quarter ends would otherwise appear nowhere, and its time unacknowledged would not be a gap.
    /// </summary>
    private async Task VersionAcknowledgementsAsync(PackContent pack, PackSection c, IReadOnlyList<(int Number, DateOnly EffectiveOn, string Title)> versions, CancellationToken ct)
    {
        var ordered = versions.OrderBy(v => v.EffectiveOn).ThenBy(v => v.Number).ToList();
        var rows = new List<IReadOnlyList<string>>();
        var people = new List<(string Policy, int Version, DateOnly Until, Guid Person, DateTime? At)>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var from = ordered[i].EffectiveOn < pack.From ? pack.From : ordered[i].EffectiveOn;
            var until = i + 1 < ordered.Count && ordered[i + 1].EffectiveOn.AddDays(-1) < pack.To ? ordered[i + 1].EffectiveOn.AddDays(-1) : pack.To;
            if (until < from) continue;
            // The facts of its last day in force, as step 1 is scored from them that day.
            var facts = await evidence.PolicyOnAsync(until, ct);
            if (facts.VersionNumber != ordered[i].Number) continue;
            rows.Add([$"Version {ordered[i].Number}", $"{UkDates.Long(from)} to {UkDates.Long(until)}", Common.Percent.Described(facts.Acknowledged, facts.InScope)]);
            foreach (var (person, at) in await evidence.PolicyPeopleOnAsync(until, ct)) people.Add((ordered[i].Title, ordered[i].Number, until, person, at));
            if (facts.Acknowledged < facts.InScope)
            {
                c.Gap($"Version {ordered[i].Number}, in force from {UkDates.Long(from)} to {UkDates.Long(until)}: by {UkDates.Long(until)}, {facts.InScope - facts.Acknowledged:N0} of the {facts.InScope:N0} people it applied to had not acknowledged it.");
            }
        }
        await VersionRecordsAsync(pack, people, ct);
        if (rows.Count == 0) return;
        c.Subheading("Each version in force in the period");
        c.Table(["Version", "In force", "Acknowledged by its last day in force"], [1.2, 2.6, 3], rows);
    }

    /// <summary>The people each version's line counts, one row each, so the line can be counted again from the records ZIP.</summary>
    private async Task VersionRecordsAsync(PackContent pack, List<(string Policy, int Version, DateOnly Until, Guid Person, DateTime? At)> people, CancellationToken ct)
    {
        var ids = people.Select(p => p.Person).Distinct().ToList();
        var names = pack.Named
            ? await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.EmployeeNumber + " " + e.FirstName + " " + e.LastName, ct)
            : ids.ToDictionary(id => id, pack.PseudonymOf);
        pack.Records.Add(new("policy-versions-in-scope.csv", ["policy", "version", "last_day_in_force", pack.PersonColumn, "acknowledged_on"],
            [.. people.OrderBy(p => p.Policy).ThenBy(p => p.Version).ThenBy(p => names[p.Person], StringComparer.Ordinal).Select(p => (IReadOnlyList<string>)[p.Policy, p.Version.ToString(), p.Until.ToString("yyyy-MM-dd"),
                names[p.Person], p.At is { } a ? Day(a).ToString("yyyy-MM-dd") : ""])]));
    }

    private async Task AcknowledgementRecordsAsync(PackContent pack, CancellationToken ct)
    {
        var query = db.PolicyRecipients.AsNoTracking().Where(a => a.AskedOn <= pack.To && (a.AcknowledgedAtUtc == null || a.AcknowledgedAtUtc >= UkCalendar.StartOfDayUtc(pack.From)))
            .Join(db.Policies, a => a.PolicyId, p => p.Id, (a, p) => new { p.Title, a.Round, a.AskedOn, a.AcknowledgedAtUtc, a.EmployeeId });
        var rows = pack.Named
            ? await query.Join(db.Employees, a => a.EmployeeId, e => e.Id, (a, e) => new { a.Title, a.Round, a.AskedOn, a.AcknowledgedAtUtc, Who = e.EmployeeNumber + " " + e.FirstName + " " + e.LastName }).ToListAsync(ct)
            : [.. (await query.ToListAsync(ct)).Select(a => new { a.Title, a.Round, a.AskedOn, a.AcknowledgedAtUtc, Who = pack.PseudonymOf(a.EmployeeId) })];
        pack.Records.Add(new("policy-acknowledgements.csv", ["policy", "round", "asked_on", "acknowledged_on", pack.PersonColumn],
            [.. rows.OrderBy(r => r.Title).ThenBy(r => r.AskedOn).Select(r => (IReadOnlyList<string>)[r.Title, r.Round.ToString(), r.AskedOn.ToString("yyyy-MM-dd"),
                r.AcknowledgedAtUtc is { } a && a < EndOf(pack.To) ? Day(a).ToString("yyyy-MM-dd") : "", r.Who])]));
    }
}
