using Compliance.Core.Cases;
using Compliance.Core.Organisation;
using Compliance.Core.Policies;
using Compliance.Core.RiskAssessments;
using Compliance.Core.Scoring;
using Compliance.Core.ThirdParty;

namespace Compliance.Core.Tests.Scoring.Database;

/// <summary>
/// The facts each step's rule reads, as they stood on a day, from records stored and read back: what was dated
/// after the day, recorded after it, or of another kind is left out, and each boundary day falls on its right side.
/// </summary>
public sealed class StepEvidenceDatabaseTests : IDisposable
{
    private readonly EvidenceDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static DateTime Utc(int y, int m, int d, int h = 9) => new(y, m, d, h, 0, 0, DateTimeKind.Utc);

    private static PolicyPublication Publication(DateOnly effective, PolicyChange change = PolicyChange.Material) =>
        new(effective, AudienceKind.Everyone, [], change, [], null, "Hana");

    private static void Approve(Policy policy, PolicyVersion version, DateTime at)
    {
        version.SubmitForApproval("Hana", at);
        version.Approve(Guid.NewGuid(), "Dana", at);
    }

    [Fact]
    public async Task The_policy_in_force_on_a_day_is_the_latest_published_and_effective_by_then_with_its_round_of_acknowledgements()
    {
        var site = _db.Site("Harbour");
        var staff = _db.Employee("E-1", site.Id, start: new DateOnly(2026, 1, 1));
        var noDates = _db.Employee("E-2", site.Id);
        var joiner = _db.Employee("E-3", site.Id, start: new DateOnly(2026, 11, 17));
        var leaver = _db.Employee("E-4", site.Id, leaving: new DateOnly(2026, 11, 16));
        var policy = new Policy(PolicyKind.SexualHarassment, "Policy", "policy", "Tell your manager.", Utc(2026, 1, 5));
        var v1 = policy.Open!;
        Approve(policy, v1, Utc(2026, 1, 10));
        policy.Publish(v1.Id, Publication(new DateOnly(2026, 3, 1)), Utc(2026, 2, 20), new DateOnly(2027, 3, 1));
        var v2 = policy.StartNewVersion(Utc(2026, 9, 1));
        v2.Edit("Report at https://example.org/report or tell your manager.", Utc(2026, 9, 1));
        Approve(policy, v2, Utc(2026, 9, 2));
        policy.Publish(v2.Id, Publication(new DateOnly(2026, 10, 15)), Utc(2026, 10, 1), new DateOnly(2027, 10, 15));
        // Another kind of policy, in force later: never the anti-harassment policy.
        var other = new Policy(PolicyKind.BullyingAndHarassment, "Bullying", "bullying", "Text with /report", Utc(2026, 1, 5));
        Approve(other, other.Open!, Utc(2026, 10, 2));
        other.Publish(other.Open!.Id, Publication(new DateOnly(2026, 11, 1)), Utc(2026, 10, 2), new DateOnly(2027, 11, 1));
        PolicyAcknowledgement Ack(PolicyVersion v, int round, Guid employee, DateTime at) => new(policy.Id, round, v.Id, v.Number, v.ContentHash!, employee, at);
        await _db.AddAsync(site, staff, noDates, joiner, leaver, policy, other,
            Ack(v1, 1, staff.Id, Utc(2026, 3, 2)), Ack(v1, 1, leaver.Id, Utc(2026, 3, 2)),
            Ack(v2, 2, staff.Id, Utc(2026, 10, 20)), Ack(v2, 2, leaver.Id, Utc(2026, 10, 20)),
            // On the day's last second counts; the next day's first does not.
            Ack(v2, 2, noDates.Id, new DateTime(2026, 11, 16, 23, 59, 59, DateTimeKind.Utc)));
        var evidence = _db.Evidence();

        (await evidence.PolicyOnAsync(new DateOnly(2026, 2, 28))).Should().Be(new PolicyFacts(new DateOnly(2026, 2, 28), null, null, null, null, 0, 0), "published but not yet effective");
        (await evidence.PolicyOnAsync(new DateOnly(2026, 10, 14))).Should().Be(new PolicyFacts(new DateOnly(2026, 10, 14), policy.Id, 1, new DateOnly(2026, 3, 1), new DateOnly(2027, 3, 1), 3, 2),
            "version 2, published, is not effective until the 15th: version 1 and its round are read, with the leaver still in scope");
        (await evidence.PolicyOnAsync(new DateOnly(2026, 11, 15))).Should().Be(new PolicyFacts(new DateOnly(2026, 11, 15), policy.Id, 2, new DateOnly(2026, 10, 15), new DateOnly(2027, 10, 15), 3, 2));
        (await evidence.PolicyOnAsync(_db.Today)).Should().Be(new PolicyFacts(_db.Today, policy.Id, 2, new DateOnly(2026, 10, 15), new DateOnly(2027, 10, 15), 2, 2),
            "the leaver has gone on their leaving date and the joiner not yet come; the acknowledgement at 23:59:59 counts");

        (await evidence.ReportingOnAsync(new DateOnly(2026, 10, 14))).Should().Be(new ReportingFacts(new DateOnly(2026, 10, 14), policy.Id, false));
        (await evidence.ReportingOnAsync(_db.Today)).Should().Be(new ReportingFacts(_db.Today, policy.Id, true));
        (await evidence.ReportingOnAsync(new DateOnly(2026, 1, 1))).Should().Be(new ReportingFacts(new DateOnly(2026, 1, 1), null, false));
    }

    [Fact]
    public async Task Risk_on_a_day_counts_sites_under_the_duty_their_last_site_assessment_approved_by_then_and_the_actions_open_then()
    {
        var england = _db.Site("Harbour");
        var wales = _db.Site("Cardiff", Nation.Wales);
        var scotland = _db.Site("Glasgow", Nation.Scotland);
        var belfast = _db.Site("Belfast", Nation.NorthernIreland);
        RiskAssessment Assessment(Site? site, params DateTime[] approvals)
        {
            var a = new RiskAssessment("A", site is null ? AssessmentScope.Department : AssessmentScope.Site, site?.Id, null, null, Utc(2025, 1, 1));
            for (var i = 0; i < approvals.Length; i++)
            {
                if (i > 0) a.StartReview(approvals[i]);
                a.Current.Freeze(Guid.NewGuid(), "Dana", approvals[i]);
            }
            return a;
        }
        // The Harbour: approved 17 November 2025, current to 17 November 2026, and a review approved after the day.
        var harbour = Assessment(england, Utc(2025, 11, 17), Utc(2026, 11, 17));
        // Cardiff: last approved 15 November 2025, so its review fell due on 15 November 2026.
        var cardiff = Assessment(wales, Utc(2025, 11, 15));
        // Belfast is outside the duty; a department's assessment covers no site; Glasgow has none.
        var belfastA = Assessment(belfast, Utc(2026, 6, 1));
        var department = Assessment(null, Utc(2026, 6, 1));
        RiskAction Action(DateOnly due, DateTime created, DateOnly? done = null)
        {
            var action = new RiskAction(harbour.Id, 1, null, "Do it", "Sam", due, created);
            if (done is { } d) action.Complete(d, "Done", d);
            return action;
        }
        await _db.AddAsync(england, wales, scotland, belfast, harbour, cardiff, belfastA, department,
            Action(new DateOnly(2026, 11, 15), Utc(2026, 1, 1)), // open, overdue
            Action(new DateOnly(2026, 11, 16), Utc(2026, 1, 1)), // open, due today: not overdue
            Action(new DateOnly(2026, 10, 1), Utc(2026, 1, 1), done: new DateOnly(2026, 11, 17)), // done after the day: open and overdue on it
            Action(new DateOnly(2026, 10, 1), Utc(2026, 1, 1), done: new DateOnly(2026, 11, 16)), // done on the day
            Action(new DateOnly(2026, 10, 1), Utc(2026, 11, 17))); // created after the day
        var evidence = _db.Evidence();
        (await evidence.RiskOnAsync(_db.Today)).Should().Be(new RiskFacts(_db.Today, 3, 1, 1, 3, 2));
        (await evidence.RiskOnAsync(new DateOnly(2026, 11, 14))).Should().Be(new RiskFacts(new DateOnly(2026, 11, 14), 3, 2, 0, 4, 2), "the actions done on and after the day were open and overdue before it");
        (await evidence.RiskOnAsync(new DateOnly(2026, 11, 17))).Should().Be(new RiskFacts(new DateOnly(2026, 11, 17), 3, 1, 1, 3, 3), "the review approved on the 17th counts that day");
        (await evidence.RiskOnAsync(new DateOnly(2025, 11, 16))).Should().Be(new RiskFacts(new DateOnly(2025, 11, 16), 3, 1, 0, 0, 0));
    }

    [Fact]
    public async Task Complaints_on_a_day_judge_each_deadline_as_it_stood_then_met_missed_or_not_yet_due()
    {
        _db.Cases.AcknowledgeWithinDays = 7;
        _db.Cases.TriageWithinWorkingDays = 5;
        _db.Cases.FeedbackWithinMonths = 3;
        var day = new DateOnly(2026, 11, 16);
        ReportCase Case(DateOnly received, DateOnly? ack = null, DateOnly? triage = null, DateOnly? feedback = null, DateOnly? closed = null)
        {
            var c = EvidenceDatabase.Report(received);
            if (ack is { } a) c.Acknowledge(a);
            if (triage is { } t) c.Triage(t, Urgency.Routine, VictimisationRisk.Low, CaseFlags.None);
            if (feedback is { } f) c.MessageSent(f, EntryKind.HandlerMessage, givesFeedback: true);
            if (closed is { } x)
            {
                c.RecordOutcome(x, CaseOutcome.Upheld);
                c.Close(x, [], false, false);
            }
            return c;
        }
        await _db.AddAsync(
            // Received Monday 2 November: acknowledged on the 9th (day 7, met), triaged Monday 16th (5 working days from the 9th, met); feedback not due.
            Case(new DateOnly(2026, 11, 2), ack: new DateOnly(2026, 11, 9), triage: new DateOnly(2026, 11, 16)),
            // Received 1 November, acknowledged on the 9th (day 8, missed); triage due Monday 16th, not done: not yet missed.
            Case(new DateOnly(2026, 11, 1), ack: new DateOnly(2026, 11, 9)),
            // Received 8 November, nothing done: acknowledgement due the 15th, missed; triage due 5 working days from receipt (13th), missed.
            Case(new DateOnly(2026, 11, 8)),
            // Received 16 August: all done in time, feedback on 16 November (3 months, met).
            Case(new DateOnly(2026, 8, 16), ack: new DateOnly(2026, 8, 17), triage: new DateOnly(2026, 8, 18), feedback: new DateOnly(2026, 11, 16)),
            // Received 15 August, closed without feedback: no feedback deadline at all.
            Case(new DateOnly(2026, 8, 15), ack: new DateOnly(2026, 8, 15), triage: new DateOnly(2026, 8, 15), closed: new DateOnly(2026, 9, 1)),
            // Received 14 August, no feedback by 14 November: missed.
            Case(new DateOnly(2026, 8, 14), ack: new DateOnly(2026, 8, 14), triage: new DateOnly(2026, 8, 14)),
            // Received after the day, and before the window.
            Case(new DateOnly(2026, 11, 17)), Case(new DateOnly(2025, 11, 16)));
        var evidence = _db.Evidence();
        (await evidence.ComplaintsOnAsync(day)).Should().Be(new ComplaintFacts(day, 6, 2 + 0 + 0 + 3 + 2 + 2, 0 + 1 + 2 + 0 + 0 + 1));
        (await evidence.ComplaintsBetweenAsync(new DateOnly(2025, 11, 16), new DateOnly(2025, 11, 16))).Should().Be(new ComplaintFacts(new DateOnly(2025, 11, 16), 1, 0, 0));
        // From 2 November (the case of the 1st left out): on the 9th the acknowledgement that day counts, and nothing else is due yet.
        (await evidence.ComplaintsBetweenAsync(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 9))).Should().Be(new ComplaintFacts(new DateOnly(2026, 11, 9), 2, 1, 0));
        _db.Scoring.WindowMonths = 3;
        (await _db.Evidence().ComplaintsOnAsync(day)).Received.Should().Be(3, "the window starts the day after 16 August, three months back");
    }

    [Fact]
    public async Task Third_party_incidents_on_a_day_count_as_reviewed_in_time_only_by_an_approval_after_the_incident_and_within_the_period()
    {
        _db.Scoring.ThirdPartyReviewWithinDays = 10;
        var site = _db.Site("Harbour");
        var assessment = new RiskAssessment("A", AssessmentScope.Site, site.Id, null, null, Utc(2025, 1, 1));
        assessment.Current.Freeze(Guid.NewGuid(), "Dana", Utc(2026, 10, 5));
        assessment.StartReview(Utc(2026, 11, 1));
        assessment.Current.Freeze(Guid.NewGuid(), "Dana", Utc(2026, 11, 11));
        var other = new RiskAssessment("B", AssessmentScope.Site, site.Id, null, null, Utc(2025, 1, 1));
        ThirdPartyIncident Incident(DateTime logged, RiskAssessment? flagged)
        {
            var i = new ThirdPartyIncident(DateOnly.FromDateTime(logged), site.Id, ThirdPartyType.Customer, "Comments", true, null, IncidentResponse.None, null, Guid.NewGuid(), "Hana", logged);
            if (flagged is not null) typeof(ThirdPartyIncident).GetProperty(nameof(ThirdPartyIncident.RiskAssessmentId))!.SetValue(i, flagged.Id);
            return i;
        }
        await _db.AddAsync(site, assessment, other,
            Incident(Utc(2026, 11, 1), assessment),  // approved on the 11th, exactly 10 days on: in time
            Incident(Utc(2026, 10, 1), assessment),  // approved on 5 October, within 10 days: in time
            Incident(Utc(2026, 10, 20), assessment), // next approval 22 days on: late
            Incident(Utc(2026, 11, 10), other),      // not reviewed, deadline the 20th: not yet late
            Incident(Utc(2026, 11, 5), null),        // no assessment flagged, deadline the 15th: late
            Incident(Utc(2026, 11, 17), null));      // after the day
        var evidence = _db.Evidence();
        (await evidence.ThirdPartiesOnAsync(_db.Today)).Should().Be(new ThirdPartyFacts(_db.Today, 5, 2, 2));
        (await evidence.ThirdPartiesBetweenAsync(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 10))).Should().Be(new ThirdPartyFacts(new DateOnly(2026, 11, 10), 3, 0, 0),
            "on the 10th the approval of the 11th had not happened, and no deadline had passed");
    }

    [Fact]
    public async Task A_third_party_incident_is_counted_by_the_day_it_happened_whenever_it_was_logged_and_logging_it_late_never_makes_a_review_in_time()
    {
        _db.Scoring.ThirdPartyReviewWithinDays = 30;
        var site = _db.Site("Harbour");
        var assessment = new RiskAssessment("A", AssessmentScope.Site, site.Id, null, null, Utc(2025, 1, 1));
        assessment.Current.Freeze(Guid.NewGuid(), "Dana", Utc(2026, 6, 20)); // approved before the July incident, never after
        ThirdPartyIncident Incident(DateOnly happened, DateTime logged)
        {
            var i = new ThirdPartyIncident(happened, site.Id, ThirdPartyType.Customer, "Comments", true, null, IncidentResponse.None, null, Guid.NewGuid(), "Hana", logged);
            typeof(ThirdPartyIncident).GetProperty(nameof(ThirdPartyIncident.RiskAssessmentId))!.SetValue(i, assessment.Id);
            return i;
        }
        // A July incident logged on 10 November; an August one logged the next day. Neither was followed by a review.
        await _db.AddAsync(site, assessment, Incident(new DateOnly(2026, 7, 14), Utc(2026, 11, 10)), Incident(new DateOnly(2026, 8, 3), Utc(2026, 8, 4)));
        var evidence = _db.Evidence();
        (await evidence.ThirdPartiesOnAsync(new DateOnly(2026, 9, 30))).Should().Be(new ThirdPartyFacts(new DateOnly(2026, 9, 30), 2, 0, 2),
            "30 September is worked out from the records as they now stand: July happened then, though logged in November, and both are past their 30 days");
        (await evidence.ThirdPartiesOnAsync(new DateOnly(2026, 7, 31))).Should().Be(new ThirdPartyFacts(new DateOnly(2026, 7, 31), 1, 0, 0), "on 31 July July's 30 days were still running");
        (await evidence.ThirdPartiesOnAsync(new DateOnly(2026, 8, 12))).Should().Be(new ThirdPartyFacts(new DateOnly(2026, 8, 12), 2, 0, 0));
        (await evidence.ThirdPartiesOnAsync(new DateOnly(2026, 8, 13))).Should().Be(new ThirdPartyFacts(new DateOnly(2026, 8, 13), 2, 0, 1), "13 August, July's last day, passed with no review");
        (await evidence.ThirdPartiesOnAsync(_db.Today)).Should().Be(new ThirdPartyFacts(_db.Today, 2, 0, 2));
        var score = (await evidence.ScoresOnAsync(_db.Today)).Single(s => s.Step == ReasonableStep.ThirdParties);
        score.Score.Should().Be(0);
        score.Status.Should().Be(StepStatus.NotMet);
        // The quarter the pack reads (July to September) counts both by the day they happened.
        (await evidence.ThirdPartiesBetweenAsync(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30))).Should().Be(new ThirdPartyFacts(new DateOnly(2026, 9, 30), 2, 0, 2));

        // And the pack's reader finds the gap with its dates in the PDF (the count below 5 withheld).
        var pack = await _db.PackBuilder().BuildAsync(new Core.EvidencePacks.EvidencePack(Guid.NewGuid(), new DateOnly(2025, 11, 17), _db.Today, named: false, null, "Dina Director", _db.NowUtc),
            _db.NowUtc, (_, _) => Task.CompletedTask, default);
        var text = System.Text.RegularExpressions.Regex.Replace(await Tests.EvidencePacks.PackReading.PdfTextAsync(pack), @"\s+", " ");
        text.Should().Contain("Step 7: Third parties: After fewer than 5 third-party incident(s) that happened from 1 January 2026 to 30 September 2026, the risk assessment was not reviewed within 30 days of the incident.");
    }

    [Fact]
    public async Task The_last_board_review_on_a_day_is_the_latest_meeting_signed_by_the_end_of_it()
    {
        BoardSignOff SignOff(DateOnly on, string meeting, DateTime signed) => new(Guid.NewGuid(), on, meeting, "A", "D", "[]", Guid.NewGuid(), "Dana", signed);
        await _db.AddAsync(SignOff(new DateOnly(2026, 9, 1), "Board", Utc(2026, 9, 2)), SignOff(new DateOnly(2026, 9, 1), "Board again", Utc(2026, 9, 3)),
            SignOff(new DateOnly(2026, 10, 1), "Committee", Utc(2026, 11, 17)), SignOff(new DateOnly(2026, 11, 20), "Future", Utc(2026, 11, 16)),
            new PlanAction(ReasonableStep.Policy, "A", "Hana", new DateOnly(2026, 11, 15), PlanSource.Manual, null, "Hana", Utc(2026, 11, 1)),
            new PlanAction(ReasonableStep.Policy, "B", "Hana", new DateOnly(2026, 11, 16), PlanSource.Manual, null, "Hana", Utc(2026, 11, 1)),
            new PlanAction(ReasonableStep.Policy, "C", "Hana", new DateOnly(2026, 11, 1), PlanSource.Manual, null, "Hana", Utc(2026, 11, 17)));
        var evidence = _db.Evidence();
        (await evidence.MonitoringOnAsync(_db.Today)).Should().Be(new MonitoringFacts(_db.Today, new DateOnly(2026, 9, 1), "Board again", "Dana", 2, 1));
        (await evidence.MonitoringOnAsync(new DateOnly(2026, 11, 17))).Should().Be(new MonitoringFacts(new DateOnly(2026, 11, 17), new DateOnly(2026, 10, 1), "Committee", "Dana", 3, 3));
        (await evidence.MonitoringOnAsync(new DateOnly(2026, 9, 1))).Should().Be(new MonitoringFacts(new DateOnly(2026, 9, 1), null, null, null, 0, 0), "signed the day after the meeting");
    }
}
