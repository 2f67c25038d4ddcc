using Compliance.Core.Scoring;
using Compliance.Web.Tests.Docs;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Scoring;

/// <summary>The position `seed-demo` leaves: what a director would see on a first look at the demo.</summary>
public sealed class DemoPositionTests(ReadmeApp app) : IClassFixture<ReadmeApp>
{
    [Fact]
    public async Task The_demo_has_most_steps_at_risk_or_met_one_not_met_a_signed_review_an_action_plan_and_a_year_of_trend()
    {
        var today = Core.UkCalendar.Today(TimeProvider.System);
        var scores = await app.WithServiceAsync<StepEvidence, List<StepScore>>(e => e.ScoresOnAsync(today));
        var summary = string.Join("; ", scores.Select(s => $"{s.Step} {s.Score}"));
        scores.Count(s => s.Status == StepStatus.NotMet).Should().Be(1, summary);
        scores.Count(s => s.Status == StepStatus.Met).Should().BeGreaterThanOrEqualTo(3, summary);
        scores.Count(s => s.Status == StepStatus.AtRisk).Should().BeGreaterThanOrEqualTo(1, summary);

        await using var db = app.NewDbContext();
        var signOff = await db.BoardSignOffs.AsNoTracking().SingleAsync();
        signOff.ReviewedOn.Should().Be(today.AddMonths(-10));
        signOff.Seen().Should().HaveCount(8);
        var plan = await db.PlanActions.AsNoTracking().ToListAsync();
        plan.Select(a => a.Source).Should().Contain([PlanSource.BoardSignOff, PlanSource.CaseClosure, PlanSource.Manual]);
        plan.Should().Contain(a => a.IsOverdue(today));

        // The trend: every month end of the year kept, and the position moved over it (step 8 before and after the review).
        var kept = await db.PositionSnapshots.AsNoTracking().ToListAsync();
        kept.Select(s => s.Day).Distinct().Should().Contain(PositionTrend.MonthEnds(today));
        var monitoring = kept.Where(s => s.Step == ReasonableStep.Monitoring).OrderBy(s => s.Day).Select(s => s.Score).ToList();
        monitoring.First().Should().Be(0);
        monitoring.Should().Contain(100);
        kept.GroupBy(s => s.Step).Count(g => g.Select(s => s.Score).Distinct().Count() > 1).Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task The_demos_pack_carries_what_was_decided_who_attended_what_staff_were_told_the_failed_attempts_and_the_legal_test_by_date()
    {
        var today = Core.UkCalendar.Today(TimeProvider.System);
        Task<Core.EvidencePacks.PackContent> PackAsync(bool named)
        {
            var request = new Core.EvidencePacks.EvidencePack(Guid.NewGuid(), today.AddYears(-1).AddDays(1), today, named, null, "Dina Director", DateTime.UtcNow);
            return app.WithServiceAsync<Core.EvidencePacks.PackBuilder, Core.EvidencePacks.PackContent>(b => b.BuildAsync(request, DateTime.UtcNow, (_, _) => Task.CompletedTask, default));
        }
        async Task<string> TextAsync(bool named)
        {
            var pack = await PackAsync(named);
            var path = Path.Combine(Path.GetTempPath(), $"demo-pack-{Guid.NewGuid():N}.pdf");
            await File.WriteAllBytesAsync(path, Core.EvidencePacks.PackPdf.Render(pack).Pdf);
            var (code, raw, errors) = await Infrastructure.Tool.RunAsync("pdftotext", path, "-");
            File.Delete(path);
            code.Should().Be(0, errors);
            return System.Text.RegularExpressions.Regex.Replace(raw, @"\s+", " ");
        }
        var text = await TextAsync(named: false);
        var named = await TextAsync(named: true);
        var request = (From: today.AddYears(-1).AddDays(1), To: today);

        await using var db = app.NewDbContext();
        var review = await db.BoardSignOffs.AsNoTracking().SingleAsync();
        text.Should().Contain($"Attended: {review.Attendees}");
        var agreed = await db.PlanActions.AsNoTracking().Where(a => a.Source == PlanSource.BoardSignOff && a.SourceId == review.Id).ToListAsync();
        agreed.Should().NotBeEmpty();
        foreach (var a in agreed) text.Should().Contain($"{a.Description} ({a.Owner}, due {Core.UkDates.Long(a.DueDate)})");
        // Text typed freely (decisions, what staff said) could name or date a case: the named edition only.
        named.Should().Contain($"Decided: {review.Decisions}");
        text.Should().NotContain(review.Decisions).And.Contain("Decided: given in the named edition only");
        // The policy in force, in full: a paragraph of its approved text, as a reader reads it.
        var version = await db.PolicyVersions.AsNoTracking().Where(v => v.PublishedAtUtc != null && v.SupersededAtUtc == null).OrderBy(v => v.Number).FirstAsync();
        var paragraphs = Markdig.Syntax.MarkdownObjectExtensions.Descendants<Markdig.Syntax.ParagraphBlock>(Core.Policies.PolicyMarkdown.Parse(version.Text))
            .Select(p => System.Text.RegularExpressions.Regex.Replace(Core.Policies.PolicyMarkdown.PlainText(p.Inline), @"\s+", " ")).Where(t => t.Length > 60).ToList();
        paragraphs.Should().NotBeEmpty();
        text.Should().Contain("Annex E: The policy versions in force, in full").And.Contain(paragraphs[0]).And.Contain(paragraphs[^1]);
        // The newest site assessment in full: every factor with its rating or why it is not relevant, and a closed action's owner and day.
        var revision = await db.AssessmentRevisions.AsNoTracking().Where(r => r.Status == Core.RiskAssessments.RevisionStatus.Approved && r.ApprovedContent != null)
            .Join(db.RiskAssessments.Where(a => a.Scope == Core.RiskAssessments.AssessmentScope.Site), r => r.AssessmentId, a => a.Id, (r, a) => r)
            .OrderByDescending(r => r.ApprovedAtUtc).FirstAsync();
        var factors = Core.RiskAssessments.ApprovedRevision.Factors(revision.ApprovedContent!, await db.RiskFactors.AsNoTracking().ToDictionaryAsync(f => f.Code, f => f.Title));
        factors.Should().Contain(f => f.Applies).And.Contain(f => !f.Applies);
        text.Should().Contain("Annex F: The risk assessments current in the period, in full").And.Contain(revision.ApprovedContentHash!);
        foreach (var f in factors)
        {
            text.Should().Contain(f.Applies ? $"{f.Title}: residual risk {f.Score} ({(f.Band is { } band ? Core.RiskAssessments.AssessmentLabels.Label(band) : "")})"
                : $"{f.Title}: not relevant here. {f.NotRelevantReason ?? "No reason was recorded."}");
        }
        // The action plan: a closed action's evidence by its SHA-256, whole, as the file kept in the app hashes.
        var evidenced = await db.PlanActions.AsNoTracking().Where(a => a.EvidenceFile != null && a.CompletedOn >= request.From).ToListAsync();
        evidenced.Should().NotBeEmpty("the demo closed an agreed action with its evidence");
        foreach (var a in evidenced)
        {
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(a.EvidenceFile!)).Should().Be(a.EvidenceSha256);
            text.Should().Contain($"{a.Description} (done {Core.UkDates.Long(a.CompletedOn!.Value)})").And.Contain(a.EvidenceSha256);
        }
        text.Should().Contain("A file: its SHA-256 is below").And.Contain("None kept");
        // A role's assessment is there too, in chapter 3 and in full.
        var role = await db.RiskAssessments.AsNoTracking().SingleAsync(a => a.Scope == Core.RiskAssessments.AssessmentScope.Role);
        text.Should().Contain($"Role: {role.ScopeDescription} {role.Title} 1").And.Contain($"Role: {role.ScopeDescription}: {role.Title}, revision 1");
        // Review flags raised in the period by incidents logged against an assessment: counted in the anonymised
        // edition (each would date an incident), listed in the named one with whether the assessment was approved again.
        var flagged = await db.ThirdPartyIncidents.AsNoTracking().Where(i => i.RiskAssessmentId != null).ToListAsync();
        flagged.Should().HaveCountGreaterThan(1, "the demo's incidents flagged their hotels' assessments");
        text.Should().Contain("Review flags raised by third-party incidents, and when each assessment was approved again, are listed in the named edition").And.NotContain("Flagged for review on");
        named.Should().Contain("Flagged for review on").And.Contain("Approved again on").And.Contain("Not by the end of the period");
        foreach (var i in flagged)
        {
            named.Should().Contain($"involving a {Core.ThirdParty.ThirdPartyLabels.Label(i.PartyType).ToLowerInvariant()} on {Core.UkDates.Long(i.OccurredOn)}");
            text.Should().NotContain($"involving a {Core.ThirdParty.ThirdPartyLabels.Label(i.PartyType).ToLowerInvariant()} on {Core.UkDates.Long(i.OccurredOn)}");
        }
        // Where the directory contradicts a site's answer, the annex says so and chapter 3 names it a gap: Manchester
        // judged night work not relevant, and the directory has night workers there (counted here from the employees).
        var manchester = await db.Sites.AsNoTracking().SingleAsync(s => s.Name == "Manchester Piccadilly Hotel");
        var nightWorkers = await db.Employees.AsNoTracking().CountAsync(e => e.SiteId == manchester.Id && e.IsNightWorker
            && (e.StartDate == null || e.StartDate <= request.To) && (e.LeavingDate == null || e.LeavingDate > request.To));
        nightWorkers.Should().BePositive("the demo has night porters at every hotel");
        var listed = $"when this pack was made, on {Core.UkDates.Long(today)}, it listed {nightWorkers} night worker{(nightWorkers == 1 ? "" : "s")} at Manchester Piccadilly Hotel.";
        text.Should().Contain("The directory contradicts this answer: " + listed)
            .And.Contain($"Manchester Piccadilly Hotel: {(await db.RiskFactors.AsNoTracking().SingleAsync(f => f.Code == "NIGHT")).Title.ToLowerInvariant()} was judged not relevant, but when this pack was made, on {Core.UkDates.Long(today)}, the directory listed {nightWorkers} night worker");
        var closed = await db.RiskActions.AsNoTracking().Where(a => a.CompletedOn != null && a.CompletedOn >= request.From).FirstOrDefaultAsync();
        closed.Should().NotBeNull("the demo closed an assessment's action in the year");
        text.Should().Contain(closed!.Description).And.Contain(closed.Owner).And.Contain(Core.UkDates.Long(closed.CompletedOn!.Value));
        var taught = await db.CourseVersions.AsNoTracking().Where(v => v.Summary != "" && v.EffectiveFrom <= request.To).ToListAsync();
        taught.Should().NotBeEmpty("the demo's courses say what each version taught");
        foreach (var v in taught) text.Should().Contain($"Content version {v.Number}, from {Core.UkDates.Long(v.EffectiveFrom)}: {System.Text.RegularExpressions.Regex.Replace(v.Summary, @"\s+", " ")}");
        var briefing = await db.EngagementActivities.AsNoTracking().FirstAsync();
        named.Should().Contain(briefing.Summary);
        text.Should().NotContain(briefing.Summary);
        // Failed attempts, counted here from the table itself, each under its own course.
        var failed = await db.TrainingCompletions.AsNoTracking().Where(t => t.Passed == false && t.CompletedOn >= request.From && t.CompletedOn <= request.To)
            .Join(db.Courses, t => t.CourseId, c => c.Id, (t, c) => c.Title).GroupBy(t => t).Select(g => new { Title = g.Key, Count = g.Count() }).ToListAsync();
        failed.Should().NotBeEmpty("the demo has failed attempts");
        foreach (var f in failed)
        {
            var heading = System.Text.RegularExpressions.Regex.Match(text, System.Text.RegularExpressions.Regex.Escape(f.Title) + @" \([^)]*refreshed every \d+ months\)");
            heading.Success.Should().BeTrue($"{f.Title} has its part of chapter 5");
            var course = text[heading.Index..];
            course[course.IndexOf("Failed attempts in the period: ", StringComparison.Ordinal)..].Should().StartWith($"Failed attempts in the period: {f.Count:N0};", f.Title);
        }
        // The legal test: what was in force from when, and what is announced but not confirmed here, on the cover and
        // at the head of every chapter.
        var reasonable = await db.LegalProvisions.AsNoTracking().SingleAsync(p => p.Key == LegalKeys.ReasonableSteps);
        var test = $"The legal test for this period: {Core.UkDates.Long(request.From)} to {Core.UkDates.Long(request.To)}, reasonable steps ({reasonable.Source}).";
        text.Should().Contain(test);
        foreach (var step in Enum.GetValues<ReasonableStep>())
        {
            Chapter(text, step).Should().Contain(test, $"step {(int)step} opens with the legal test");
        }
        foreach (var planned in await db.LegalProvisions.AsNoTracking().Where(p => p.Status == ProvisionStatus.Planned).ToListAsync())
        {
            if (planned.EffectiveFrom is { } d && d > request.To) continue;
            text.Should().Contain($"{planned.Title}: expected {(planned.EffectiveFrom is { } on ? "from " + Core.UkDates.Long(on) : "on a date not yet announced")}, not confirmed in this installation");
        }

        // Annex D is written for a reader: the thresholds from the settings, with a change made today, and each step's
        // rule as headed sections and tables, with no file path, setting key or Markdown mark left in it.
        var thresholdErrors = await app.WithServiceAsync<ScoringSettings, List<Core.Common.FieldError>>(s => s.ChangeAsync("MetFrom", "80", today.ToString("yyyy-MM-dd"), "Kept at 80 after the board's review", "Ada Admin"));
        thresholdErrors.Should().BeEmpty();
        var withChange = await TextAsync(named: false);
        var annexD = withChange[withChange.LastIndexOf("Annex D: How the scores were computed", StringComparison.Ordinal)..withChange.LastIndexOf("Annex E:", StringComparison.Ordinal)];
        annexD.Should().Contain("The thresholds during the period").And.Contain($"80 from {Core.UkDates.Long(today)}, by Ada Admin (the reason given is in the named edition)")
            .And.NotContain("Kept at 80 after the board's review", "a reason is typed freely, so only the named edition gives it");
        (await TextAsync(named: true)).Should().Contain($"80 from {Core.UkDates.Long(today)}, by Ada Admin: Kept at 80 after the board's review");
        var rules = (await PackAsync(named: false)).Annexes.Single(a => a.Title == "Annex D: How the scores were computed");
        rules.Blocks.OfType<Core.EvidencePacks.PackTable>().First().Rows.Select(r => r[0]).Should().Equal(ScoringSettings.All.Select(x => x.Label));
        rules.Blocks.OfType<Core.EvidencePacks.PackSubheading>().Select(h => h.Text).Should().Contain(Enum.GetValues<ReasonableStep>().Select(step => $"Step {(int)step}: {step.Name().ToLowerInvariant()}"));
        rules.Blocks.OfType<Core.EvidencePacks.PackTable>().Skip(1).Should().NotBeEmpty().And.OnlyContain(t => t.Headers.SequenceEqual(new[] { "Part", "Points", "Source" }));
        annexD.Should().Contain("Allay (UK) Ltd v Gehlen");
        foreach (var mark in new[] { "Compliance:", ".cs", "`", "**", "|", "##", "](", "_snapshots", "WithinDays", "Months`" }) annexD.Should().NotContain(mark);

        // Once an administrator confirms "all reasonable steps" from a day inside the period, the period is in two
        // parts, each with its test and source, in every chapter.
        var all = await db.LegalProvisions.AsNoTracking().SingleAsync(p => p.Key == LegalKeys.AllReasonableSteps);
        var confirmedFrom = today.AddMonths(-2);
        var errors = await app.WithServiceAsync<LegalTimeline, List<Core.Common.FieldError>>(l => l.ChangeAsync(new ChangeProvisionInput(all.Key, confirmedFrom.ToString("yyyy-MM-dd"), ProvisionStatus.InForce, "Commenced"), "Ada Admin"));
        errors.Should().BeEmpty();
        try
        {
            var parts = await TextAsync(named: false);
            var twoParts = $"The legal test for this period: {Core.UkDates.Long(request.From)} to {Core.UkDates.Long(confirmedFrom.AddDays(-1))}, reasonable steps ({reasonable.Source}); "
                + $"{Core.UkDates.Long(confirmedFrom)} to {Core.UkDates.Long(request.To)}, all reasonable steps, with the employer liable for harassment by third parties ({all.Source.Split(';')[0].Trim()}).";
            parts.Should().Contain(twoParts).And.NotContain($"{all.Title}: expected");
            foreach (var step in Enum.GetValues<ReasonableStep>()) Chapter(parts, step).Should().Contain(twoParts);
        }
        finally
        {
            (await app.WithServiceAsync<LegalTimeline, List<Core.Common.FieldError>>(l => l.ChangeAsync(new ChangeProvisionInput(all.Key, all.EffectiveFrom?.ToString("yyyy-MM-dd"), all.Status, all.Note), "Ada Admin"))).Should().BeEmpty();
        }
    }

    /// <summary>A step's chapter of a pack's text: from its heading to the next chapter's (or the annexes').</summary>
    private static string Chapter(string text, ReasonableStep step)
    {
        var heading = $"Step {(int)step}: {step.Name()}";
        var from = text.IndexOf(heading + " The legal test", StringComparison.Ordinal);
        from.Should().BeGreaterThanOrEqualTo(0, $"the chapter {heading} is there");
        var next = text.IndexOf(step == ReasonableStep.Monitoring ? "Annex A" : $"Step {(int)step + 1}: ", from + heading.Length, StringComparison.Ordinal);
        return next < 0 ? text[from..] : text[from..next];
    }
}
