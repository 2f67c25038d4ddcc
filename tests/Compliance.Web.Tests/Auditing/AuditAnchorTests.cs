using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Tests.Auditing;

/// <summary>The checkpoints' signing key and what verification says when the checkpoints are gone; each test has its own database and folder.</summary>
public sealed class AuditAnchorTests : IAsyncLifetime
{
    private sealed class FixedActor : IAuditActor
    {
        public AuditActorInfo Current { get; } = new("test", "Test");
    }

    private readonly string folder = Path.Combine(Path.GetTempPath(), "compliance-test-data", "anchor-" + Guid.NewGuid().ToString("N"));
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabase.CreateDatabaseAsync();
        await using var db = NewDb();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    private ComplianceDbContext NewDb() => TestDatabase.NewDbContext(_connectionString);

    private AuditAnchor Anchor => new(Options.Create(new AuditAnchorOptions { Folder = folder }), TimeProvider.System);

    private string KeyFile => Path.Combine(folder, "checkpoint-signing-key.pem");

    private async Task WriteEntriesAsync(int count)
    {
        var trail = new AuditTrail(TimeProvider.System, new FixedActor());
        for (var i = 1; i <= count; i++)
        {
            await using var db = NewDb();
            await trail.SaveAsync(db, new AuditEvent("test.event", "Thing", i.ToString(), $"Event {i}"));
        }
    }

    private async Task<AuditCheckpoint?> CheckpointAsync(string reason)
    {
        await using var db = NewDb();
        return await Anchor.WriteAsync(db, reason, CancellationToken.None);
    }

    [Fact]
    public async Task An_empty_chain_has_no_checkpoint_and_no_key()
    {
        (await CheckpointAsync("start-up")).Should().BeNull();
        Anchor.HasKey.Should().BeFalse();
        Anchor.ReadAll().Should().BeEmpty();
    }

    [Fact]
    public async Task The_signing_key_is_made_once_readable_by_its_owner_only_and_signs_every_later_checkpoint()
    {
        await WriteEntriesAsync(3);
        var first = await CheckpointAsync("start-up");
        first.Should().Match<AuditCheckpoint>(c => c.Sequence == 3 && c.Reason == "start-up" && c.Signature.Length > 0);
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(KeyFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var key = await File.ReadAllTextAsync(KeyFile);

        await WriteEntriesAsync(2);
        var second = await CheckpointAsync("pack");
        second!.Sequence.Should().Be(6, "the first checkpoint's record in the chain (entry 4) and two more entries came after it");
        (await File.ReadAllTextAsync(KeyFile)).Should().Be(key);
        Anchor.ReadAll().Should().HaveCount(2).And.OnlyContain(c => c.SignatureHolds);
        Anchor.ReadAll().Select(c => c.Checkpoint!.Reason).Should().BeEquivalentTo("start-up", "pack");
        await using var db = NewDb();
        (await new AuditVerifier(db, Anchor).VerifyAsync()).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task Checkpoints_deleted_while_the_key_is_kept_are_named_unless_the_chain_is_empty()
    {
        await WriteEntriesAsync(2);
        (await CheckpointAsync("daily")).Should().NotBeNull();
        Directory.Delete(Path.Combine(folder, "checkpoints"), recursive: true);
        await using (var db = NewDb())
        {
            var verdict = await new AuditVerifier(db, Anchor).VerifyAsync();
            verdict.IsValid.Should().BeFalse();
            verdict.Problem.Should().Be("the checkpoints this installation wrote are missing from anchor/checkpoints: they were deleted, so the newest entries cannot be checked");
        }

        // A new, empty database with the same key: the record of the newest entry still names what was written.
        var empty = await TestDatabase.CreateDatabaseAsync();
        await using var fresh = TestDatabase.NewDbContext(empty);
        await fresh.Database.MigrateAsync();
        (await new AuditVerifier(fresh, Anchor).VerifyAsync()).Problem.Should().Contain("which no longer exists: the newest entries were removed");
        // With no record of any entry either, nothing was written, so nothing can be missing.
        File.Delete(Path.Combine(folder, "head.json"));
        (await new AuditVerifier(fresh, Anchor).VerifyAsync()).IsValid.Should().BeTrue();
    }
}
