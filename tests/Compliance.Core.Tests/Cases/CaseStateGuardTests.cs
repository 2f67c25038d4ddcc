using Compliance.Core.Cases;

namespace Compliance.Core.Tests.Cases;

/// <summary>Each guard on a case's state changes: what it allows, what it refuses, and what it leaves as it was.</summary>
public sealed class CaseStateGuardTests
{
    private static readonly DateOnly Received = ReportCases.Received;
    private static readonly DateOnly Later = new(2026, 12, 4);

    private static ReportCase NewCase(ReportingMode mode = ReportingMode.Anonymous) => ReportCases.New(mode);

    private static ReportCase Triaged() => ReportCases.Triaged();

    private static ReportCase WithOutcome()
    {
        var c = Triaged();
        c.RecordOutcome(Received, CaseOutcome.NotUpheld);
        return c;
    }

    /// <summary>The change is refused; a refusal about the case as a whole names no field.</summary>
    private static CaseRuleException Refused(Action change, string field = "")
    {
        var e = FluentActions.Invoking(change).Should().ThrowExactly<CaseRuleException>().Which;
        e.Field.Should().Be(field);
        return e;
    }

    [Fact]
    public void A_new_report_is_received_open_and_unread_with_nothing_decided()
    {
        var c = NewCase();
        c.State.Should().Be(CaseState.Received);
        c.IsOpen.Should().BeTrue();
        c.HasOutcome.Should().BeFalse();
        c.ReporterMayWrite.Should().BeTrue();
        c.ReporterActivityUnread.Should().BeTrue();
    }

    [Fact]
    public void A_case_is_acknowledged_once_and_on_the_day_given()
    {
        var c = NewCase();
        c.Acknowledge(Later);
        c.State.Should().Be(CaseState.Acknowledged);
        c.AcknowledgedOn.Should().Be(Later);
        Refused(() => c.Acknowledge(Later)).Message.Should().Be("This case has already been acknowledged.");
    }

    [Fact]
    public void Triage_needs_an_acknowledgement_first_happens_once_and_keeps_what_was_decided()
    {
        var c = NewCase();
        Refused(() => c.Triage(Later, Urgency.Urgent, VictimisationRisk.High, CaseFlags.None)).Message.Should().Be("Acknowledge the report before triage.");
        c.State.Should().Be(CaseState.Received);
        c.Acknowledge(Received);
        c.Triage(Later, Urgency.Urgent, VictimisationRisk.High, CaseFlags.PossibleProtectedDisclosure);
        c.Should().Match<ReportCase>(x => x.State == CaseState.Triaged && x.TriagedOn == Later && x.Urgency == Urgency.Urgent
            && x.VictimisationRisk == VictimisationRisk.High && x.Flags == CaseFlags.PossibleProtectedDisclosure);
        Refused(() => c.Triage(Later, Urgency.Routine, VictimisationRisk.Low, CaseFlags.None)).Message.Should().Be("This case has already been triaged.");
        c.Urgency.Should().Be(Urgency.Urgent);
    }

    [Theory]
    [InlineData(CaseRoute.Informal, CaseState.InformalResolution)]
    [InlineData(CaseRoute.FormalInvestigation, CaseState.Investigation)]
    public void A_triaged_case_takes_the_route_chosen(CaseRoute route, CaseState state)
    {
        var c = Triaged();
        c.ChooseRoute(route);
        c.Route.Should().Be(route);
        c.State.Should().Be(state);
    }

    [Fact]
    public void A_route_cannot_be_chosen_before_triage()
    {
        var c = NewCase();
        c.Acknowledge(Received);
        var e = Refused(() => c.ChooseRoute(CaseRoute.Informal), "Route");
        e.Message.Should().Be("Triage the case before choosing how to deal with it.");
        c.Route.Should().BeNull();
        c.State.Should().Be(CaseState.Acknowledged);
    }

    [Fact]
    public void An_informal_route_may_become_a_formal_investigation_but_not_the_other_way_or_again()
    {
        var c = Triaged();
        c.ChooseRoute(CaseRoute.Informal);
        var e = Refused(() => c.ChooseRoute(CaseRoute.Informal), "Route");
        e.Message.Should().Be("The route can only be chosen after triage, or changed from informal to formal before an outcome.");
        c.ChooseRoute(CaseRoute.FormalInvestigation);
        c.State.Should().Be(CaseState.Investigation);
        Refused(() => c.ChooseRoute(CaseRoute.Informal), "Route").Message.Should().StartWith("The route can only be chosen after triage");
        Refused(() => c.ChooseRoute(CaseRoute.FormalInvestigation), "Route");
        c.Route.Should().Be(CaseRoute.FormalInvestigation);
    }

    [Fact]
    public void Once_an_outcome_is_recorded_the_route_can_no_longer_change()
    {
        var c = Triaged();
        c.ChooseRoute(CaseRoute.Informal);
        c.RecordOutcome(Received, CaseOutcome.NoFurtherAction);
        Refused(() => c.ChooseRoute(CaseRoute.FormalInvestigation), "Route").Message.Should().StartWith("The route can only be chosen after triage");
        c.State.Should().Be(CaseState.OutcomeRecorded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(CaseRoute.Informal)]
    [InlineData(CaseRoute.FormalInvestigation)]
    public void An_outcome_may_be_recorded_after_triage_on_either_route_and_only_once(CaseRoute? route)
    {
        var c = Triaged();
        if (route is { } r) c.ChooseRoute(r);
        c.RecordOutcome(Later, CaseOutcome.PartlyUpheld);
        c.Should().Match<ReportCase>(x => x.State == CaseState.OutcomeRecorded && x.Outcome == CaseOutcome.PartlyUpheld && x.OutcomeOn == Later && x.HasOutcome);
        var e = Refused(() => c.RecordOutcome(Later, CaseOutcome.Upheld), "Outcome");
        e.Message.Should().Be("An outcome has already been recorded; an appeal can change it.");
        c.Outcome.Should().Be(CaseOutcome.PartlyUpheld);
    }

    [Fact]
    public void An_outcome_before_triage_names_the_outcome_field()
    {
        var e = Refused(() => NewCase().RecordOutcome(Received, CaseOutcome.Upheld), "Outcome");
        e.Message.Should().Be("An outcome can only be recorded after triage.");
    }

    [Fact]
    public void An_appeal_is_lodged_only_against_a_recorded_outcome_and_only_once()
    {
        Refused(() => Triaged().LodgeAppeal(Received)).Message.Should().Be("An appeal can only be lodged against a recorded outcome of an open case.");
        var c = WithOutcome();
        c.LodgeAppeal(Later);
        c.State.Should().Be(CaseState.Appealed);
        c.AppealLodgedOn.Should().Be(Later);
        Refused(() => c.LodgeAppeal(Later)).Message.Should().Be("An appeal can only be lodged against a recorded outcome of an open case.");
        c.DecideAppeal(Later, AppealResult.Dismissed, null);
        Refused(() => c.LodgeAppeal(Later)).Message.Should().Be("This case has already had an appeal.");
        c.State.Should().Be(CaseState.OutcomeRecorded);
    }

    [Fact]
    public void An_appeal_is_decided_only_when_lodged_and_a_dismissed_one_keeps_the_outcome()
    {
        var c = WithOutcome();
        Refused(() => c.DecideAppeal(Later, AppealResult.Dismissed, null)).Message.Should().Be("There is no appeal to decide.");
        c.AppealResult.Should().BeNull();
        c.LodgeAppeal(Received);
        c.DecideAppeal(Later, AppealResult.Dismissed, CaseOutcome.Upheld);
        c.Should().Match<ReportCase>(x => x.AppealResult == AppealResult.Dismissed && x.AppealDecidedOn == Later
            && x.Outcome == CaseOutcome.NotUpheld && x.State == CaseState.OutcomeRecorded);
    }

    [Fact]
    public void An_upheld_appeal_without_a_new_outcome_is_refused_and_leaves_the_appeal_open()
    {
        var c = WithOutcome();
        c.LodgeAppeal(Received);
        var e = Refused(() => c.DecideAppeal(Later, AppealResult.Upheld, null), "NewOutcome");
        e.Message.Should().Be("Choose the outcome that replaces the original one.");
        c.State.Should().Be(CaseState.Appealed);
        c.AppealDecidedOn.Should().BeNull();
        c.Outcome.Should().Be(CaseOutcome.NotUpheld);
    }

    [Fact]
    public void Closing_records_the_day_the_changes_needed_and_check_ins_from_the_closing_day_in_order()
    {
        var c = WithOutcome();
        c.Close(Later, [6, 0, -1, 1, 3], riskAssessmentChangeNeeded: true, policyChangeNeeded: false);
        c.Should().Match<ReportCase>(x => x.State == CaseState.Closed && x.ClosedOn == Later && !x.IsOpen
            && x.RiskAssessmentChangeNeeded == true && x.PolicyChangeNeeded == false);
        c.CheckInDates.Should().Equal(Later.AddMonths(1), Later.AddMonths(3), Later.AddMonths(6));
        var other = WithOutcome();
        other.Close(Later, [], riskAssessmentChangeNeeded: false, policyChangeNeeded: true);
        other.PolicyChangeNeeded.Should().BeTrue();
        other.RiskAssessmentChangeNeeded.Should().BeFalse();
        other.CheckInDates.Should().BeEmpty();
    }

    [Fact]
    public void A_closed_case_cannot_be_closed_again_and_keeps_its_closing_day()
    {
        var c = WithOutcome();
        c.Close(Received, [1], false, false);
        Refused(() => c.Close(Later, [1], true, true)).Message.Should().Be("This case is already closed.");
        c.ClosedOn.Should().Be(Received);
        c.RiskAssessmentChangeNeeded.Should().BeFalse();
    }

    [Fact]
    public void Closing_without_an_outcome_is_refused_for_the_case_as_a_whole()
    {
        var c = Triaged();
        Refused(() => c.Close(Later, [1], false, false)).Message.Should().Be("Record an outcome before closing the case.");
        c.ClosedOn.Should().BeNull();
    }

    [Fact]
    public void Closing_during_an_appeal_is_refused_with_its_reason()
    {
        var c = WithOutcome();
        c.LodgeAppeal(Received);
        Refused(() => c.Close(Later, [1], false, false)).Message.Should().Be("Decide the appeal before closing the case.");
        c.State.Should().Be(CaseState.Appealed);
    }
}
