using System.Text.Json;
using Compliance.Core.Auditing;
using Compliance.Core.Tests.Scoring.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Tests.Auditing;

/// <summary>
/// The audit trail, its checkpoints and the signed record of its newest entry, on a real SQLite file made by the
/// app's migrations and an anchor folder of its own: what an insider's change leaves behind, and what a director's
/// acknowledgement of a failed check does.
/// </summary>
public sealed class AuditRecordDatabaseTests : IDisposable
{
    private readonly EvidenceDatabase _data = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "compliance-anchor-" + Guid.NewGuid().ToString("N"));
    private readonly AuditAnchor _anchor;

    public AuditRecordDatabaseTests() =>
        _anchor = new AuditAnchor(Options.Create(new AuditAnchorOptions { Folder = _folder }), _data.Clock);

    public void Dispose()
    {
        _data.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private sealed class Person(AuditActorInfo who) : IAuditActor
    {
        public AuditActorInfo Current => who;
    }

    private static readonly AuditActorInfo Harriet = new("hr-1", "Harriet Human");

    private AuditTrail Trail => new(_data.Clock, new Person(Harriet), _anchor);

    private AuditVerifier Verifier => new(_data.Db, _anchor);

    private string CheckpointFolder => Path.Combine(_folder, "checkpoints");

    private async Task AddAsync(int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            await Trail.SaveAsync(_data.Db, new AuditEvent("site.created", "Site", Guid.NewGuid().ToString(), $"Site {i} added"));
        }
    }

    private async Task<AuditEntry> NewestAsync() => await _data.Db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync();

    /// <summary>SQL run as an insider with the file would: with the triggers that guard the audit trail dropped first.</summary>
    private async Task InsiderAsync(string sql)
    {
        await _data.Db.Database.OpenConnectionAsync();
        try
        {
            await using var command = _data.Db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "DROP TRIGGER IF EXISTS audit_entries_no_update; DROP TRIGGER IF EXISTS audit_entries_no_delete; " + sql;
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await _data.Db.Database.CloseConnectionAsync();
        }
    }

    private async Task<AuditCheckpoint> CheckpointAsync(string reason = "daily")
    {
        _data.Clock.Now = _data.Clock.Now.AddMinutes(1);
        var checkpoint = await _anchor.WriteAsync(_data.Db, reason, CancellationToken.None);
        checkpoint.Should().NotBeNull();
        return checkpoint!;
    }

    [Fact]
    public async Task A_checkpoint_is_recorded_in_the_chain_starts_the_signed_record_and_is_up_to_date_until_something_new_is_written()
    {
        (await _anchor.IsUpToDateAsync(_data.Db, default)).Should().BeTrue("an empty chain has nothing to anchor");
        (await _anchor.WriteAsync(_data.Db, "start-up", default)).Should().BeNull("an empty chain has no checkpoint");
        _anchor.ReadHead().Should().Be(((AuditHead?)null, false));

        await AddAsync(3);
        (await _anchor.IsUpToDateAsync(_data.Db, default)).Should().BeFalse("three entries have no checkpoint");
        var checkpoint = await CheckpointAsync("hourly");
        checkpoint.Sequence.Should().Be(3);
        var name = Path.GetFileName(Directory.GetFiles(CheckpointFolder).Should().ContainSingle().Which);
        var recorded = await NewestAsync();
        recorded.Sequence.Should().Be(4);
        recorded.Action.Should().Be(AuditAnchor.CheckpointAction);
        recorded.ActorName.Should().Be("System");
        recorded.EntityId.Should().Be($"{_anchor.OwnKeyId()}/{name}");
        recorded.Summary.Should().Be($"Signed checkpoint of entry 3 kept as anchor/checkpoints/{name} (hourly)");
        // The first checkpoint starts the signed record of the newest entry, which the entry recording it moves on.
        var (head, holds) = _anchor.ReadHead();
        holds.Should().BeTrue();
        head!.Sequence.Should().Be(4);
        head.Hash.Should().Be(recorded.Hash);
        (await _anchor.IsUpToDateAsync(_data.Db, default)).Should().BeTrue("only the entry recording the checkpoint came after it");

        await AddAsync();
        (await _anchor.IsUpToDateAsync(_data.Db, default)).Should().BeFalse();
        await CheckpointAsync();
        (await _anchor.IsUpToDateAsync(_data.Db, default)).Should().BeTrue();
        (await Verifier.VerifyAsync()).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task The_signed_record_moves_only_forward_along_the_chain_and_keeps_the_evidence_of_a_cut_or_rewritten_chain()
    {
        await AddAsync();
        await CheckpointAsync();
        var (start, _) = _anchor.ReadHead();
        start!.Sequence.Should().Be(2);

        _anchor.AdvanceHead(5, "h5", (2, start.Hash));
        _anchor.ReadHead().Head!.Sequence.Should().Be(5, "entries appended after the recorded one move it on");
        _anchor.AdvanceHead(3, "h3", null);
        _anchor.ReadHead().Head!.Hash.Should().Be("h5", "a writer committing later than a newer one never moves it back");
        _anchor.AdvanceHead(5, "other", null);
        _anchor.ReadHead().Head!.Hash.Should().Be("h5", "nor rewrites the entry it holds");
        _anchor.AdvanceHead(7, "h7", (4, "h4"));
        _anchor.ReadHead().Head!.Sequence.Should().Be(5, "appended after an entry before the recorded one: the chain was cut, and the record is the evidence");
        _anchor.AdvanceHead(7, "h7", (5, "not-h5"));
        _anchor.ReadHead().Head!.Sequence.Should().Be(5, "appended after another entry 5: the chain was rewritten");
        _anchor.AdvanceHead(8, "h8", (6, "h6"));
        var (caughtUp, signed) = _anchor.ReadHead();
        (caughtUp!.Sequence, caughtUp.Hash, signed).Should().Be((8L, "h8", true), "a record lagging behind the chain catches up");
    }

    [Fact]
    public async Task An_entry_rewritten_by_an_insider_and_then_written_after_leaves_the_record_where_it_was()
    {
        await AddAsync(2);
        await CheckpointAsync();
        var recorded = _anchor.ReadHead().Head!;
        await InsiderAsync($"UPDATE audit_entries SET hash = '{new string('e', 64)}' WHERE sequence = {recorded.Sequence}");
        await AddAsync();
        _anchor.ReadHead().Head!.Should().Be(recorded, "the new entry follows a rewritten one");
        (await Verifier.VerifyAsync()).IsValid.Should().BeFalse();
    }

    [Fact]
    public async Task An_entry_is_recorded_as_the_person_it_is_saved_for_and_a_long_summary_is_cut_to_fit()
    {
        var una = new AuditActorInfo("user-9", "Una Signing-In");
        await Trail.SaveAsAsync(_data.Db, una, new AuditEvent("account.signed-in", "User", "user-9", "Signed in"));
        var entry = await NewestAsync();
        (entry.ActorId, entry.ActorName).Should().Be(("user-9", "Una Signing-In"));
        await Trail.SaveAsync(_data.Db, new AuditEvent("site.created", "Site", null, "Added"));
        (await NewestAsync()).ActorName.Should().Be("Harriet Human");

        var longest = new string('x', AuditEntry.MaxSummaryLength);
        new AuditEntry(1, _data.NowUtc, Harriet, new AuditEvent("a", "b", null, longest), AuditHash.Genesis).Summary.Should().Be(longest);
        var cut = new AuditEntry(1, _data.NowUtc, Harriet, new AuditEvent("a", "b", null, longest + "y"), AuditHash.Genesis).Summary;
        cut.Should().HaveLength(AuditEntry.MaxSummaryLength).And.EndWith("x…");
    }

    [Fact]
    public async Task A_chain_broken_in_itself_is_named_before_a_missing_checkpoint_and_checkpoints_with_their_folder_gone_name_the_first()
    {
        await AddAsync(2);
        await CheckpointAsync();
        await AddAsync();
        await CheckpointAsync();
        var records = await _data.Db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAnchor.CheckpointAction).OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
        records.Should().Equal(3, 5);
        File.Delete(Directory.GetFiles(CheckpointFolder).Order().Last());
        await InsiderAsync("UPDATE audit_entries SET summary = 'Nothing happened' WHERE sequence = 2");
        (await Verifier.VerifyAsync()).Problem.Should().Be("entry 2 was altered: its content no longer matches its hash");

        await InsiderAsync("UPDATE audit_entries SET summary = 'Site 1 added' WHERE sequence = 2");
        Directory.Delete(_folder, recursive: true);
        (await Verifier.VerifyAsync()).Problem.Should().Be("entry 3 records a checkpoint, but anchor/ holds no checkpoint key: the folder was deleted or replaced");
    }

    [Fact]
    public async Task The_record_of_the_newest_entry_reads_as_missing_when_absent_or_unreadable_and_as_unsigned_when_its_signature_is_not_base64()
    {
        _anchor.ReadHead().Should().Be(((AuditHead?)null, false));
        await AddAsync();
        await CheckpointAsync();
        var headFile = Path.Combine(_folder, "head.json");
        var good = _anchor.ReadHead().Head!;
        File.WriteAllText(headFile, JsonSerializer.Serialize(good with { Signature = "not base64!" }));
        _anchor.ReadHead().Should().Be(((AuditHead?)(good with { Signature = "not base64!" }), false));
        File.WriteAllText(headFile, "{ this is not json");
        _anchor.ReadHead().Should().Be(((AuditHead?)null, false));
        // With only the private key left, the key's id is still known.
        var id = _anchor.OwnKeyId();
        id.Should().NotBeNull();
        File.Delete(_anchor.PublicKeyFile);
        _anchor.OwnKeyId().Should().Be(id);
    }

    [Fact]
    public async Task Only_a_failed_check_of_the_anchor_can_be_acknowledged_with_a_reason_which_sets_the_old_record_aside_and_starts_a_new_one()
    {
        var acknowledging = new AuditAcknowledgement(_data.Db, _anchor, Trail);
        await AddAsync(2);
        await CheckpointAsync();
        (await acknowledging.AcknowledgeAsync("No reason", "Dana Director")).Should().ContainSingle()
            .Which.Message.Should().Be("The audit trail passes its check: there is nothing to acknowledge.");

        // The newest checkpoint file deleted: the check fails on it, and a reason is asked for before anything is done.
        await AddAsync();
        await CheckpointAsync();
        File.Delete(Directory.GetFiles(CheckpointFolder).Order().Last());
        var problem = (await Verifier.VerifyAsync()).Problem!;
        problem.Should().Contain("is missing from anchor/checkpoints");
        var entries = await _data.Db.AuditEntries.CountAsync();
        foreach (var blank in new[] { null, "   " })
        {
            (await acknowledging.AcknowledgeAsync(blank, "Dana Director")).Should().ContainSingle().Which.Should()
                .Be(new FieldError("Reason", "Say why the failed check is expected, such as \"Restored from the backup of 1 December 2026\"."));
        }
        (await acknowledging.AcknowledgeAsync(new string('r', AuditAcknowledgement.MaxReasonLength + 1), "Dana Director")).Should().ContainSingle()
            .Which.Field.Should().Be("Reason");
        (await _data.Db.AuditEntries.CountAsync()).Should().Be(entries, "a refused acknowledgement writes nothing");
        Directory.Exists(Path.Combine(_folder, "set-aside")).Should().BeFalse();

        _data.Clock.Now = _data.Clock.Now.AddMinutes(1);
        (await acknowledging.AcknowledgeAsync("  Investigated: deleted in a drill  ", "Dana Director")).Should().BeEmpty();
        var acknowledgement = await _data.Db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditAcknowledgement.Action);
        acknowledgement.EntityType.Should().Be("AuditChain");
        acknowledgement.EntityId.Should().StartWith("set-aside" + Path.DirectorySeparatorChar);
        acknowledgement.Summary.Should().Be($"Failed check of the audit trail acknowledged by Dana Director (Investigated: deleted in a drill): {problem}");
        var aside = Path.Combine(_folder, acknowledgement.EntityId!);
        Directory.GetFiles(aside).Select(Path.GetFileName).Should().Contain("head.json").And.HaveCount(2, "the remaining checkpoint and the record, kept");
        // A new checkpoint after it starts the new record, and the check passes again.
        var newest = await NewestAsync();
        newest.Action.Should().Be(AuditAnchor.CheckpointAction);
        newest.Summary.Should().EndWith("(after an acknowledged failed check)");
        Directory.GetFiles(CheckpointFolder).Should().ContainSingle();
        (await Verifier.VerifyAsync()).IsValid.Should().BeTrue();

        // A second acknowledgement later is listed first; the history holds acknowledgements only.
        File.Delete(Path.Combine(_folder, "head.json"));
        _data.Clock.Now = _data.Clock.Now.AddMinutes(1);
        (await acknowledging.AcknowledgeAsync("Restored from the backup of 1 December 2026", "Dana Director")).Should().BeEmpty();
        var history = await acknowledging.HistoryAsync();
        history.Select(e => e.Summary[..e.Summary.IndexOf(':', StringComparison.Ordinal)]).Should().Equal(
            "Failed check of the audit trail acknowledged by Dana Director (Restored from the backup of 1 December 2026)",
            "Failed check of the audit trail acknowledged by Dana Director (Investigated");
    }

    [Fact]
    public async Task A_chain_whose_own_entries_were_altered_cannot_be_acknowledged()
    {
        await AddAsync(2);
        await CheckpointAsync();
        await InsiderAsync("UPDATE audit_entries SET summary = 'Nothing' WHERE sequence = 2");
        var errors = await new AuditAcknowledgement(_data.Db, _anchor, Trail).AcknowledgeAsync("Hide it", "Dana Director");
        errors.Should().ContainSingle().Which.Message.Should().Be(
            "The chain itself is broken (entry 2 was altered: its content no longer matches its hash): that cannot be acknowledged. Keep a copy of the database as it is and investigate.");
        Directory.Exists(Path.Combine(_folder, "set-aside")).Should().BeFalse();
    }
}
