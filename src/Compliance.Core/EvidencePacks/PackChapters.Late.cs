using Compliance.Core.Cases;
using Compliance.Core.Scoring;
using Compliance.Core.ThirdParty;
using Compliance.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.EvidencePacks;

/// <summary>Chapters 5 to 8: training, complaints, third parties and monitoring.</summary>
public sealed partial class PackBuilder
{
    private async Task<PackSection> TrainingAsync(PackContent pack, CancellationToken ct)
    {
        var c = new PackSection("Step 5: Training");
        var dueSoon = training.Value.DueSoonDays;
        var courses = await StepEvidence.CoursesOn(db, pack.To).AsNoTracking().Include(x => x.Versions).OrderBy(x => x.Title).ToListAsync(ct);
        if (courses.Count == 0)
        {
            c.Text("No course was set up by the end of the period.");
            c.Gap("No training course was recorded: there is no evidence that anyone was trained.");
        }
        var taught = await db.TrainingCompletions.AsNoTracking().Where(t => t.CompletedOn >= pack.From && t.CompletedOn <= pack.To)
            .GroupBy(t => new { t.CourseId, t.CourseVersionId }).Select(g => new { g.Key.CourseId, g.Key.CourseVersionId, Count = g.Count() }).ToListAsync(ct);
        // Each quarter end's figures are the ones step 5 is scored from on that day: one computation for both.
        var onDays = new List<TrainingFacts>();
        foreach (var day in QuarterPoints(pack.From, pack.To)) onDays.Add(await evidence.TrainingOnAsync(day, ct));
        foreach (var course in courses)
        {
            c.Subheading($"{course.Title} ({course.Audience.Label()}; refreshed every {course.RefreshMonths} months)");
            // Every completion in the period is on a line, those recorded without a content version too, so the lines add
            // up to the course's rows in the records ZIP.
            var unversioned = taught.Where(t => t.CourseId == course.Id && (t.CourseVersionId == null || course.Versions.All(v => v.Id != t.CourseVersionId))).Sum(t => t.Count);
            c.Table(["Content version", "From", "What it covers", "Completions in the period"], [1, 1.2, 3.5, 1.2],
                [.. course.Versions.OrderBy(v => v.Number).Select(v => (IReadOnlyList<string>)[v.Number.ToString(), UkDates.Long(v.EffectiveFrom), TrainingLabels.Describe(v.Topics),
                    taught.Where(t => t.CourseVersionId == v.Id).Sum(t => t.Count).ToString("N0")]),
                 .. unversioned > 0 ? [(IReadOnlyList<string>)["None recorded", "", "", unversioned.ToString("N0")]] : Array.Empty<IReadOnlyList<string>>()]);
            foreach (var v in course.Versions) pack.Artefacts.Add(new("5", "Course content version", $"{course.Title}, version {v.Number} ({v.Id})", v.EffectiveFrom, null));
            var rows = new List<IReadOnlyList<string>>();
            foreach (var facts in onDays)
            {
                if (facts.Courses.FirstOrDefault(f => f.CourseId == course.Id) is not { } f)
                {
                    rows.Add([UkDates.Long(facts.Day), "Not yet on record", "", "", "", "", ""]);
                    continue;
                }
                var joinersNotYetDue = f.InScope - f.InDate - f.Stale - f.Never;
                rows.Add([UkDates.Long(facts.Day), f.InScope.ToString("N0"), $"{f.InDate:N0} ({Common.Percent.Of(f.InDate, f.InScope)}%)", f.Stale.ToString("N0"),
                    f.LongStale.ToString("N0"), f.Never.ToString("N0"), joinersNotYetDue.ToString("N0")]);
            }
            c.Table(["On", "In scope", "In date", "Stale", "Over two years old", "Never trained", "Joiners not yet due"], [1.3, 0.8, 1.1, 0.7, 1, 0.9, 1], rows);
            var end = await TrainingCoverage.OnAsync(db, course, pack.To, dueSoon, ct);
            var stale = end.People([TrainingState.Stale]);
            if (stale.Count > 0)
            {
                var lapses = stale.Where(p => p.LastCompleted is not null).Select(p => TrainingRules.LapsesOn(p.LastCompleted!.Value, course.RefreshMonths)).Order().ToList();
                c.Gap($"{course.Title}: on {UkDates.Long(pack.To)} the training of {stale.Count:N0} of the {end.Totals.InScope:N0} people it is for ({course.Audience.Label().ToLowerInvariant()}) was stale; "
                    + (lapses[0] == lapses[^1] ? $"it lapsed on {UkDates.Long(lapses[0])}." : $"it lapsed between {UkDates.Long(lapses[0])} and {UkDates.Long(lapses[^1])}."));
            }
            var never = end.People([TrainingState.Never]);
            if (never.Count > 0) c.Gap($"{course.Title}: on {UkDates.Long(pack.To)}, {never.Count:N0} of the people it is for had never been trained and were past their joining period.");
            if (pack.Named && stale.Count + never.Count > 0)
            {
                c.Text("Named edition: the people whose training was stale or missing at the end of the period.", bold: true);
                c.Table(["Employee number", "Name", "Site", "Last completed", "State"], [1, 2, 1.5, 1.2, 0.8], stale.Concat(never).OrderBy(p => p.Name).Select(p => (IReadOnlyList<string>)[
                    p.EmployeeNumber, p.Name, p.Site, UkDates.Long(p.LastCompleted), p.State == TrainingState.Stale ? "Stale" : "Never"]));
            }
        }
        await TrainingRecordsAsync(pack, ct);
        return c;
    }

    private async Task TrainingRecordsAsync(PackContent pack, CancellationToken ct)
    {
        var query = db.TrainingCompletions.AsNoTracking().Where(t => t.CompletedOn >= pack.From && t.CompletedOn <= pack.To)
            .Join(db.Courses, t => t.CourseId, x => x.Id, (t, x) => new { x.Title, t.CompletedOn, t.Passed, t.CourseVersionId, t.Source, t.EmployeeId });
        var versions = await db.CourseVersions.AsNoTracking().ToDictionaryAsync(v => v.Id, v => v.Number, ct);
        var rows = pack.Named
            ? await query.Join(db.Employees, t => t.EmployeeId, e => e.Id, (t, e) => new { t.Title, t.CompletedOn, t.Passed, t.CourseVersionId, t.Source, Who = e.EmployeeNumber + " " + e.FirstName + " " + e.LastName }).ToListAsync(ct)
            : [.. (await query.ToListAsync(ct)).Select(t => new { t.Title, t.CompletedOn, t.Passed, t.CourseVersionId, t.Source, Who = pack.PseudonymOf(t.EmployeeId) })];
        pack.Records.Add(new("training-completions.csv", ["course", "completed_on", "content_version", "passed", "source", pack.PersonColumn],
            [.. rows.OrderBy(r => r.Title).ThenBy(r => r.CompletedOn).Select(r => (IReadOnlyList<string>)[r.Title, r.CompletedOn.ToString("yyyy-MM-dd"),
                r.CourseVersionId is { } v && versions.TryGetValue(v, out var n) ? n.ToString() : "", r.Passed switch { true => "yes", false => "no", _ => "" }, r.Source.ToString(), r.Who])]));
    }

    private async Task<PackSection> ComplaintsAsync(PackContent pack, CancellationToken ct)
    {
        var c = new PackSection("Step 6: Complaints");
        if (await Monitoring(pack, ct) is not { } figures || Quarters(pack) is not { } q) return c.Text(NoWholeQuarter);
        c.Text($"Reports received in {CaseSpan(pack)}: {figures.Reports}. Only dates, stages and categories are read here: no word of any report, and no name.");
        var states = await db.ReportCases.AsNoTracking().Where(r => r.ReceivedOn >= q.From && r.ReceivedOn <= q.To)
            .GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var all = Enum.GetValues<CaseState>();
        AddTable(c, MonitoringTable.Of("stage", "Those reports by the stage they had reached when this pack was made", "Stage", [.. all.Select(s => s.Label())], ["Reports"],
            [.. all.Select(s => new[] { states.Where(x => x.Key == s).Sum(x => x.Count) })]));
        AddTable(c, figures.Tables.Single(t => t.Id == "outcome"));
        var deadlines = await evidence.ComplaintsBetweenAsync(q.From, q.To, ct);
        c.Subheading("Deadlines");
        // Up to three deadlines and three check-ins a report: with the reports hidden, these would tell how many there were.
        var reports = SmallNumbers.One(deadlines.Received);
        c.Text($"Deadlines to acknowledge, triage and give feedback on those reports, as they stood on {UkDates.Long(q.To)}: "
            + $"{SmallNumbers.From(deadlines.DeadlinesMet, reports)} met, {SmallNumbers.From(deadlines.DeadlinesMissed, reports)} missed.");
        if (deadlines.DeadlinesMissed > 0) c.Gap($"{SmallNumbers.From(deadlines.DeadlinesMissed, reports)} case deadline(s) were missed for reports received from {UkDates.Long(q.From)} to {UkDates.Long(q.To)}.");
        foreach (var t in figures.Timings) c.Text($"{t.What}: {t.Text}");
        var checkIns = await db.ReportCases.Where(r => r.ReceivedOn >= q.From && r.ReceivedOn <= q.To).SumAsync(r => r.CheckInsSent, ct);
        c.Text($"Check-ins sent to people who reported, to ask how they are: {SmallNumbers.From(checkIns, reports)}.");
        return c;
    }

    private async Task<PackSection> ThirdPartiesAsync(PackContent pack, CancellationToken ct)
    {
        var c = new PackSection("Step 7: Third parties");
        if (await Monitoring(pack, ct) is not { } figures || Quarters(pack) is not { } q) return c.Text(NoWholeQuarter);
        c.Text($"Incidents of harassment by customers, clients and other third parties that happened in {CaseSpan(pack)}.");
        AddTable(c, figures.Tables.Single(t => t.Id == "third-party-kind"));
        AddTable(c, figures.Tables.Single(t => t.Id == "third-party-action"));
        var facts = await evidence.ThirdPartiesBetweenAsync(q.From, q.To, ct);
        c.Subheading("Assessments reviewed after an incident");
        c.Text($"Of the incidents that happened from {UkDates.Long(q.From)} to {UkDates.Long(q.To)}, the assessment they flagged was approved again in time after {SmallNumbers.One(facts.ReviewedInTime)} and not after {SmallNumbers.One(facts.NotReviewedInTime)}.");
        if (facts.NotReviewedInTime > 0) c.Gap($"After {SmallNumbers.One(facts.NotReviewedInTime)} third-party incident(s) that happened from {UkDates.Long(q.From)} to {UkDates.Long(q.To)}, the risk assessment was not reviewed within {(await evidence.ScoringOptionsOnAsync(q.To, ct)).ThirdPartyReviewWithinDays} days of the incident.");
        // Counts by quarter and who, through the small-number rule like the tables above: a row per incident would
        // let anyone count what the PDF shows as "fewer than 5".
        var incidents = await db.ThirdPartyIncidents.AsNoTracking().Where(i => i.OccurredOn >= q.From && i.OccurredOn <= q.To)
            .Select(i => new { i.OccurredOn, i.PartyType }).ToListAsync(ct);
        var quarters = MonitoringFigures.Quarters(q.From, q.To);
        var kinds = Enum.GetValues<ThirdPartyType>();
        var table = SmallNumbers.Table([.. quarters.Select(x => (IReadOnlyList<int>)[.. kinds.Select(k => incidents.Count(i => i.PartyType == k && i.OccurredOn >= x.From && i.OccurredOn <= x.To))])]);
        pack.Records.Add(new("third-party-incidents.csv", ["quarter", .. kinds.Select(k => k.Label()), "total"],
            [.. quarters.Select((x, r) => (IReadOnlyList<string>)[x.Label, .. table.Cells[r].Select(n => n.ToString()), table.RowTotals[r].ToString()])]));
        return c;
    }

    /// <summary>The kinds of record whose audit entries the records ZIP carries.</summary>
    private static readonly string[] EvidenceEntities =
        ["Policy", "RiskAssessment", "RiskAction", "RiskFactor", "Course", "Training", "PlanAction", "BoardSignOff", "EngagementActivity", "LegalProvision", "ScoringSetting", "Site", "Department", "Organisation", "EvidencePack"];

    private sealed record PlanRow(ReasonableStep Step, string Description, string Owner, string Due, DateOnly? CompletedOn, PlanSource Source, string? EvidenceSha256);

    /// <summary>
    /// Every action open at some time in the period. An action made by a case closure says when and where the case
    /// closed: in a pack it says only that a case asked for it, and in which quarter.
    /// </summary>
    private async Task<List<PlanRow>> PlanAsync(PackContent pack, CancellationToken ct) =>
        [.. (await db.PlanActions.AsNoTracking().Where(a => a.CreatedAtUtc < EndOf(pack.To) && (a.CompletedOn == null || a.CompletedOn >= pack.From)).OrderBy(a => a.DueDate)
            .Select(a => new { a.Step, a.Description, a.Owner, a.DueDate, a.CompletedOn, a.Source, a.EvidenceSha256, a.CreatedAtUtc }).ToListAsync(ct))
            .Select(a => a.Source == PlanSource.CaseClosure
                ? new PlanRow(a.Step, $"Change asked for when a case closed ({QuarterOf(Day(a.CreatedAtUtc))})", "HR", QuarterOf(Day(a.CreatedAtUtc)), a.CompletedOn, a.Source, a.EvidenceSha256)
                : new PlanRow(a.Step, a.Description, a.Owner, a.DueDate.ToString("yyyy-MM-dd"), a.CompletedOn, a.Source, a.EvidenceSha256))];

    private static string QuarterOf(DateOnly day) => $"{day.Year}-Q{(day.Month + 2) / 3}";

    private async Task<PackSection> MonitoringAsync(PackContent pack, CancellationToken ct)
    {
        var c = new PackSection("Step 8: Monitoring");
        var facts = await evidence.MonitoringOnAsync(pack.To, ct);
        c.Text(facts.LastReviewedOn is { } d ? $"The last board review of the position by the end of the period: {facts.Meeting}, {UkDates.Long(d)}, signed off by {facts.SignedBy}." : "No board review of the position had been signed off by the end of the period.");
        var signOffs = await SignOffsInAsync(pack, ct);
        if (signOffs.Count == 0) c.Gap("No board review of the position was signed off in the period.");
        else c.Table(["Reviewed on", "Meeting", "Signed off by, on", "Scores on the meeting day (steps 1 to 8)"], [1.2, 1.6, 1.6, 3], signOffs);
        c.Subheading("The action plan");
        c.Text($"On {UkDates.Long(pack.To)}: {facts.OpenActions:N0} action(s) open, {facts.OverdueActions:N0} of them overdue. Every action is listed in Annex A; the score trend is in the summary.");
        if (facts.OverdueActions > 0) c.Gap($"{facts.OverdueActions:N0} action(s) in the action plan were overdue on {UkDates.Long(pack.To)}.");
        var actions = await PlanAsync(pack, ct);
        pack.Records.Add(new("action-plan.csv", ["step", "action", "owner", "due", "completed_on", "evidence_sha256"],
            [.. actions.Select(a => (IReadOnlyList<string>)[((int)a.Step).ToString(), a.Description, a.Owner, a.Due, a.CompletedOn?.ToString("yyyy-MM-dd") ?? "", a.EvidenceSha256 ?? ""])]));
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.OccurredAtUtc >= UkCalendar.StartOfDayUtc(pack.From) && a.OccurredAtUtc < EndOf(pack.To) && EvidenceEntities.Contains(a.EntityType))
            .OrderBy(a => a.Sequence).Select(a => new { a.Sequence, a.OccurredAtUtc, a.Action, a.EntityType, a.EntityId, a.PreviousHash, a.Hash }).ToListAsync(ct);
        // The entries about the evidence, each with its hashes, not who did what (summaries can name people); never
        // those about cases, incidents or sign-ins, whose times would tell when a report came or was handled. In the
        // anonymised edition, the entries an incident or a case caused (an assessment flagged for review when an
        // incident is logged, the actions a case's closure asked for) are left out too: their times would date it.
        if (!pack.Named)
        {
            var fromCases = (await db.PlanActions.AsNoTracking().Where(a => a.Source == PlanSource.CaseClosure).Select(a => a.Id).ToListAsync(ct)).Select(id => id.ToString()).ToHashSet();
            audit = [.. audit.Where(a => a.Action != LogIncident.FlaggedForReviewAction && !(a.EntityType == "PlanAction" && a.EntityId is { } id && fromCases.Contains(id)))];
        }
        pack.Records.Add(new("audit-log-extract.csv", ["sequence", "occurred_at_utc", "action", "entity_type", "entity_id", "previous_hash", "hash"],
            [.. audit.Select(a => (IReadOnlyList<string>)[a.Sequence.ToString(), a.OccurredAtUtc.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"), a.Action, a.EntityType, a.EntityId ?? "", a.PreviousHash, a.Hash])]));
        return c;
    }
}
