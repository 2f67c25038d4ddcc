using Compliance.Core.Cases;
using Compliance.Core.Employees;
using Compliance.Core.Policies;
using Compliance.Core.RiskAssessments;
using Compliance.Core.Scoring;
using Compliance.Core.ThirdParty;
using Compliance.Web.Tests.Infrastructure;
using Compliance.Web.Tests.Training;

namespace Compliance.Web.Tests.Scoring;

/// <summary>Scores worked out from the stored evidence as it stood on a day: a past day's scores come out the same after later evidence arrives, and fall as evidence ages.</summary>
public sealed class StepEvidenceTests(TrainingApp app) : IClassFixture<TrainingApp>
{
    private Task<List<StepScore>> ScoresOnAsync(DateOnly day) => app.WithServiceAsync<StepEvidence, List<StepScore>>(e => e.ScoresOnAsync(day));

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_past_day_is_recomputed_the_same_from_stored_evidence_and_scores_fall_as_training_lapses()
    {
        var start = app.Clock.GetUtcNow();
        try
        {
            await ScenarioAsync();
        }
        finally
        {
            app.Clock.Set(start);
        }
    }

    private async Task ScenarioAsync()
    {
        var day0 = app.Today;
        await app.CourseAsync("SH-POS");
        (await app.RecordAsync(TrainingApp.Row(1, "P-1", "SH-POS", Iso(day0.AddMonths(-10))), TrainingApp.Row(2, "P-2", "SH-POS", Iso(day0.AddMonths(-30))))).Recorded.Should().BeTrue();

        // A report comes in, and a customer harasses someone at the Harbour, which has no risk assessment yet.
        var (report, reportErrors) = await app.WithServiceAsync<SubmitReport, (SubmittedReport?, List<FieldError>)>(s => s.HandleAsync(
            new ReportInput(ReportingMode.Anonymous, ReporterRole.Witness, "Scoring report", null, null, IncidentPlace.Online, null, null, null, null, null, null, false, null, null, null), []));
        reportErrors.Should().BeEmpty();
        var (_, incidentErrors) = await app.WithServiceAsync<LogIncident, (Guid?, List<FieldError>)>(l => l.HandleAsync(
            new LogIncidentInput(Iso(day0), app.HomeSite, ThirdPartyType.Customer, "Comments at the bar", true, null, [IncidentResponse.NoneYet], null), new IncidentLogger(app.Admin.Id, "Ada Admin", false)));
        incidentErrors.Should().BeEmpty();

        // Step 2 has a test of its own (EngagementTests); here the others, in the guidance's order.
        var first = (await ScoresOnAsync(day0)).Where(x => x.Step != ReasonableStep.EngagingStaff).ToList();
        first.Select(s => s.Step).Should().Equal(ReasonableStep.Policy, ReasonableStep.RiskAssessment, ReasonableStep.Reporting, ReasonableStep.Training, ReasonableStep.Complaints, ReasonableStep.ThirdParties, ReasonableStep.Monitoring);
        first[0].Should().Match<StepScore>(s => s.Score == 0 && s.Status == StepStatus.NotMet);
        first[1].Score.Should().Be(30, "no site is assessed and no action is open");
        first[1].Why.Should().Equal("0 of 2 sites have a current risk assessment; 2 have none, or one past its review date.");
        first[2].Score.Should().Be(50, "the reporting page is there, but no policy tells people about it");
        // P-1 current, P-2 stale for over two years, P-3 a joiner, P-4 never trained.
        first[3].Score.Should().Be(25);
        first[3].Why.Should().Equal("25% of required training is in date (1 of 4 across 1 course).", "Course SH-POS: 25% in date; 1 stale, 1 never trained; 1 person's training over 2 years old.");

        // Forty days on, new evidence: a completion, an approved assessment for one site, the policy published.
        app.Clock.Advance(TimeSpan.FromDays(40));
        var day40 = app.Today;
        (await app.RecordAsync(TrainingApp.Row(1, "P-4", "SH-POS", Iso(day40)))).Recorded.Should().BeTrue();
        var (assessment, errors) = await app.WithServiceAsync<RiskAssessmentWork, (Guid?, List<FieldError>)>(w => w.StartAsync(new StartAssessmentInput("Harbour", AssessmentScope.Site, app.HomeSite, null, null)));
        errors.Should().BeEmpty();
        (await app.WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.RateAsync(assessment!.Value, new RatingInput("LONE", true, "Night porters", 2, 2, null)))).Should().BeEmpty();
        (await app.WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.MarkRestNotRelevantAsync(assessment!.Value, "Not relevant at the Harbour."))).Should().BeEmpty();
        (await app.WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.ApproveAsync(assessment!.Value, app.Admin.Id, "Dana Director"))).Should().BeEmpty();
        var (policy, policyErrors) = await app.WithServiceAsync<PolicyWork, (Guid?, List<FieldError>)>(w => w.CreateAsync(new CreatePolicyInput(PolicyKind.SexualHarassment, null, null)));
        policyErrors.Should().BeEmpty();
        (await app.WithServiceAsync<PolicyWork, List<FieldError>>(w => w.SubmitAsync(policy!.Value, "Hana Human"))).Should().BeEmpty();
        (await app.WithServiceAsync<PolicyWork, List<FieldError>>(w => w.ApproveAsync(policy!.Value, app.Admin.Id, "Dana Director"))).Should().BeEmpty();
        (await app.WithServiceAsync<PolicyWork, (PublishOutcome?, List<FieldError>)>(w => w.PublishAsync(policy!.Value, new PublishInput(null, AudienceKind.Everyone, [], PolicyChange.Material, null), "Hana Human"))).Item2.Should().BeEmpty();

        first[4].Should().Match<StepScore>(s => s.Score == 100 && s.Why[0] == "1 report was received in the 12 months to " + Core.UkDates.Long(day0) + ".");
        first[5].Should().Match<StepScore>(s => s.Score == 100 && s.Why[1] == "Their reviews are not due yet.");
        first[6].Should().Match<StepScore>(s => s.Score == 0 && s.Next.Single().Link == "/position/sign-off");

        // The first day, worked out again now, says exactly what it said then.
        (await ScoresOnAsync(day0)).Where(x => x.Step != ReasonableStep.EngagingStaff).Should().BeEquivalentTo(first, o => o.WithStrictOrdering());

        var later = (await ScoresOnAsync(day40)).Where(x => x.Step != ReasonableStep.EngagingStaff).ToList();
        later[0].Score.Should().Be(60, "the policy is in force and within its review date, but no one has confirmed reading it yet");
        later[0].Why.Should().Contain("0 of 4 people it is for (0%) have confirmed reading it.");
        later[1].Score.Should().Be(35 + 30);
        later[2].Score.Should().Be(100, "the published policy gives the reporting page's address");
        // P-1 now due soon (still in date), P-3's joining period is over, P-4 current.
        later[3].Score.Should().Be(50);
        // The report was neither acknowledged nor triaged in time; its feedback is not due yet.
        later[4].Score.Should().Be(0);
        later[4].Why.Should().Contain("0 of 2 deadlines (acknowledging, triage, feedback) were met (0%).");
        later[4].Next.Single().Link.Should().Be("/cases?view=attention");
        // The Harbour's assessment came 40 days after the incident: later than the 30 days allowed.
        later[5].Score.Should().Be(0);

        // With no new evidence, P-1's training lapses and the score falls.
        var day70 = day0.AddDays(70);
        (await ScoresOnAsync(day70)).Single(x => x.Step == ReasonableStep.Training).Score.Should().Be(25);
        // And a policy left unreviewed a year and two months after publication has lost ten of its review points.
        var lateReview = day40.AddMonths(14);
        (await ScoresOnAsync(lateReview)).Single(x => x.Step == ReasonableStep.Policy).Score.Should().Be(40 + 0 + 10);
    }

    [Fact]
    public async Task Directors_and_HR_managers_see_the_position_with_why_and_next_actions_and_the_rules_behind_it()
    {
        var page = Html.Text(await app.Director.GetPageAsync("/position"));
        page.Should().Contain("Step 1: Policy, 0 out of 100 (not met)").And.Contain("No anti-harassment policy was in force.")
            .And.Contain("Write, approve and publish the anti-harassment policy (up to 100 points)")
            .And.Contain("Step 2: Engaging staff, 0 out of 100 (not met)").And.Contain("Staff have not been asked about harassment by a survey or focus group.")
            .And.Contain("Step 8: Monitoring, 0 out of 100 (not met)").And.Contain("No review of the position has been signed off yet.").And.Contain("The legal standard today: The duty to take reasonable steps");
        (await app.Director.GetPageAsync("/position")).Should().Contain("href=\"/policies/manage\"");
        Html.Text(await app.HrManager.GetPageAsync("/")).Should().Contain("Your position, step by step").And.Contain("1. Policy 0 out of 100 Not met");

        var rules = Html.Text(await app.HrManager.GetPageAsync("/position/rules"));
        rules.Should().Contain("A step is met from ( Compliance:Scoring:MetFrom ) 80").And.Contain("Step 6: complaints (scored)").And.Contain("Allay (UK) Ltd v Gehlen");
    }
}
