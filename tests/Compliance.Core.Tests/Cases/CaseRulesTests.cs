using System.Security.Cryptography;
using System.Text;
using Compliance.Core.Cases;

namespace Compliance.Core.Tests.Cases;

public sealed class CaseRulesTests
{
    private static readonly DateOnly Received = ReportCases.Received;

    private static ReportCase NewCase() => ReportCases.New();

    private static ReportCase Triaged() => ReportCases.Triaged();

    [Fact]
    public void An_outcome_before_triage_is_refused()
    {
        var c = NewCase();
        FluentActions.Invoking(() => c.RecordOutcome(Received, CaseOutcome.Upheld)).Should().ThrowExactly<CaseRuleException>();
        c.Acknowledge(Received);
        FluentActions.Invoking(() => c.RecordOutcome(Received, CaseOutcome.Upheld)).Should().ThrowExactly<CaseRuleException>();
        c.Outcome.Should().BeNull();
    }

    [Fact]
    public void Closing_a_case_without_an_outcome_is_refused()
    {
        var c = Triaged();
        var e = FluentActions.Invoking(() => c.Close(Received, [1, 3, 6], false, false)).Should().ThrowExactly<CaseRuleException>().Which;
        e.Message.Should().Contain("Record an outcome");
        c.State.Should().Be(CaseState.Triaged);
    }

    [Fact]
    public void After_closure_only_check_ins_reach_the_reporter_and_the_reporter_may_answer_once_one_is_sent()
    {
        var c = Triaged();
        FluentActions.Invoking(() => c.MessageSent(Received, EntryKind.CheckIn, false)).Should().ThrowExactly<CaseRuleException>();
        c.RecordOutcome(Received, CaseOutcome.NotUpheld);
        c.Close(Received, [6, 1, 3], false, false);
        c.CheckInDates.Should().Equal(new DateOnly(2026, 12, 20), new DateOnly(2027, 2, 20), new DateOnly(2027, 5, 20));
        FluentActions.Invoking(() => c.MessageSent(Received, EntryKind.HandlerMessage, false)).Should().ThrowExactly<CaseRuleException>();
        c.ReporterMayWrite.Should().BeFalse();
        FluentActions.Invoking(c.ReporterWrote).Should().ThrowExactly<CaseRuleException>();
        c.MessageSent(Received, EntryKind.CheckIn, false);
        c.ReporterMayWrite.Should().BeTrue();
        c.CheckInsSent.Should().Be(1);
    }

    [Fact]
    public void An_appeal_must_be_decided_before_closing_and_an_upheld_appeal_replaces_the_outcome()
    {
        var c = Triaged();
        c.RecordOutcome(Received, CaseOutcome.NotUpheld);
        c.LodgeAppeal(Received);
        FluentActions.Invoking(() => c.Close(Received, [1], false, false)).Should().ThrowExactly<CaseRuleException>();
        FluentActions.Invoking(() => c.DecideAppeal(Received, AppealResult.Upheld, null)).Should().ThrowExactly<CaseRuleException>();
        c.DecideAppeal(Received, AppealResult.Upheld, CaseOutcome.PartlyUpheld);
        c.Outcome.Should().Be(CaseOutcome.PartlyUpheld);
        FluentActions.Invoking(() => c.LodgeAppeal(Received)).Should().ThrowExactly<CaseRuleException>(); // one appeal
        c.Close(Received, [1], false, false);
        c.State.Should().Be(CaseState.Closed);
    }

    [Fact]
    public void Deadlines_follow_the_settings_with_triage_in_working_days()
    {
        var options = new CaseOptions { AcknowledgeWithinDays = 7, TriageWithinWorkingDays = 5, FeedbackWithinMonths = 3 };
        var c = NewCase();
        var open = CaseDeadlines.Open(c, options);
        open[0].Should().Be(new CaseDeadline(DeadlineKind.Acknowledge, new DateOnly(2026, 11, 27)));
        open[1].Should().Be(new CaseDeadline(DeadlineKind.Triage, new DateOnly(2026, 11, 27))); // Friday + 5 working days
        open[2].Should().Be(new CaseDeadline(DeadlineKind.Feedback, new DateOnly(2027, 2, 20)));
        open[1].IsMissed(new DateOnly(2026, 11, 28)).Should().BeTrue();
        open[1].IsMissed(new DateOnly(2026, 11, 27)).Should().BeFalse();

        c.Acknowledge(new DateOnly(2026, 11, 23));
        CaseDeadlines.Next(c, options)!.DueOn.Should().Be(new DateOnly(2026, 11, 30));
        c.Triage(new DateOnly(2026, 11, 24), Urgency.Prompt, VictimisationRisk.Medium, CaseFlags.None);
        c.MessageSent(new DateOnly(2026, 12, 1), EntryKind.HandlerMessage, givesFeedback: true);
        CaseDeadlines.Open(c, options).Should().BeEmpty();

        var longer = new CaseOptions { AcknowledgeWithinDays = 2, FeedbackWithinMonths = 1 };
        CaseDeadlines.Open(NewCase(), longer).Single(d => d.Kind == DeadlineKind.Acknowledge).DueOn.Should().Be(new DateOnly(2026, 11, 22));
    }

    [Fact]
    public void Keys_hold_160_random_bits_in_groups_and_are_read_back_however_they_are_typed()
    {
        var key = CaseSecrets.NewKey();
        key.Should().MatchRegex("^([A-Z0-9]{4}-){7}[A-Z0-9]{4}$");
        key.Should().NotMatchRegex("[ILOU]");
        CaseSecrets.NewKey().Should().NotBe(key);
        var hash = CaseSecrets.Hash(CaseSecrets.Normalise(key));
        CaseSecrets.KeyMatches(key.ToLowerInvariant().Replace("-", " "), hash).Should().BeTrue();
        CaseSecrets.KeyMatches(key[..^1] + (key[^1] == 'A' ? 'B' : 'A'), hash).Should().BeFalse();
        CaseSecrets.KeyMatches("", hash).Should().BeFalse();
        var reference = CaseSecrets.NewReference();
        CaseSecrets.NormaliseReference(reference.ToLowerInvariant().Replace("-", "")).Should().Be(reference);
        CaseSecrets.NormaliseReference("R-'; DROP TABLE--").Should().Be("");
    }

    [Fact]
    public void Sealed_text_opens_only_with_its_key_case_and_purpose_and_any_change_is_detected()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var caseId = Guid.NewGuid();
        var entryId = Guid.NewGuid();
        var sealedText = CaseCipher.SealText(key, caseId, CaseCipher.EntryPurpose(entryId), "It happened at the Christmas party");
        Encoding.UTF8.GetString(sealedText).Should().NotContain("Christmas");
        CaseCipher.OpenText(key, caseId, CaseCipher.EntryPurpose(entryId), sealedText).Should().Be("It happened at the Christmas party");

        var tampered = (byte[])sealedText.Clone();
        tampered[^1] ^= 1;
        FluentActions.Invoking(() => CaseCipher.Open(key, caseId, CaseCipher.EntryPurpose(entryId), tampered)).Should().Throw<CryptographicException>();
        FluentActions.Invoking(() => CaseCipher.Open(key, Guid.NewGuid(), CaseCipher.EntryPurpose(entryId), sealedText)).Should().Throw<CryptographicException>(); // moved to another case
        FluentActions.Invoking(() => CaseCipher.Open(key, caseId, CaseCipher.EntryPurpose(Guid.NewGuid()), sealedText)).Should().Throw<CryptographicException>(); // moved to another entry
        FluentActions.Invoking(() => CaseCipher.Open(RandomNumberGenerator.GetBytes(32), caseId, CaseCipher.EntryPurpose(entryId), sealedText)).Should().Throw<CryptographicException>();
        CaseCipher.SealText(key, caseId, CaseCipher.EntryPurpose(entryId), "It happened at the Christmas party").Should().NotEqual(sealedText); // fresh nonce
    }

    [Theory]
    [InlineData("photo.jpg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, null)]
    [InlineData("photo.PNG", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, null)]
    [InlineData("scan.jpeg", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, null)] // any image content under an image name
    [InlineData("letter.pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, null)]
    [InlineData("notes.txt", new byte[] { 0x48, 0x69, 0x0A }, null)]
    [InlineData("old.doc", new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, null)]
    [InlineData("letter.pdf", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "does not match its type")]
    [InlineData("run.exe", new byte[] { 0x4D, 0x5A }, "cannot be sent")]
    [InlineData("notes.txt", new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, "does not match its type")]
    [InlineData("fake.docx", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00 }, "does not match its type")]
    [InlineData("..\\x.txt", new byte[] { 0x48 }, "not allowed")]
    [InlineData("a/b.txt", new byte[] { 0x48 }, "not allowed")]
    [InlineData("empty.txt", new byte[0], "empty")]
    public void Files_are_judged_by_their_content_and_a_plain_name(string name, byte[] bytes, string? refusal)
    {
        var (taken, refused) = Attachments.Check([new IncomingFile(name, bytes)], 5, 1024);
        if (refusal is null)
        {
            taken.Should().ContainSingle();
            refused.Should().BeEmpty();
        }
        else
        {
            taken.Should().BeEmpty();
            refused.Should().ContainSingle().Which.Reason.Should().Contain(refusal);
        }
    }

    [Fact]
    public void A_real_word_document_is_recognised()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml");
            zip.CreateEntry("word/document.xml");
        }
        Attachments.Detect(stream.ToArray()).Should().Be(AttachmentKind.WordDocx);
    }
}
