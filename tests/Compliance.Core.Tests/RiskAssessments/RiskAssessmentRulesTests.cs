using Compliance.Core.RiskAssessments;

namespace Compliance.Core.Tests.RiskAssessments;

public sealed class RiskAssessmentRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 11, 21);

    private static RiskAssessment Drafted()
    {
        var assessment = new RiskAssessment("Harbour Hotel", AssessmentScope.Site, Guid.NewGuid(), null, null, Now);
        assessment.Draft.Rate("LONE", true, "Room attendants", 4, 3, "Check-in calls every hour");
        assessment.Draft.Rate("ALCOHOL", true, "Bar staff", 3, 4, null);
        assessment.Draft.Rate("SECONDMENT", false, null, null, null, null, "Nobody here is seconded to another employer.");
        return assessment;
    }

    /// <summary>A library of the three factors the drafts use, with actions for the two High risks.</summary>
    private static readonly ApprovalScope Scope = new(
        new Dictionary<string, string> { ["LONE"] = "Lone working", ["ALCOHOL"] = "Alcohol", ["SECONDMENT"] = "Secondments" },
        new HashSet<string> { "LONE", "ALCOHOL" });

    [Fact]
    public void The_residual_risk_is_likelihood_times_severity_in_bands()
    {
        var draft = Drafted().Draft;
        var lone = draft.Ratings.Single(r => r.FactorCode == "LONE");
        lone.Score.Should().Be(12);
        lone.Band.Should().Be(RiskBand.High);
        draft.Ratings.Single(r => r.FactorCode == "SECONDMENT").Score.Should().BeNull();
    }

    [Theory]
    [InlineData(9, 3)]
    [InlineData(3, 0)]
    [InlineData(-1, 2)]
    public void Likelihood_and_severity_outside_one_to_five_are_refused_and_change_nothing(int likelihood, int severity)
    {
        var assessment = Drafted();
        var error = FluentActions.Invoking(() => assessment.Draft.Rate("LONE", true, "Anyone", likelihood, severity, null)).Should().ThrowExactly<AssessmentRuleException>().Which;
        error.Message.Should().Contain("from 1 to 5");
        assessment.Draft.Ratings.Single(r => r.FactorCode == "LONE").Score.Should().Be(12);
    }

    [Fact]
    public void Approval_freezes_the_revision_and_a_review_makes_a_new_one_leaving_the_old_exactly_as_approved()
    {
        var assessment = Drafted();
        assessment.Approve(Guid.NewGuid(), "Dana Director", Now, Today.AddMonths(12), Scope);
        var first = assessment.Current;
        first.Status.Should().Be(RevisionStatus.Approved);
        var content = first.ApprovedContent;
        first.ApprovedContentHash!.Length.Should().Be(64);

        var refused = FluentActions.Invoking(() => first.Rate("LONE", true, "Everyone", 5, 5, null)).Should().ThrowExactly<AssessmentRuleException>().Which;
        refused.Message.Should().Contain("cannot be changed");
        FluentActions.Invoking(() => assessment.Draft).Should().ThrowExactly<AssessmentRuleException>();

        var second = assessment.StartReview(Now.AddMonths(6));
        second.Number.Should().Be(2);
        second.Ratings.Count.Should().Be(3);
        second.Rate("LONE", true, "Room attendants and night porters", 2, 3, "Personal alarms");
        FluentActions.Invoking(() => assessment.StartReview(Now)).Should().ThrowExactly<AssessmentRuleException>(); // one draft at a time

        first.ApprovedContent.Should().Be(content);
        first.Ratings.Single(r => r.FactorCode == "LONE").Score.Should().Be(12);
        second.Ratings.Single(r => r.FactorCode == "LONE").Score.Should().Be(6);
    }

    [Fact]
    public void An_applicable_factor_must_be_complete_before_approval()
    {
        var assessment = Drafted();
        assessment.Draft.Rate("POWER", true, null, 3, null, null);
        var scope = Scope with { Factors = new Dictionary<string, string>(Scope.Factors) { ["POWER"] = "Power imbalances" } };
        var error = FluentActions.Invoking(() => assessment.Approve(Guid.NewGuid(), "Dana", Now, Today.AddYears(1), scope)).Should().ThrowExactly<AssessmentRuleException>().Which;
        error.Message.Should().Contain("Power imbalances");
        assessment.Current.Status.Should().Be(RevisionStatus.Draft);
        FluentActions.Invoking(() => new RiskAssessment("Empty", AssessmentScope.Event, null, null, "Christmas party", Now).Approve(Guid.NewGuid(), "Dana", Now, Today, Scope)).Should().ThrowExactly<AssessmentRuleException>();
    }

    [Fact]
    public void Approval_is_refused_until_every_factor_is_considered_and_every_high_risk_has_an_action_naming_all_that_is_missing()
    {
        var assessment = new RiskAssessment("Harbour Hotel", AssessmentScope.Site, Guid.NewGuid(), null, null, Now);
        assessment.Draft.Rate("LONE", true, "Room attendants", 4, 3, null);        // 12: High
        assessment.Draft.Rate("ALCOHOL", true, "Bar staff", 5, 5, null);         // 25: Very high
        assessment.Draft.Rate("NIGHT", true, "Night porters", 2, 2, null);       // 4: Low, needs no action
        assessment.Draft.Rate("SECONDMENT", false, null, null, null, null);      // not relevant, but no reason given
        var library = new Dictionary<string, string>
        {
            ["LONE"] = "Lone working",
            ["ALCOHOL"] = "Alcohol",
            ["NIGHT"] = "Night work",
            ["SECONDMENT"] = "Secondments",
            ["UNIFORM"] = "Uniforms",
        };
        var readiness = ApprovalReadiness.Of(assessment.Draft, new ApprovalScope(library, new HashSet<string> { "LONE" }));
        readiness.Ready.Should().BeFalse();
        readiness.Considered.Should().Be(3);
        readiness.Total.Should().Be(5);
        readiness.NotConsidered.Should().Equal("Secondments", "Uniforms");
        readiness.HighWithoutAction.Should().Equal("Alcohol");

        var error = FluentActions.Invoking(() => assessment.Approve(Guid.NewGuid(), "Dana", Now, Today, new ApprovalScope(library, new HashSet<string> { "LONE" }))).Should().ThrowExactly<AssessmentRuleException>().Which;
        error.Message.Should().Contain("2 of 5 factors have not been considered (Secondments; Uniforms)");
        error.Message.Should().Contain("1 High or Very high risk has no action (Alcohol)");
        assessment.Current.Status.Should().Be(RevisionStatus.Draft);

        assessment.Draft.Rate("SECONDMENT", false, null, null, null, null, "Nobody is seconded.");
        assessment.Draft.Rate("UNIFORM", false, null, null, null, null, "No uniforms are worn.");
        assessment.Approve(Guid.NewGuid(), "Dana", Now, Today, new ApprovalScope(library, new HashSet<string> { "LONE", "ALCOHOL" }));
        // The frozen content holds every factor, the ones judged not relevant with their reason.
        assessment.Current.ApprovedContent.Should().Contain("\"notRelevantReason\":\"No uniforms are worn.\"");
        System.Text.Json.JsonDocument.Parse(assessment.Current.ApprovedContent!).RootElement.GetProperty("factors").GetArrayLength().Should().Be(5);
    }

    [Fact]
    public void A_review_is_overdue_after_its_date_and_a_flag_asks_for_one_early()
    {
        var assessment = Drafted();
        assessment.Approve(Guid.NewGuid(), "Dana", Now, Today.AddMonths(12), Scope);
        assessment.IsReviewOverdue(Today.AddMonths(12)).Should().BeFalse();
        assessment.IsReviewOverdue(Today.AddMonths(12).AddDays(1)).Should().BeTrue();
        assessment.FlagForReview("Customer incident at the bar", Now);
        assessment.ReviewFlaggedAtUtc.Should().NotBeNull();
    }

    [Fact]
    public void An_action_is_completed_only_with_a_date_and_a_note()
    {
        var action = new RiskAction(Guid.NewGuid(), 1, "LONE", "Buy personal alarms", "Facilities manager", Today.AddDays(30), Now);
        FluentActions.Invoking(() => action.Complete(null, "Bought", Today)).Should().ThrowExactly<AssessmentRuleException>().Which.Message.Should().Contain("date");
        FluentActions.Invoking(() => action.Complete(Today, " ", Today)).Should().ThrowExactly<AssessmentRuleException>().Which.Message.Should().Contain("what was done");
        FluentActions.Invoking(() => action.Complete(Today.AddDays(1), "Bought", Today)).Should().ThrowExactly<AssessmentRuleException>().Which.Message.Should().Contain("future");
        action.Status.Should().Be(ActionStatus.Open);
        action.IsOverdue(Today.AddDays(31)).Should().BeTrue();

        action.Complete(Today, "Twelve alarms issued", Today);
        action.Status.Should().Be(ActionStatus.Done);
        action.IsOverdue(Today.AddDays(31)).Should().BeFalse();
        FluentActions.Invoking(() => action.Complete(Today, "Again", Today)).Should().ThrowExactly<AssessmentRuleException>();
    }
}
