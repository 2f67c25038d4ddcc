using Compliance.Core.Organisation;
using Compliance.Core.Policies;
using Compliance.Core.RiskAssessments;
using Compliance.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.EvidencePacks;

/// <summary>Chapters 1 to 4: the policy, engaging staff, risk assessment and reporting.</summary>
public sealed partial class PackBuilder
{
    private static DateTime EndOf(DateOnly day) => UkCalendar.StartOfDayUtc(day.AddDays(1));

    private static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(UkCalendar.ToUk(utc));

    private static string Percent(int part, int whole) => Common.Percent.Described(part, whole);

    private async Task<PackSection> PolicyAsync(PackContent pack, CancellationToken ct)
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
        foreach (var day in QuarterPoints(pack.From, pack.To))
        {
            last = await evidence.PolicyOnAsync(day, ct);
            rows.Add([UkDates.Long(day), last.VersionNumber is { } n ? $"Version {n}" : "None in force", Percent(last.Acknowledged, last.InScope)]);
        }
        c.Table(["On", "Anti-harassment policy", "Acknowledged by those it applies to"], [1.3, 1.5, 3], rows);
        await VersionAcknowledgementsAsync(pack, c, [.. main.Select(v => (v.Number, v.EffectiveOn))], ct);
        if (last?.ReviewDue is { } due && due < pack.To) c.Gap($"The policy's review was due on {UkDates.Long(due)} and no new version was in force by the end of the period.");
        await AcknowledgementRecordsAsync(pack, ct);
        return c;
    }

    /// <summary>
    /// Each anti-harassment policy version in force at some time in the period, with how many of the people it
    /// applied to had acknowledged it by the last day it was in force (within the period): a version replaced between
    /// two quarter ends would otherwise appear nowhere, and its time unacknowledged would not be a gap.
    /// </summary>
    private async Task VersionAcknowledgementsAsync(PackContent pack, PackSection c, IReadOnlyList<(int Number, DateOnly EffectiveOn)> versions, CancellationToken ct)
    {
        var ordered = versions.OrderBy(v => v.EffectiveOn).ThenBy(v => v.Number).ToList();
        var rows = new List<IReadOnlyList<string>>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var from = ordered[i].EffectiveOn < pack.From ? pack.From : ordered[i].EffectiveOn;
            var until = i + 1 < ordered.Count && ordered[i + 1].EffectiveOn.AddDays(-1) < pack.To ? ordered[i + 1].EffectiveOn.AddDays(-1) : pack.To;
            if (until < from) continue;
            // The facts of its last day in force, as step 1 is scored from them that day.
            var facts = await evidence.PolicyOnAsync(until, ct);
            if (facts.VersionNumber != ordered[i].Number) continue;
            rows.Add([$"Version {ordered[i].Number}", $"{UkDates.Long(from)} to {UkDates.Long(until)}", Percent(facts.Acknowledged, facts.InScope)]);
            if (facts.Acknowledged < facts.InScope)
            {
                c.Gap($"Version {ordered[i].Number}, in force from {UkDates.Long(from)} to {UkDates.Long(until)}: by {UkDates.Long(until)}, {facts.InScope - facts.Acknowledged:N0} of the {facts.InScope:N0} people it applied to had not acknowledged it.");
            }
        }
        if (rows.Count == 0) return;
        c.Subheading("Each version in force in the period");
        c.Table(["Version", "In force", "Acknowledged by its last day in force"], [1.2, 2.6, 3], rows);
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

    private async Task<PackSection> EngagementAsync(PackContent pack, CancellationToken ct)
    {
        var c = new PackSection("Step 2: Engaging staff");
        var held = await db.EngagementActivities.AsNoTracking().Where(a => a.HeldOn >= pack.From && a.HeldOn <= pack.To).OrderBy(a => a.HeldOn)
            .Select(a => new { a.Id, a.Kind, a.HeldOn, a.Title, a.Audience, a.Reached }).ToListAsync(ct);
        c.Text("Surveys, briefings, notices and consultations with staff or their representatives recorded for the period.");
        c.Table(["Held on", "Kind", "What", "Audience", "Reached"], [1.2, 1, 3, 1.8, 0.8], held.Select(a => (IReadOnlyList<string>)[
            UkDates.Long(a.HeldOn), a.Kind.Label(), a.Title, a.Audience, a.Reached?.ToString("N0") ?? ""]));
        foreach (var a in held) pack.Artefacts.Add(new("2", a.Kind.Label(), $"{a.Title} ({a.Id})", a.HeldOn, null));
        if (!held.Any(a => a.Kind == EngagementKind.Survey)) c.Gap("No staff survey was recorded in the period: staff were not asked about their experience.");
        if (!held.Any(a => a.Kind is EngagementKind.Briefing or EngagementKind.Notice)) c.Gap("No briefing or notice to staff was recorded in the period.");
        if (!held.Any(a => a.Kind == EngagementKind.Consultation) && !await db.PolicyConsultations.AnyAsync(x => x.HeldOn >= pack.From && x.HeldOn <= pack.To, ct))
            c.Gap("No consultation with staff or their representatives was recorded in the period.");
        return c;
    }

    private async Task<PackSection> RiskAsync(PackContent pack, CancellationToken ct)
    {
        var c = new PackSection("Step 3: Risk assessment");
        var months = risk.Value.ReviewIntervalMonths;
        var sites = await db.Sites.AsNoTracking().Where(s => s.Nation != Nation.NorthernIreland).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var approvals = await db.AssessmentRevisions.AsNoTracking().Where(r => r.Status == RevisionStatus.Approved && r.ApprovedAtUtc < EndOf(pack.To))
            .Join(db.RiskAssessments.Where(a => a.Scope == AssessmentScope.Site && a.SiteId != null), r => r.AssessmentId, a => a.Id,
                (r, a) => new { SiteId = a.SiteId!.Value, a.Title, r.Id, r.Number, At = r.ApprovedAtUtc!.Value, r.ApprovedByName, r.ApprovedContentHash })
            .ToListAsync(ct);
        c.Text($"Each site under the duty, and the site assessments approved by the end of the period that were current during it (an assessment is current for {months} months from its approval).");
        var cited = approvals.Where(a => Day(a.At).AddMonths(months) >= pack.From).OrderBy(a => a.At).ToList();
        var names = sites.ToDictionary(s => s.Id, s => s.Name);
        c.Table(["Site", "Assessment", "Revision", "Approved"], [1.6, 2, 0.9, 2], cited.Where(a => names.ContainsKey(a.SiteId)).Select(a => (IReadOnlyList<string>)[
            names[a.SiteId], a.Title, a.Number.ToString(), $"{UkDates.Long(Day(a.At))} by {a.ApprovedByName}"]));
        c.Hashes(cited.Select(a => ($"{a.Title}, revision {a.Number}: the approved content", a.ApprovedContentHash)));
        foreach (var a in cited) pack.Artefacts.Add(new("3", "Approved assessment", $"{a.Title}, revision {a.Number} ({a.Id})", Day(a.At), a.ApprovedContentHash));
        foreach (var site in sites)
        {
            var spans = approvals.Where(a => a.SiteId == site.Id).Select(a => (Day(a.At), Day(a.At).AddMonths(months)));
            foreach (var gap in PackSpans.Uncovered(pack.From, pack.To, spans)) c.Gap($"{site.Name} had no current risk assessment {PackSpans.Describe(gap)}.");
        }

        var actions = await db.RiskActions.AsNoTracking().Where(a => a.CreatedAtUtc < EndOf(pack.To) && (a.CompletedOn == null || a.CompletedOn >= pack.From))
            .Select(a => new { a.DueDate, a.CompletedOn, a.CreatedAtUtc }).ToListAsync(ct);
        var done = actions.Where(a => a.CompletedOn is { } d && d <= pack.To).ToList();
        var overdue = actions.Count(a => !(a.CompletedOn is { } d && d <= pack.To) && a.DueDate < pack.To);
        c.Subheading("Actions from the assessments");
        c.Table(["Open at some time in the period", "Completed in it", "Completed after their due date", "Open and overdue at the end"], [1, 1, 1, 1],
            [[actions.Count.ToString("N0"), done.Count.ToString("N0"), done.Count(a => a.CompletedOn > a.DueDate).ToString("N0"), overdue.ToString("N0")]]);
        if (overdue > 0) c.Gap($"{overdue:N0} action(s) from risk assessments were open and overdue on {UkDates.Long(pack.To)}.");

        // Incidents that flagged an assessment, and whether it was reviewed in time, are counted in step 7 by whole
        // quarters: listed here by day and site, they would point to the people they happened to.
        c.Text("Third-party incidents that flagged an assessment for review, and whether it was reviewed in time, are counted in step 7.");
        return c;
    }

    private async Task<PackSection> ReportingAsync(PackContent pack, CancellationToken ct)
    {
        var c = new PackSection("Step 4: Reporting");
        c.Text("This installation's reporting page (/report) takes reports at any hour, anonymously or in confidence, without an account; a reporter follows their report up with a reference and key.");
        var points = QuarterPoints(pack.From, pack.To);
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
        if (await Monitoring(pack, ct) is not { } figures) return c.Text(NoWholeQuarter);
        c.Text($"Reports received in {CaseSpan(pack)}: {figures.Reports}.");
        AddTable(c, figures.Tables.Single(t => t.Id == "quarter"));
        AddTable(c, figures.Tables.Single(t => t.Id == "involved"));
        return c;
    }

    private const string NoWholeQuarter = "No whole quarter had ended within the period, so no figures about reports or incidents are given: "
        + "figures for part of a quarter, set beside another pack's, could tell when a report came.";

    /// <summary>
    /// The whole calendar quarters inside the period that had ended when the pack was made: figures about reports
    /// and incidents cover these only, as on the monitoring page, so that two packs a day apart cannot be set side by
    /// side to tell when a report came. Null when there is none.
    /// </summary>
    public static (DateOnly From, DateOnly To)? CaseQuarters(DateOnly from, DateOnly to, DateOnly today)
    {
        static DateOnly QuarterStart(DateOnly d) => new(d.Year, ((d.Month - 1) / 3 * 3) + 1, 1);
        var start = QuarterStart(from);
        if (start < from) start = start.AddMonths(3);
        var lastEnded = QuarterStart(today).AddDays(-1);
        var limit = to < lastEnded ? to : lastEnded;
        // The last quarter end on or before the limit (the limit itself when it is one).
        var end = QuarterStart(limit.AddDays(1)).AddDays(-1);
        return start <= end ? (start, end) : null;
    }

    private (DateOnly From, DateOnly To)? Quarters(PackContent pack) => CaseQuarters(pack.From, pack.To, Day(pack.GeneratedAtUtc));

    private string CaseSpan(PackContent pack) => Quarters(pack) is { } q ? $"the whole quarters from {UkDates.Long(q.From)} to {UkDates.Long(q.To)}" : "no whole quarter";

    private MonitoringReport? _figures;

    private async Task<MonitoringReport?> Monitoring(PackContent pack, CancellationToken ct) =>
        Quarters(pack) is { } q ? _figures ??= await monitoring.ForAsync(q.From, q.To, ct) : null;

    /// <summary>A monitoring table as it is on the monitoring page: counts from 1 to 4 (and any that would give one away) not shown.</summary>
    private static void AddTable(PackSection c, MonitoringTable t)
    {
        c.Subheading(t.Title);
        var headers = new List<string> { t.RowHeading };
        headers.AddRange(t.Columns);
        var totals = !t.Overlapping && t.Columns.Count > 1;
        if (totals) headers.Add("Total");
        var rows = t.Rows.Select((r, i) => (IReadOnlyList<string>)[r, .. t.Counts.Cells[i].Select(x => x.ToString()), .. totals ? [t.Counts.RowTotals[i].ToString()] : Array.Empty<string>()]).ToList();
        if (!t.Overlapping) rows.Add(["Total", .. t.Counts.ColumnTotals.Select(x => x.ToString()), .. totals ? [t.Counts.GrandTotal.ToString()] : Array.Empty<string>()]);
        c.Table([.. headers], [2, .. headers.Skip(1).Select(_ => 1.0)], rows);
        if (t.Note is not null) c.Text(t.Note);
    }
}
