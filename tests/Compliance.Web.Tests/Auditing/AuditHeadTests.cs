using Compliance.Core.Auditing;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Auditing;

public sealed class HeadApp : SetUpAppFactory;

/// <summary>
/// An insider with the database deletes or rewrites only the entries written since the last checkpoint, leaving
/// the checkpointed entry as it was: the signed record of the chain's newest entry, kept outside the database and
/// moved on with every entry written, names what was done.
/// </summary>
public sealed class AuditHeadTests(HeadApp app) : IClassFixture<HeadApp>
{
    [Fact]
    public async Task Deleting_only_the_entries_written_after_the_last_checkpoint_is_named_by_verify_audit_and_the_audit_page()
    {
        await Checkpoints.AddSitesAsync(app, "Head", 2);
        var checkpoint = await app.WithServiceAsync<DailyCheckpoint, AuditCheckpoint?>(d => d.RunAsync(CancellationToken.None));
        checkpoint.Should().NotBeNull();
        await Checkpoints.AddSitesAsync(app, "Later", 3);
        var head = await HeadAsync();
        head.Should().BeGreaterThan(checkpoint!.Sequence + 2);
        (await Checkpoints.VerifyAsync(app)).IsValid.Should().BeTrue();

        // The checkpointed entry and the one after it stay; the newest go.
        await TestDatabase.AsInsiderAsync(app.ConnectionString, $"DELETE FROM audit_entries WHERE sequence > {checkpoint.Sequence + 1}");
        var chainAndCheckpoints = await new AuditVerifier(app.NewDbContext(), NoCheckpoints.Anchor).VerifyChainAsync();
        chainAndCheckpoints.IsValid.Should().BeTrue("what is left is a valid chain on its own");

        var verdict = await Checkpoints.VerifyAsync(app);
        verdict.IsValid.Should().BeFalse();
        verdict.Problem.Should().Contain($"entry {head}, which no longer exists: the newest entries were removed");
        var command = await AppProcess.RunCommandAsync(app.ConnectionString, app.DataDirectory, "verify-audit");
        command.ExitCode.Should().Be(1);
        command.Errors.Should().Contain("the newest entries were removed");
        var admin = await app.SignedInAdministratorAsync();
        Html.Text(await admin.GetPageAsync("/audit")).Should().Contain("the newest entries were removed");

        // Deleting the record as well leaves nothing to hide behind: its absence beside the checkpoints is named.
        File.Delete(Path.Combine(app.DataDirectory, "anchor", "head.json"));
        (await Checkpoints.VerifyAsync(app)).Problem.Should().Contain("anchor/head.json) is missing though checkpoints exist");
    }

    private async Task<long> HeadAsync()
    {
        await using var db = app.NewDbContext();
        return await db.AuditEntries.MaxAsync(e => e.Sequence);
    }
}

public sealed class HeadRecomputeApp : SetUpAppFactory;

public sealed class AuditHeadRecomputeTests(HeadRecomputeApp app) : IClassFixture<HeadRecomputeApp>
{
    [Fact]
    public async Task Editing_an_entry_written_after_the_last_checkpoint_and_recomputing_the_later_hashes_is_named()
    {
        await Checkpoints.AddSitesAsync(app, "Head", 2);
        var checkpoint = await app.WithServiceAsync<DailyCheckpoint, AuditCheckpoint?>(d => d.RunAsync(CancellationToken.None));
        checkpoint.Should().NotBeNull();
        await Checkpoints.AddSitesAsync(app, "Later", 3);
        var edited = checkpoint!.Sequence + 2;

        await TestDatabase.AsInsiderAsync(app.ConnectionString, $"UPDATE audit_entries SET summary = 'Nothing happened' WHERE sequence = {edited}");
        await using (var db = app.NewDbContext())
        {
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= edited - 1).OrderBy(e => e.Sequence).ToListAsync();
            var previous = entries[0].Hash;
            foreach (var e in entries.Skip(1))
            {
                var hash = AuditHash.Compute(previous, e);
                await TestDatabase.AsInsiderAsync(app.ConnectionString, $"UPDATE audit_entries SET previous_hash = '{previous}', hash = '{hash}' WHERE sequence = {e.Sequence}");
                previous = hash;
            }
        }
        (await new AuditVerifier(app.NewDbContext(), NoCheckpoints.Anchor).VerifyChainAsync()).IsValid.Should().BeTrue("the rewritten chain is valid on its own");

        var verdict = await Checkpoints.VerifyAsync(app);
        verdict.IsValid.Should().BeFalse();
        verdict.Problem.Should().Contain("no longer matches the record of the newest entry").And.Contain("altered and the hashes recomputed");
    }
}
