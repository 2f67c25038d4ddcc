using Compliance.Core.Scoring;

namespace Compliance.Core.Tests.Scoring;

/// <summary>The score rules at their edges: the thresholds, one of a thing, none of a thing, and the day a part lapses.</summary>
public sealed class StepRulesBoundaryTests
{
    private static readonly ScoringOptions Options = new();
    private static readonly DateOnly Day = new(2026, 6, 1);
    private static readonly Guid PolicyId = Guid.Parse("0190a0a0-0000-7000-8000-000000000002");

    [Theory]
    [InlineData(100, StepStatus.Met)]
    [InlineData(80, StepStatus.Met)]
    [InlineData(79, StepStatus.AtRisk)]
    [InlineData(50, StepStatus.AtRisk)]
    [InlineData(49, StepStatus.NotMet)]
    [InlineData(0, StepStatus.NotMet)]
    public void A_step_is_met_from_80_and_at_risk_from_50(int score, StepStatus status)
    {
        Options.StatusOf(score).Should().Be(status);
        // Through a rule too: complaints score the share of deadlines met, so 80 of 100 met scores 80.
        StepRules.Complaints(new ComplaintFacts(Day, 1, score, 100 - score), Options).Status.Should().Be(status);
    }

    [Fact]
    public void The_default_thresholds_and_windows_are_the_documented_ones()
    {
        new ScoringOptions().Should().BeEquivalentTo(new { MetFrom = 80, AtRiskFrom = 50, LongStaleMonths = 24, ThirdPartyReviewWithinDays = 30, WindowMonths = 12 });
    }

    [Fact]
    public void A_policy_for_nobody_yet_counts_as_read_and_says_so()
    {
        var score = StepRules.Policy(new PolicyFacts(Day, PolicyId, 3, new DateOnly(2026, 1, 5), new DateOnly(2027, 1, 5), 0, 0), Options);
        score.Score.Should().Be(100);
        score.Why.Should().Equal(
            "Version 3 of the anti-harassment policy has been in force since 5 January 2026.",
            "0 of 0 people it is for (0%) have confirmed reading it.");
        score.Next.Should().BeEmpty();
    }

    [Fact]
    public void One_person_not_yet_confirming_is_named_in_the_singular()
    {
        var score = StepRules.Policy(new PolicyFacts(Day, PolicyId, 1, new DateOnly(2026, 1, 5), new DateOnly(2027, 1, 5), 1, 0), Options);
        score.Score.Should().Be(60);
        score.Why[1].Should().Be("0 of 1 person it is for (0%) have confirmed reading it.");
        score.Next.Should().Equal(new NextAction("Chase the 1 person who has not confirmed reading the policy", $"/policies/manage/{PolicyId}/coverage", 40));
    }

    [Theory]
    [InlineData("2026-05-01", "2026-06-01", 1)]
    [InlineData("2026-05-01", "2026-05-01", 0)]
    [InlineData("2026-05-01", "2026-05-02", 1)]
    [InlineData("2026-05-01", "2026-06-02", 2)]
    [InlineData("2026-01-31", "2026-02-28", 1)]
    [InlineData("2026-01-31", "2026-03-01", 2)]
    public void Months_past_count_a_part_month_as_a_whole_one(string from, string to, int months) =>
        StepRules.MonthsPast(DateOnly.Parse(from), DateOnly.Parse(to)).Should().Be(months);

    [Fact]
    public void A_policy_one_month_past_its_review_says_so_in_the_singular_and_asks_for_the_review()
    {
        var score = StepRules.Policy(new PolicyFacts(Day, PolicyId, 2, new DateOnly(2025, 5, 1), new DateOnly(2026, 5, 15), 10, 10), Options);
        score.Score.Should().Be(95);
        score.Why.Should().Contain("Its review date, 15 May 2026, has passed (1 month or part).");
        score.Next.Should().Equal(new NextAction("Review the policy and publish the reviewed version", $"/policies/manage/{PolicyId}", 5));
    }

    [Fact]
    public void A_policy_more_than_four_months_past_its_review_keeps_the_points_for_being_in_force_and_read()
    {
        var score = StepRules.Policy(new PolicyFacts(Day, PolicyId, 2, new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1), 10, 10), Options);
        score.Score.Should().Be(80);
        score.Next.Single().Gain.Should().Be(20);
    }

    [Fact]
    public void One_site_without_an_assessment_and_one_overdue_action_are_named_in_the_singular()
    {
        var score = StepRules.RiskAssessment(new RiskFacts(Day, 2, 1, 1, 1, 1), Options);
        score.Score.Should().Be(35);
        score.Why.Should().Equal(
            "1 of 2 sites have a current risk assessment; 1 has none, or one past its review date.",
            "1 site's assessment is past the review date.",
            "1 of 1 open action is overdue.");
        score.Next.Should().Equal(
            new NextAction("Assess or review the 1 site without a current assessment", "/risk", 35),
            new NextAction("Finish the 1 overdue action", "/risk/actions?show=overdue", 30));
    }

    [Fact]
    public void Risk_assessment_with_every_site_current_and_no_open_actions_scores_full_marks_and_asks_for_nothing()
    {
        var score = StepRules.RiskAssessment(new RiskFacts(Day, 1, 1, 0, 0, 0), Options);
        score.Score.Should().Be(100);
        score.Why.Should().Equal("1 of 1 site have a current risk assessment.");
        score.Next.Should().BeEmpty();
    }

    [Fact]
    public void No_site_set_up_says_so_and_asks_for_the_sites()
    {
        var score = StepRules.RiskAssessment(new RiskFacts(Day, 0, 0, 0, 3, 1), Options);
        score.Score.Should().Be(0);
        score.Why.Should().Equal("No sites are set up, so no workplace has been assessed.");
        score.Next.Should().Equal(new NextAction("Add your sites", "/admin/sites", 70));
    }

    [Fact]
    public void Training_on_one_course_everyone_has_done_asks_for_nothing()
    {
        var id = Guid.NewGuid();
        var score = StepRules.Training(new TrainingFacts(Day, [new CourseFacts(id, "Everyone", 1, 1, 0, 0, 0)]), Options);
        score.Score.Should().Be(100);
        score.Why.Should().Equal("100% of required training is in date (1 of 1 across 1 course).", "Everyone: 100% in date; 0 stale, 0 never trained.");
        score.Next.Should().BeEmpty();
    }

    [Fact]
    public void Training_with_no_course_for_anyone_asks_for_one()
    {
        var score = StepRules.Training(new TrainingFacts(Day, [new CourseFacts(Guid.NewGuid(), "Nobody", 0, 0, 0, 0, 0)]), Options);
        score.Score.Should().Be(0);
        score.Why.Should().Equal("No training course was recorded for anyone.");
        score.Next.Should().Equal(new NextAction("Add the training course everyone takes", "/training/courses/new", 100));
    }

    [Fact]
    public void Courses_are_listed_weakest_first_then_by_title_and_one_outstanding_person_is_singular()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var score = StepRules.Training(new TrainingFacts(Day,
        [
            new CourseFacts(b, "Bystanders", 4, 3, 1, 1, 0),
            new CourseFacts(a, "Awareness", 4, 3, 0, 0, 1),
        ]), new ScoringOptions { LongStaleMonths = 36 });
        score.Score.Should().Be(75);
        score.Why.Should().Equal(
            "75% of required training is in date (6 of 8 across 2 courses).",
            "Awareness: 75% in date; 0 stale, 1 never trained.",
            "Bystanders: 75% in date; 1 stale, 0 never trained; 1 person's training over 3 years old.");
        score.Next.Select(n => n.Text).Should().Equal(
            "Remind the 1 person whose \"Awareness\" training is stale or missing",
            "Remind the 1 person whose \"Bystanders\" training is stale or missing");
        score.Next.Should().OnlyContain(n => n.Gain == 12);
    }

    [Fact]
    public void Reporting_with_a_policy_that_names_the_page_says_so()
    {
        var score = StepRules.Reporting(new ReportingFacts(Day, PolicyId, true), Options);
        score.Why.Should().Equal(
            "Anyone can report, named or anonymously and without an account, at the reporting page.",
            "The policy in force gives the reporting page's address.");
        StepRules.Reporting(new ReportingFacts(Day, null, false), Options).Why[1].Should().Be("No anti-harassment policy was in force to tell people where to report.");
        StepRules.Reporting(new ReportingFacts(Day, PolicyId, false), Options).Should().Match<StepScore>(s =>
            s.Score == 50 && s.Why[1] == "The policy in force does not give the reporting page's address."
            && s.Next.Single().Text == "Add the reporting page's address to the policy and publish it" && s.Next.Single().Gain == 50);
    }

    [Fact]
    public void Complaints_with_every_deadline_met_score_full_marks_and_ask_for_nothing()
    {
        var score = StepRules.Complaints(new ComplaintFacts(Day, 1, 1, 0), Options);
        score.Score.Should().Be(100);
        score.Why.Should().Equal("1 report was received in the 12 months to 1 June 2026.", "1 of 1 deadline (acknowledging, triage, feedback) were met (100%).");
        score.Next.Should().BeEmpty();
    }

    [Fact]
    public void Third_parties_with_every_review_in_time_score_full_marks_and_a_late_one_asks_for_reviews()
    {
        var score = StepRules.ThirdParties(new ThirdPartyFacts(Day, 1, 1, 0), Options);
        score.Score.Should().Be(100);
        score.Why.Should().Equal("1 incident of harassment by third parties logged in the 12 months to 1 June 2026.",
            "After 1 of 1, the site's risk assessment was reviewed within 30 days (100%).");
        score.Next.Should().BeEmpty();
        StepRules.ThirdParties(new ThirdPartyFacts(Day, 0, 0, 0), Options).Why.Should().Equal(
            "0 incidents of harassment by third parties logged in the 12 months to 1 June 2026.", "None needed a review of a risk assessment.");
        StepRules.ThirdParties(new ThirdPartyFacts(Day, 3, 2, 1), Options).Next.Should().Equal(
            new NextAction("Review the risk assessments flagged by incidents", "/risk/assessments?show=review", 34));
    }

    [Fact]
    public void A_sign_off_exactly_a_year_ago_still_counts_in_full_and_a_day_later_loses_20()
    {
        var signed = new DateOnly(2025, 6, 1);
        StepRules.Monitoring(new MonitoringFacts(new DateOnly(2026, 6, 1), signed, "Board", "Dana Director"), Options).Score.Should().Be(100);
        var late = StepRules.Monitoring(new MonitoringFacts(new DateOnly(2026, 6, 2), signed, "Board", "Dana Director"), Options);
        late.Score.Should().Be(80);
        late.Why.Should().Equal(
            "The position was last reviewed by Board on 1 June 2025, signed off by Dana Director.",
            "That review is more than a year old (1 month or part past its anniversary).");
    }

    [Fact]
    public void An_overdue_action_penalty_larger_than_what_is_left_offers_only_what_is_left()
    {
        // Four months past the anniversary leaves 20; three overdue of three open would take 30.
        var score = StepRules.Monitoring(new MonitoringFacts(Day, new DateOnly(2025, 2, 1), "Board", "Dana Director", 3, 3), Options);
        score.Score.Should().Be(0);
        score.Why.Should().Contain("3 of the action plan's 3 open actions are overdue.");
        score.Next.Should().Equal(
            new NextAction("Review the position with the board and sign it off", "/position/sign-off", 80),
            new NextAction("Finish the 3 overdue actions in the action plan", "/position/actions?show=overdue", 20));
    }

    [Fact]
    public void With_no_sign_off_open_actions_none_overdue_are_mentioned_and_one_is_singular()
    {
        var score = StepRules.Monitoring(new MonitoringFacts(Day, null, null, null, 1, 0), Options);
        score.Score.Should().Be(0);
        score.Why.Should().Equal("No board review of the position has been signed off.", "The action plan has 1 open action, none overdue.");
        score.Next.Should().Equal(new NextAction("Review the position with the board and sign it off", "/position/sign-off", 100));
    }

    [Fact]
    public void Engagement_inside_the_window_names_each_activity_and_its_day()
    {
        var score = StepRules.Engagement(new EngagementFacts(Day, new DateOnly(2025, 6, 2), new DateOnly(2026, 1, 10), new DateOnly(2026, 5, 31)), Options);
        score.Score.Should().Be(100);
        score.Why.Should().Equal(
            "Staff were last asked about harassment (a survey or focus group) on 2 June 2025.",
            "Staff were last told about harassment and how to report it (a briefing or notice) on 10 January 2026.",
            "Staff representatives were last consulted on 31 May 2026.");
        score.Next.Should().BeEmpty();
    }

    [Fact]
    public void Engagement_never_recorded_says_what_is_missing_and_the_window_is_a_setting()
    {
        var none = StepRules.Engagement(new EngagementFacts(Day, null, null, null), Options);
        none.Why.Should().Equal(
            "Staff have not been asked about harassment by a survey or focus group.",
            "No briefing or notice to staff about harassment is recorded.",
            "Staff representatives have not been consulted.");
        none.Next.Should().Equal(
            new NextAction("Run a staff survey on harassment and record what it found", "/position/engagement/new?kind=Survey", 40),
            new NextAction("Brief staff, or put up notices, on harassment and how to report it", "/position/engagement/new?kind=Briefing", 30),
            new NextAction("Consult the union or staff forum on the policy and the risks", "/position/engagement/new?kind=Consultation", 30));
        var shortWindow = StepRules.Engagement(new EngagementFacts(Day, new DateOnly(2025, 12, 1), null, null), new ScoringOptions { WindowMonths = 6 });
        shortWindow.Score.Should().Be(0);
        shortWindow.Why[0].Should().Be("Staff were last asked about harassment (a survey or focus group) on 1 December 2025, more than 6 months before.");
    }

    [Fact]
    public void Several_of_a_thing_are_named_in_the_plural_in_every_step()
    {
        StepRules.Policy(new PolicyFacts(Day, PolicyId, 2, new DateOnly(2025, 1, 1), new DateOnly(2026, 3, 15), 10, 10), Options).Why
            .Should().Contain("Its review date, 15 March 2026, has passed (3 months or part).");
        var risk = StepRules.RiskAssessment(new RiskFacts(Day, 5, 2, 2, 4, 2), Options);
        risk.Why.Should().Contain("2 sites' assessments are past the review date.");
        risk.Next.Select(n => n.Text).Should().Equal("Assess or review the 3 sites without a current assessment", "Finish the 2 overdue actions");
        var monitoring = StepRules.Monitoring(new MonitoringFacts(Day, new DateOnly(2025, 3, 15), "Audit committee", "Sam Director", 1, 1), Options);
        monitoring.Why.Should().Equal(
            "The position was last reviewed by Audit committee on 15 March 2025, signed off by Sam Director.",
            "That review is more than a year old (3 months or part past its anniversary).",
            "1 of the action plan's 1 open action is overdue.");
    }

    [Fact]
    public void With_no_policy_in_force_each_step_that_needs_one_asks_for_it_in_its_own_words()
    {
        StepRules.Policy(new PolicyFacts(Day, null, null, null, null, 0, 0), Options).Next
            .Should().Equal(new NextAction("Write, approve and publish the anti-harassment policy", "/policies/manage", 100));
        StepRules.Reporting(new ReportingFacts(Day, null, false), Options).Next
            .Should().Equal(new NextAction("Publish the anti-harassment policy with the reporting page in it", "/policies/manage", 50));
    }

    [Fact]
    public void Steps_are_named_and_statuses_labelled_as_the_guidance_and_the_pages_word_them()
    {
        Enum.GetValues<ReasonableStep>().Select(s => s.Name()).Should().Equal(
            "Policy", "Engaging staff", "Risk assessment", "Reporting", "Training", "Complaints", "Third parties", "Monitoring");
        Enum.GetValues<StepStatus>().Select(s => s.Label()).Should().Equal("Not met", "At risk", "Met");
    }
}
