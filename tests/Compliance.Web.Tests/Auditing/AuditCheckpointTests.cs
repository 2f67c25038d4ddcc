using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.Auditing;

public sealed class TruncationApp : SetUpAppFactory;

public sealed class RecomputeApp : SetUpAppFactory;

/// <summary>An insider with the database to themselves: what the chain alone misses, the signed checkpoints catch.</summary>
public sealed class AuditCheckpointTests(TruncationApp app) : IClassFixture<TruncationApp>
{
    [Fact]
    public async Task Deleting_the_newest_entries_is_named_by_verify_audit_even_when_new_entries_reuse_their_numbers()
    {
        var director = await app.CreateAccountAsync("checkpoint-director@example.test", [Roles.Director], twoFactor: false, "Cara Checkpoint");
        await Checkpoints.AddSitesAsync(app, "Truncate", 4);
        // With no mail server, the checkpoint is not queued for the directors: it would be written to outbox/ in the same data directory.
        var first = await app.WithServiceAsync<DailyCheckpoint, AuditCheckpoint?>(d => d.RunAsync(CancellationToken.None));
        first.Should().NotBeNull();
        await using (var db = app.NewDbContext())
        {
            (await db.OutboxMessages.CountAsync(m => m.Kind == "audit-checkpoint")).Should().Be(0);
        }
        await app.UseMailServerAsync(2525);
        var checkpoint = await app.WithServiceAsync<DailyCheckpoint, AuditCheckpoint?>(d => d.RunAsync(CancellationToken.None));
        checkpoint.Should().NotBeNull();
        checkpoint!.Reason.Should().Be("daily");
        (await Checkpoints.VerifyAsync(app)).IsValid.Should().BeTrue();

        // With one, the checkpoint goes to the director too, and its signature checks out with the public key beside it.
        await using (var db = app.NewDbContext())
        {
            var mailed = await db.OutboxMessages.SingleAsync(m => m.Kind == "audit-checkpoint" && m.ToAddress == director.Email);
            mailed.TextBody.Should().Contain(checkpoint!.Hash);
        }
        File.Exists(Path.Combine(app.DataDirectory, "anchor", "checkpoint-signing-key.pub.pem")).Should().BeTrue();

        // Delete the newest entries as a superuser would, from just before the first checkpoint: the chain that is left
        // is valid on its own, and holds no record of either checkpoint.
        checkpoint.Sequence.Should().Be(first!.Sequence + 1, "the second checkpoint is of the entry recording the first");
        await TestDatabase.AsInsiderAsync(app.ConnectionString, $"DELETE FROM audit_entries WHERE sequence > {first.Sequence - 2}");
        var verdict = await Checkpoints.VerifyAsync(app);
        verdict.IsValid.Should().BeFalse();
        verdict.Problem.Should().Contain($"names entry {first.Sequence}, which no longer exists: the newest entries were removed");

        // New entries take the deleted numbers: the checkpoint still names the difference.
        await Checkpoints.AddSitesAsync(app, "After", 3);
        verdict = await Checkpoints.VerifyAsync(app);
        verdict.Problem.Should().Contain($"entry {first.Sequence} no longer matches the checkpoint of");

        // The command says so too, and fails.
        var command = await AppProcess.RunCommandAsync(app.ConnectionString, app.DataDirectory, "verify-audit");
        command.ExitCode.Should().Be(1);
        command.Errors.Should().Contain($"entry {first.Sequence} no longer matches the checkpoint of");

        // A checkpoint file changed by hand is named as not signed.
        var file = Directory.GetFiles(Path.Combine(app.DataDirectory, "anchor", "checkpoints")).Order().First();
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace(first.Hash, new string('0', 64)));
        (await Checkpoints.VerifyAsync(app)).Problem.Should().Contain("is not signed by this installation's checkpoint key");
    }
}

public sealed class AuditRecomputeTests(RecomputeApp app) : IClassFixture<RecomputeApp>
{
    [Fact]
    public async Task Editing_an_entry_and_recomputing_every_later_hash_is_named_by_the_checkpoint()
    {
        await Checkpoints.AddSitesAsync(app, "Recompute", 3);
        var checkpoint = await app.WithServiceAsync<AuditAnchor, AuditCheckpoint?>(a => a.WriteAsync(app.NewDbContext(), "test", CancellationToken.None));
        checkpoint.Should().NotBeNull();

        // Rewrite an early entry's summary, then recompute the chain from there so that it verifies on its own.
        await TestDatabase.AsInsiderAsync(app.ConnectionString, "UPDATE audit_entries SET summary = 'Nothing happened' WHERE sequence = 2");
        await using (var db = app.NewDbContext())
        {
            var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            var previous = entries[0].Hash;
            foreach (var e in entries.Skip(1))
            {
                var hash = AuditHash.Compute(previous, e);
                await TestDatabase.AsInsiderAsync(app.ConnectionString,
                    $"UPDATE audit_entries SET previous_hash = '{previous}', hash = '{hash}' WHERE sequence = {e.Sequence}");
                previous = hash;
            }
        }
        var chainAlone = await new AuditVerifier(app.NewDbContext(), NoCheckpoints.Anchor).VerifyChainAsync();
        chainAlone.IsValid.Should().BeTrue(chainAlone.Problem);

        var verdict = await Checkpoints.VerifyAsync(app);
        verdict.IsValid.Should().BeFalse();
        verdict.Problem.Should().Contain($"entry {checkpoint!.Sequence} no longer matches the checkpoint of");
        verdict.Problem.Should().Contain("altered and the hashes recomputed");
        var command = await AppProcess.RunCommandAsync(app.ConnectionString, app.DataDirectory, "verify-audit");
        command.ExitCode.Should().Be(1);
        command.Errors.Should().Contain("altered and the hashes recomputed");
    }
}

internal static class Checkpoints
{
    public static async Task AddSitesAsync(SetUpAppFactory app, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (_, errors) = await app.WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, $"{prefix} {i} {Guid.NewGuid():N}"[..30], Nation.England, null)));
            errors.Should().BeEmpty();
        }
    }

    /// <summary>Every checkpoint the app has written, read from its files, each checked against its signature.</summary>
    public static List<AuditCheckpoint> Written(IServiceProvider services)
    {
        var all = services.GetRequiredService<AuditAnchor>().ReadAll();
        all.Should().OnlyContain(c => c.SignatureHolds);
        return [.. all.Select(c => c.Checkpoint!)];
    }

    public static Task<AuditVerification> VerifyAsync(SetUpAppFactory app) =>
        app.WithServiceAsync<AuditVerifier, AuditVerification>(v => v.VerifyAsync());
}
