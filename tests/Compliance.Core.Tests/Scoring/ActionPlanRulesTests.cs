using Compliance.Core.Employees;
using Compliance.Core.RiskAssessments;
using Compliance.Core.Scoring;

namespace Compliance.Core.Tests.Scoring;

/// <summary>The action plan's own rules: what an action needs to be added, how it moves, and what counts as evidence.</summary>
public sealed class ActionPlanRulesTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);
    private static readonly DateTime Now = new(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc);

    private static (PlanAction? Action, List<FieldError> Errors) Parse(string? step = "3", string? description = "Review the warehouse assessment",
        string? owner = "HR manager", string? due = "01/07/2026")
    {
        var errors = new List<FieldError>();
        var action = ActionPlan.Parse(new PlanActionInput(step, description, owner, due), PlanSource.Manual, null, "Dana Director", Today, Now, "Actions[0].", errors);
        return (action, errors);
    }

    private static PlanAction Action(DateOnly due) =>
        ActionPlan.Parse(new PlanActionInput("8", "Report to the board", "Company secretary", UkDates.Long(due)), PlanSource.BoardSignOff, Guid.NewGuid(), "Dana Director", Today, Now, "", [])!;

    [Fact]
    public void A_complete_action_is_added_open_with_what_was_typed()
    {
        var (action, errors) = Parse();
        errors.Should().BeEmpty();
        action.Should().NotBeNull();
        action!.Should().Match<PlanAction>(a => a.Step == ReasonableStep.RiskAssessment && a.Description == "Review the warehouse assessment"
            && a.Owner == "HR manager" && a.DueDate == new DateOnly(2026, 7, 1) && a.Status == ActionStatus.Open && a.Source == PlanSource.Manual
            && a.CreatedByName == "Dana Director" && a.CreatedAtUtc == Now);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("9")]
    [InlineData("three")]
    public void An_action_must_serve_one_of_the_eight_steps(string? step)
    {
        var (action, errors) = Parse(step: step);
        action.Should().BeNull();
        errors.Should().Equal(new FieldError("Actions[0].Step", "Choose the step this action serves."));
    }

    [Theory]
    [InlineData(" 1 ", ReasonableStep.Policy)]
    [InlineData("8", ReasonableStep.Monitoring)]
    public void Every_step_from_1_to_8_may_be_chosen(string step, ReasonableStep expected) =>
        Parse(step: step).Action!.Step.Should().Be(expected);

    [Theory]
    [InlineData(null, "Enter the date the action is due.")]
    [InlineData("soon", "\"soon\" is not a date. Use a date such as 14/03/2027.")]
    [InlineData("31/05/2026", "The due date cannot be in the past.")]
    [InlineData("02/06/2031", "The due date must be within five years.")]
    public void The_due_date_must_be_a_date_from_today_to_five_years_ahead(string? due, string message)
    {
        var (action, errors) = Parse(due: due);
        action.Should().BeNull();
        errors.Should().Equal(new FieldError("Actions[0].DueDate", message));
    }

    [Theory]
    [InlineData("01/06/2026")]
    [InlineData("01/06/2031")]
    public void Today_and_exactly_five_years_ahead_are_allowed(string due) => Parse(due: due).Errors.Should().BeEmpty();

    [Fact]
    public void The_description_and_owner_are_required_and_named_with_the_prefix()
    {
        var (action, errors) = Parse(description: " ", owner: null);
        action.Should().BeNull();
        errors.Should().Equal(
            new FieldError("Actions[0].Description", "Say what is to be done."),
            new FieldError("Actions[0].Owner", "Enter who owns the action (a person or a role)."));
    }

    [Fact]
    public void A_description_or_owner_too_long_is_named_in_words()
    {
        var (action, errors) = Parse(description: new string('d', PlanAction.MaxDescriptionLength + 1), owner: new string('o', PlanAction.MaxOwnerLength + 1));
        action.Should().BeNull();
        errors.Select(e => e.Message).Should().Equal(
            "The action is too long: keep it to 1,000 characters (it has 1,001).",
            "The owner is too long: keep it to 200 characters (it has 201).");
    }

    [Fact]
    public void Errors_already_found_in_other_fields_of_the_form_do_not_stop_a_valid_action()
    {
        var errors = new List<FieldError> { new("Meeting", "Enter the meeting.") };
        var action = ActionPlan.Parse(new PlanActionInput("2", "Survey staff", "HR", "01/09/2026"), PlanSource.BoardSignOff, Guid.NewGuid(), "Dana", Today, Now, "", errors);
        action.Should().NotBeNull();
        errors.Should().ContainSingle();
    }

    [Fact]
    public void A_blank_row_of_the_form_is_one_with_nothing_typed_but_the_step()
    {
        new PlanActionInput("3", " ", null, "").IsBlank.Should().BeTrue();
        new PlanActionInput("3", "x", null, null).IsBlank.Should().BeFalse();
        new PlanActionInput("3", null, "x", null).IsBlank.Should().BeFalse();
        new PlanActionInput("3", null, null, "x").IsBlank.Should().BeFalse();
    }

    [Fact]
    public void An_action_a_case_closure_asks_for_is_owned_by_the_HR_manager_and_says_where_it_came_from()
    {
        var caseId = Guid.NewGuid();
        var action = ActionPlan.FromCaseClosure(ReasonableStep.Policy, "Review the policy", Today.AddDays(30), caseId, Now);
        action.Should().Match<PlanAction>(a => a.Owner == "HR manager" && a.Source == PlanSource.CaseClosure && a.SourceId == caseId
            && a.CreatedByName == "Case closure" && a.Status == ActionStatus.Open && a.Step == ReasonableStep.Policy);
        PlanSource.CaseClosure.Label().Should().Be("Case closure");
        PlanSource.BoardSignOff.Label().Should().Be("Board sign-off");
        PlanSource.Manual.Label().Should().Be("Added by hand");
    }

    [Fact]
    public void An_action_is_overdue_from_the_day_after_its_due_date_until_it_is_done()
    {
        var action = Action(Today);
        action.IsOverdue(Today).Should().BeFalse();
        action.IsOverdue(Today.AddDays(1)).Should().BeTrue();
        action.Start();
        action.IsOverdue(Today.AddDays(1)).Should().BeTrue();
        action.Complete(Today.AddDays(1), "Done", "/position", null);
        action.IsOverdue(Today.AddDays(2)).Should().BeFalse();
    }

    [Fact]
    public void An_action_starts_once_and_is_done_once()
    {
        var action = Action(Today);
        action.Start();
        action.Status.Should().Be(ActionStatus.InProgress);
        FluentActions.Invoking(action.Start).Should().ThrowExactly<PlanRuleException>().WithMessage("This action is already in progress.").Which.Field.Should().BeEmpty();
        action.Complete(Today, "Reported", null, ("minutes.pdf", [1, 2], "abc"));
        action.Should().Match<PlanAction>(a => a.Status == ActionStatus.Done && a.CompletedOn == Today && a.CompletionNote == "Reported"
            && a.EvidenceLink == null && a.EvidenceFileName == "minutes.pdf" && a.EvidenceSha256 == "abc" && a.EvidenceFile!.Length == 2);
        FluentActions.Invoking(action.Start).Should().ThrowExactly<PlanRuleException>().WithMessage("This action is already done.");
        FluentActions.Invoking(() => action.Complete(Today, "Again", "/x", null)).Should().ThrowExactly<PlanRuleException>().WithMessage("This action is already done.")
            .Which.Field.Should().BeEmpty();
        action.CompletionNote.Should().Be("Reported");
    }

    [Fact]
    public void An_action_may_be_done_straight_from_open_with_a_link_and_no_file()
    {
        var action = Action(Today);
        action.Complete(Today, "Linked", "https://intranet.example/minutes", null);
        action.Should().Match<PlanAction>(a => a.Status == ActionStatus.Done && a.EvidenceLink == "https://intranet.example/minutes" && a.EvidenceFileName == null && a.EvidenceSha256 == null);
    }

    [Theory]
    [InlineData("/position", true)]
    [InlineData("https://intranet.example/minutes", true)]
    [InlineData("http://intranet.example/minutes", true)]
    [InlineData("//evil.example/x", false)]
    [InlineData("/a\\b", false)]
    [InlineData("/a b", false)]
    [InlineData("ftp://files.example/x", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("minutes.pdf", false)]
    public void Evidence_links_are_web_addresses_or_pages_of_this_app(string link, bool allowed) =>
        ActionPlan.IsEvidenceLink(link).Should().Be(allowed);
}
