using Compliance.Core.Data;
using Compliance.Core.EvidencePacks;
using Compliance.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Training;

/// <summary>The evidence pack's chapter for step 5: each course's content versions and completions, its figures on each quarter end as step 5 is scored from them, and the completion records.</summary>
public sealed class TrainingPackChapter(ComplianceDbContext db, StepEvidence evidence, IOptions<TrainingOptions> training) : IPackChapter
{
    public ReasonableStep Step => ReasonableStep.Training;

    public async Task<PackSection> ReadAsync(PackContent pack, CancellationToken ct)
    {
        var c = new PackSection("Step 5: Training");
        var dueSoon = training.Value.DueSoonDays;
        var courses = await StepEvidence.CoursesOn(db, pack.To).AsNoTracking().Include(x => x.Versions).OrderBy(x => x.Title).ToListAsync(ct);
        if (courses.Count == 0)
        {
            c.Text("No course was set up by the end of the period.");
            c.Gap("No training course was recorded: there is no evidence that anyone was trained.");
        }
        // Failed attempts are evidence of assessment too: counted as attempts, never as completions.
        var failed = await db.TrainingCompletions.AsNoTracking().Where(t => t.CompletedOn >= pack.From && t.CompletedOn <= pack.To && t.Passed == false)
            .GroupBy(t => t.CourseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var taught = await db.TrainingCompletions.AsNoTracking().Where(t => t.CompletedOn >= pack.From && t.CompletedOn <= pack.To)
            .GroupBy(t => new { t.CourseId, t.CourseVersionId }).Select(g => new { g.Key.CourseId, g.Key.CourseVersionId, Count = g.Count() }).ToListAsync(ct);
        // Each quarter end's figures are the ones step 5 is scored from on that day: one computation for both.
        var onDays = new List<TrainingFacts>();
        foreach (var day in PackBuilder.QuarterPoints(pack.From, pack.To)) onDays.Add(await evidence.TrainingOnAsync(day, ct));
        foreach (var course in courses)
        {
            c.Subheading($"{course.Title} ({course.Audience.Label()}; refreshed every {course.RefreshMonths} months)");
            // Every completion in the period is on a line, those recorded without a content version too, so the lines add
            // up to the course's rows in the records ZIP.
            var unversioned = taught.Where(t => t.CourseId == course.Id && (t.CourseVersionId == null || course.Versions.All(v => v.Id != t.CourseVersionId))).Sum(t => t.Count);
            c.Table(["Content version", "From", "What it covers", "Attempts in the period"], [1.3, 1.3, 2.6, 1.8],
                [.. course.Versions.OrderBy(v => v.Number).Select(v => (IReadOnlyList<string>)[v.Number.ToString(), UkDates.Long(v.EffectiveFrom), TrainingLabels.Describe(v.Topics),
                    taught.Where(t => t.CourseVersionId == v.Id).Sum(t => t.Count).ToString("N0")]),
                 .. unversioned > 0 ? [(IReadOnlyList<string>)["None recorded", "", "", unversioned.ToString("N0")]] : Array.Empty<IReadOnlyList<string>>()]);
            // What each content version taught, in its own words.
            // Those in effect at some time in the period: from on or before its end, and not replaced before its start.
            var inEffect = course.Versions.OrderBy(v => v.EffectiveFrom).ThenBy(v => v.Number).ToList();
            foreach (var v in inEffect.Where((v, i) => v.EffectiveFrom <= pack.To && (i + 1 == inEffect.Count || inEffect[i + 1].EffectiveFrom > pack.From))
                .Where(v => !string.IsNullOrWhiteSpace(v.Summary)).OrderBy(v => v.Number))
            {
                c.Text($"Content version {v.Number}, from {UkDates.Long(v.EffectiveFrom)}: {v.Summary}");
            }
            c.Text(course.RequiresPass
                ? $"A pass is required. Failed attempts in the period: {failed.GetValueOrDefault(course.Id):N0}; they are among the attempts above, and a failed attempt does not count as trained."
                : $"No pass is required. Attempts recorded as failed in the period: {failed.GetValueOrDefault(course.Id):N0}.");
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
                c.Text("Named edition: the people whose training was stale or missing at the end of the period, by surname.", bold: true);
                c.Table(["Employee number", "Name", "Site", "Last completed", "State"], [1, 2, 1.5, 1.2, 0.8], end.People([TrainingState.Stale, TrainingState.Never]).Select(p => (IReadOnlyList<string>)[
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
}
