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
        assessment.Draft.Rate("SECONDMENT", false, null, null, null, null);
        return assessment;
    }

    [Fact]
    public void The_residual_risk_is_likelihood_times_severity_in_bands()
    {
        var draft = Drafted().Draft;
        var lone = draft.Ratings.Single(r => r.FactorCode == "LONE");
        Assert.Equal(12, lone.Score);
        Assert.Equal(RiskBand.High, lone.Band);
        Assert.Null(draft.Ratings.Single(r => r.FactorCode == "SECONDMENT").Score);
    }

    [Theory]
    [InlineData(9, 3)]
    [InlineData(3, 0)]
    [InlineData(-1, 2)]
    public void Likelihood_and_severity_outside_one_to_five_are_refused_and_change_nothing(int likelihood, int severity)
    {
        var assessment = Drafted();
        var error = Assert.Throws<AssessmentRuleException>(() => assessment.Draft.Rate("LONE", true, "Anyone", likelihood, severity, null));
        Assert.Contains("from 1 to 5", error.Message);
        Assert.Equal(12, assessment.Draft.Ratings.Single(r => r.FactorCode == "LONE").Score);
    }

    [Fact]
    public void Approval_freezes_the_revision_and_a_review_makes_a_new_one_leaving_the_old_exactly_as_approved()
    {
        var assessment = Drafted();
        assessment.Approve(Guid.NewGuid(), "Dana Director", Now, Today.AddMonths(12));
        var first = assessment.Current;
        Assert.Equal(RevisionStatus.Approved, first.Status);
        var content = first.ApprovedContent;
        Assert.Equal(64, first.ApprovedContentHash!.Length);

        var refused = Assert.Throws<AssessmentRuleException>(() => first.Rate("LONE", true, "Everyone", 5, 5, null));
        Assert.Contains("cannot be changed", refused.Message);
        Assert.Throws<AssessmentRuleException>(() => assessment.Draft);

        var second = assessment.StartReview(Now.AddMonths(6));
        Assert.Equal(2, second.Number);
        Assert.Equal(3, second.Ratings.Count);
        second.Rate("LONE", true, "Room attendants and night porters", 2, 3, "Personal alarms");
        Assert.Throws<AssessmentRuleException>(() => assessment.StartReview(Now)); // one draft at a time

        Assert.Equal(content, first.ApprovedContent);
        Assert.Equal(12, first.Ratings.Single(r => r.FactorCode == "LONE").Score);
        Assert.Equal(6, second.Ratings.Single(r => r.FactorCode == "LONE").Score);
    }

    [Fact]
    public void An_applicable_factor_must_be_complete_before_approval()
    {
        var assessment = Drafted();
        assessment.Draft.Rate("POWER", true, null, 3, null, null);
        var error = Assert.Throws<AssessmentRuleException>(() => assessment.Approve(Guid.NewGuid(), "Dana", Now, Today.AddYears(1)));
        Assert.Contains("POWER", error.Message);
        Assert.Equal(RevisionStatus.Draft, assessment.Current.Status);
        Assert.Throws<AssessmentRuleException>(() => new RiskAssessment("Empty", AssessmentScope.Event, null, null, "Christmas party", Now).Approve(Guid.NewGuid(), "Dana", Now, Today));
    }

    [Fact]
    public void A_review_is_overdue_after_its_date_and_a_flag_asks_for_one_early()
    {
        var assessment = Drafted();
        assessment.Approve(Guid.NewGuid(), "Dana", Now, Today.AddMonths(12));
        Assert.False(assessment.IsReviewOverdue(Today.AddMonths(12)));
        Assert.True(assessment.IsReviewOverdue(Today.AddMonths(12).AddDays(1)));
        assessment.FlagForReview("Customer incident at the bar", Now);
        Assert.NotNull(assessment.ReviewFlaggedAtUtc);
    }

    [Fact]
    public void An_action_is_completed_only_with_a_date_and_a_note()
    {
        var action = new RiskAction(Guid.NewGuid(), 1, "LONE", "Buy personal alarms", "Facilities manager", Today.AddDays(30), Now);
        Assert.Contains("date", Assert.Throws<AssessmentRuleException>(() => action.Complete(null, "Bought", Today)).Message);
        Assert.Contains("what was done", Assert.Throws<AssessmentRuleException>(() => action.Complete(Today, " ", Today)).Message);
        Assert.Contains("future", Assert.Throws<AssessmentRuleException>(() => action.Complete(Today.AddDays(1), "Bought", Today)).Message);
        Assert.Equal(ActionStatus.Open, action.Status);
        Assert.True(action.IsOverdue(Today.AddDays(31)));

        action.Complete(Today, "Twelve alarms issued", Today);
        Assert.Equal(ActionStatus.Done, action.Status);
        Assert.False(action.IsOverdue(Today.AddDays(31)));
        Assert.Throws<AssessmentRuleException>(() => action.Complete(Today, "Again", Today));
    }
}
