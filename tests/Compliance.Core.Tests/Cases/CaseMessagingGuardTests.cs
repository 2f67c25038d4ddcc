using Compliance.Core.Cases;

namespace Compliance.Core.Tests.Cases;

/// <summary>The guards on who may write to whom, reply notices, legal holds and the reporter's unread activity.</summary>
public sealed class CaseMessagingGuardTests
{
    private static readonly DateOnly Received = new(2026, 11, 20);
    private static readonly DateOnly Later = new(2026, 12, 4);

    private static ReportCase NewCase(ReportingMode mode = ReportingMode.Anonymous) => new("R-AAAA-BBBB", new byte[32], [1], mode, ReporterRole.PersonAffected,
        IncidentPlace.Online, null, InvolvedParties.Colleague, Answer.Yes, false, Received, CaseFlags.None);

    private static ReportCase Closed()
    {
        var c = NewCase();
        c.Acknowledge(Received);
        c.Triage(Received, Urgency.Routine, VictimisationRisk.Low, CaseFlags.None);
        c.RecordOutcome(Received, CaseOutcome.NotUpheld);
        c.Close(Received, [1], false, false);
        return c;
    }

    private static CaseRuleException Refused(Action change, string field)
    {
        var e = FluentActions.Invoking(change).Should().ThrowExactly<CaseRuleException>().Which;
        e.Field.Should().Be(field);
        return e;
    }

    [Fact]
    public void While_a_case_is_open_handlers_send_ordinary_messages_and_not_check_ins()
    {
        var c = NewCase();
        c.EnsureHandlerMayMessage(EntryKind.HandlerMessage);
        Refused(() => c.EnsureHandlerMayMessage(EntryKind.CheckIn), "Message").Message
            .Should().Be("Check-ins are sent after the case is closed; send an ordinary message instead.");
        c.MessageSent(Received, EntryKind.HandlerMessage, givesFeedback: false);
        c.CheckInsSent.Should().Be(0);
    }

    [Fact]
    public void Once_closed_only_check_ins_are_sent_and_each_is_counted()
    {
        var c = Closed();
        Refused(() => c.EnsureHandlerMayMessage(EntryKind.HandlerMessage), "Message").Message
            .Should().Be("The case is closed: only check-ins can be sent to the reporter now.");
        c.MessageSent(Later, EntryKind.CheckIn, givesFeedback: false);
        c.MessageSent(Later, EntryKind.CheckIn, givesFeedback: false);
        c.CheckInsSent.Should().Be(2);
    }

    [Fact]
    public void Feedback_is_dated_by_the_first_message_that_gives_it()
    {
        var c = NewCase();
        c.MessageSent(Received, EntryKind.HandlerMessage, givesFeedback: false);
        c.FeedbackGivenOn.Should().BeNull();
        c.MessageSent(Received.AddDays(3), EntryKind.HandlerMessage, givesFeedback: true);
        c.MessageSent(Later, EntryKind.HandlerMessage, givesFeedback: true);
        c.FeedbackGivenOn.Should().Be(Received.AddDays(3));
    }

    [Fact]
    public void The_reporter_writing_marks_the_case_unread_until_a_handler_opens_it()
    {
        var c = NewCase();
        c.OpenedByHandler();
        c.ReporterActivityUnread.Should().BeFalse();
        c.ReporterWrote();
        c.ReporterActivityUnread.Should().BeTrue();
    }

    [Fact]
    public void After_closure_the_reporter_may_write_only_in_answer_to_a_check_in()
    {
        var c = Closed();
        c.OpenedByHandler();
        Refused(c.ReporterWrote, "Message").Message.Should().Be("This case is closed, so it cannot take new messages.");
        c.ReporterActivityUnread.Should().BeFalse();
        c.MessageSent(Later, EntryKind.CheckIn, givesFeedback: false);
        c.ReporterWrote();
        c.ReporterActivityUnread.Should().BeTrue();
    }

    [Fact]
    public void Only_a_confidential_reporter_may_ask_to_be_told_of_replies_by_email()
    {
        var anonymous = NewCase(ReportingMode.Anonymous);
        Refused(() => anonymous.AskForReplyNotices([1, 2, 3]), "NotifyByEmail").Message.Should().Be("Only a confidential report can ask to be told by email.");
        anonymous.SealedReplyAddress.Should().BeNull();
        var confidential = NewCase(ReportingMode.Confidential);
        confidential.AskForReplyNotices([1, 2, 3]);
        confidential.SealedReplyAddress.Should().Equal(1, 2, 3);
    }

    [Fact]
    public void A_legal_hold_is_placed_and_lifted_once_each()
    {
        var c = NewCase();
        c.LegalHold.Should().BeFalse();
        Refused(() => c.SetLegalHold(false), "").Message.Should().Be("The case is not under legal hold.");
        c.SetLegalHold(true);
        c.LegalHold.Should().BeTrue();
        Refused(() => c.SetLegalHold(true), "").Message.Should().Be("The case is already under legal hold.");
        c.SetLegalHold(false);
        c.LegalHold.Should().BeFalse();
    }

    [Fact]
    public void A_case_is_linked_to_the_third_party_incident_it_became()
    {
        var c = NewCase();
        var incident = Guid.NewGuid();
        c.LinkIncident(incident);
        c.ThirdPartyIncidentId.Should().Be(incident);
    }
}
