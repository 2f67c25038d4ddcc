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
        assessment.Approve(Guid.NewGuid(), "Dana Director", Now, Today.AddMonths(12), Scope);
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
        var scope = Scope with { Factors = new Dictionary<string, string>(Scope.Factors) { ["POWER"] = "Power imbalances" } };
        var error = Assert.Throws<AssessmentRuleException>(() => assessment.Approve(Guid.NewGuid(), "Dana", Now, Today.AddYears(1), scope));
        Assert.Contains("Power imbalances", error.Message);
        Assert.Equal(RevisionStatus.Draft, assessment.Current.Status);
        Assert.Throws<AssessmentRuleException>(() => new RiskAssessment("Empty", AssessmentScope.Event, null, null, "Christmas party", Now).Approve(Guid.NewGuid(), "Dana", Now, Today, Scope));
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
            ["LONE"] = "Lone working", ["ALCOHOL"] = "Alcohol", ["NIGHT"] = "Night work", ["SECONDMENT"] = "Secondments", ["UNIFORM"] = "Uniforms",
        };
        var readiness = ApprovalReadiness.Of(assessment.Draft, new ApprovalScope(library, new HashSet<string> { "LONE" }));
        Assert.False(readiness.Ready);
        Assert.Equal(3, readiness.Considered);
        Assert.Equal(5, readiness.Total);
        Assert.Equal(["Secondments", "Uniforms"], readiness.NotConsidered);
        Assert.Equal(["Alcohol"], readiness.HighWithoutAction);

        var error = Assert.Throws<AssessmentRuleException>(() => assessment.Approve(Guid.NewGuid(), "Dana", Now, Today, new ApprovalScope(library, new HashSet<string> { "LONE" })));
        Assert.Contains("2 of 5 factors have not been considered (Secondments; Uniforms)", error.Message);
        Assert.Contains("1 High or Very high risk has no action (Alcohol)", error.Message);
        Assert.Equal(RevisionStatus.Draft, assessment.Current.Status);

        assessment.Draft.Rate("SECONDMENT", false, null, null, null, null, "Nobody is seconded.");
        assessment.Draft.Rate("UNIFORM", false, null, null, null, null, "No uniforms are worn.");
        assessment.Approve(Guid.NewGuid(), "Dana", Now, Today, new ApprovalScope(library, new HashSet<string> { "LONE", "ALCOHOL" }));
        // The frozen content holds every factor, the ones judged not relevant with their reason.
        Assert.Contains("\"notRelevantReason\":\"No uniforms are worn.\"", assessment.Current.ApprovedContent);
        Assert.Equal(5, System.Text.Json.JsonDocument.Parse(assessment.Current.ApprovedContent!).RootElement.GetProperty("factors").GetArrayLength());
    }

    [Fact]
    public void A_review_is_overdue_after_its_date_and_a_flag_asks_for_one_early()
    {
        var assessment = Drafted();
        assessment.Approve(Guid.NewGuid(), "Dana", Now, Today.AddMonths(12), Scope);
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
