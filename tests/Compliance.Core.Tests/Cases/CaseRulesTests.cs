using System.Security.Cryptography;
using System.Text;
using Compliance.Core.Cases;

namespace Compliance.Core.Tests.Cases;

public sealed class CaseRulesTests
{
    private static readonly DateOnly Received = new(2026, 11, 20); // a Friday

    private static ReportCase NewCase() => new("R-AAAA-BBBB", new byte[32], [1], ReportingMode.Anonymous, ReporterRole.PersonAffected,
        IncidentPlace.Online, null, InvolvedParties.Colleague, Answer.Yes, false, Received, CaseFlags.None);

    private static ReportCase Triaged()
    {
        var c = NewCase();
        c.Acknowledge(Received);
        c.Triage(Received, Urgency.Routine, VictimisationRisk.Low, CaseFlags.None);
        return c;
    }

    [Fact]
    public void An_outcome_before_triage_is_refused()
    {
        var c = NewCase();
        Assert.Throws<CaseRuleException>(() => c.RecordOutcome(Received, CaseOutcome.Upheld));
        c.Acknowledge(Received);
        Assert.Throws<CaseRuleException>(() => c.RecordOutcome(Received, CaseOutcome.Upheld));
        Assert.Null(c.Outcome);
    }

    [Fact]
    public void Closing_a_case_without_an_outcome_is_refused()
    {
        var c = Triaged();
        var e = Assert.Throws<CaseRuleException>(() => c.Close(Received, [1, 3, 6], false, false));
        Assert.Contains("Record an outcome", e.Message);
        Assert.Equal(CaseState.Triaged, c.State);
    }

    [Fact]
    public void After_closure_only_check_ins_reach_the_reporter_and_the_reporter_may_answer_once_one_is_sent()
    {
        var c = Triaged();
        Assert.Throws<CaseRuleException>(() => c.MessageSent(Received, EntryKind.CheckIn, false));
        c.RecordOutcome(Received, CaseOutcome.NotUpheld);
        c.Close(Received, [6, 1, 3], false, false);
        Assert.Equal([new(2026, 12, 20), new(2027, 2, 20), new(2027, 5, 20)], c.CheckInDates);
        Assert.Throws<CaseRuleException>(() => c.MessageSent(Received, EntryKind.HandlerMessage, false));
        Assert.False(c.ReporterMayWrite);
        Assert.Throws<CaseRuleException>(c.ReporterWrote);
        c.MessageSent(Received, EntryKind.CheckIn, false);
        Assert.True(c.ReporterMayWrite);
        Assert.Equal(1, c.CheckInsSent);
    }

    [Fact]
    public void An_appeal_must_be_decided_before_closing_and_an_upheld_appeal_replaces_the_outcome()
    {
        var c = Triaged();
        c.RecordOutcome(Received, CaseOutcome.NotUpheld);
        c.LodgeAppeal(Received);
        Assert.Throws<CaseRuleException>(() => c.Close(Received, [1], false, false));
        Assert.Throws<CaseRuleException>(() => c.DecideAppeal(Received, AppealResult.Upheld, null));
        c.DecideAppeal(Received, AppealResult.Upheld, CaseOutcome.PartlyUpheld);
        Assert.Equal(CaseOutcome.PartlyUpheld, c.Outcome);
        Assert.Throws<CaseRuleException>(() => c.LodgeAppeal(Received)); // one appeal
        c.Close(Received, [1], false, false);
        Assert.Equal(CaseState.Closed, c.State);
    }

    [Fact]
    public void Deadlines_follow_the_settings_with_triage_in_working_days()
    {
        var options = new CaseOptions { AcknowledgeWithinDays = 7, TriageWithinWorkingDays = 5, FeedbackWithinMonths = 3 };
        var c = NewCase();
        var open = CaseDeadlines.Open(c, options);
        Assert.Equal(new CaseDeadline(DeadlineKind.Acknowledge, new DateOnly(2026, 11, 27)), open[0]);
        Assert.Equal(new CaseDeadline(DeadlineKind.Triage, new DateOnly(2026, 11, 27)), open[1]); // Friday + 5 working days
        Assert.Equal(new CaseDeadline(DeadlineKind.Feedback, new DateOnly(2027, 2, 20)), open[2]);
        Assert.True(open[1].IsMissed(new DateOnly(2026, 11, 28)));
        Assert.False(open[1].IsMissed(new DateOnly(2026, 11, 27)));

        c.Acknowledge(new DateOnly(2026, 11, 23));
        Assert.Equal(new DateOnly(2026, 11, 30), CaseDeadlines.Next(c, options)!.DueOn);
        c.Triage(new DateOnly(2026, 11, 24), Urgency.Prompt, VictimisationRisk.Medium, CaseFlags.None);
        c.MessageSent(new DateOnly(2026, 12, 1), EntryKind.HandlerMessage, givesFeedback: true);
        Assert.Empty(CaseDeadlines.Open(c, options));

        var longer = new CaseOptions { AcknowledgeWithinDays = 2, FeedbackWithinMonths = 1 };
        Assert.Equal(new DateOnly(2026, 11, 22), CaseDeadlines.Open(NewCase(), longer).Single(d => d.Kind == DeadlineKind.Acknowledge).DueOn);
    }

    [Fact]
    public void Keys_hold_160_random_bits_in_groups_and_are_read_back_however_they_are_typed()
    {
        var key = CaseSecrets.NewKey();
        Assert.Matches("^([A-Z0-9]{4}-){7}[A-Z0-9]{4}$", key);
        Assert.DoesNotMatch("[ILOU]", key);
        Assert.NotEqual(key, CaseSecrets.NewKey());
        var hash = CaseSecrets.Hash(CaseSecrets.Normalise(key));
        Assert.True(CaseSecrets.KeyMatches(key.ToLowerInvariant().Replace("-", " "), hash));
        Assert.False(CaseSecrets.KeyMatches(key[..^1] + (key[^1] == 'A' ? 'B' : 'A'), hash));
        Assert.False(CaseSecrets.KeyMatches("", hash));
        var reference = CaseSecrets.NewReference();
        Assert.Equal(reference, CaseSecrets.NormaliseReference(reference.ToLowerInvariant().Replace("-", "")));
        Assert.Equal("", CaseSecrets.NormaliseReference("R-'; DROP TABLE--"));
    }

    [Fact]
    public void Sealed_text_opens_only_with_its_key_case_and_purpose_and_any_change_is_detected()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var caseId = Guid.NewGuid();
        var entryId = Guid.NewGuid();
        var sealedText = CaseCipher.SealText(key, caseId, CaseCipher.EntryPurpose(entryId), "It happened at the Christmas party");
        Assert.DoesNotContain("Christmas", Encoding.UTF8.GetString(sealedText));
        Assert.Equal("It happened at the Christmas party", CaseCipher.OpenText(key, caseId, CaseCipher.EntryPurpose(entryId), sealedText));

        var tampered = (byte[])sealedText.Clone();
        tampered[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => CaseCipher.Open(key, caseId, CaseCipher.EntryPurpose(entryId), tampered));
        Assert.ThrowsAny<CryptographicException>(() => CaseCipher.Open(key, Guid.NewGuid(), CaseCipher.EntryPurpose(entryId), sealedText)); // moved to another case
        Assert.ThrowsAny<CryptographicException>(() => CaseCipher.Open(key, caseId, CaseCipher.EntryPurpose(Guid.NewGuid()), sealedText)); // moved to another entry
        Assert.ThrowsAny<CryptographicException>(() => CaseCipher.Open(RandomNumberGenerator.GetBytes(32), caseId, CaseCipher.EntryPurpose(entryId), sealedText));
        Assert.NotEqual(sealedText, CaseCipher.SealText(key, caseId, CaseCipher.EntryPurpose(entryId), "It happened at the Christmas party")); // fresh nonce
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
            Assert.Single(taken);
            Assert.Empty(refused);
        }
        else
        {
            Assert.Empty(taken);
            Assert.Contains(refusal, Assert.Single(refused).Reason);
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
        Assert.Equal(AttachmentKind.WordDocx, Attachments.Detect(stream.ToArray()));
    }
}
