using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Auditing;

/// <summary>The chain on a real PostgreSQL database made by the real migrations; each test has its own.</summary>
public sealed class AuditChainTests : IAsyncLifetime
{
    private sealed class FixedActor : IAuditActor
    {
        public AuditActorInfo Current { get; } = new("test", "Test");
    }

    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabase.CreateDatabaseAsync();
        await using var db = NewDb();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private ComplianceDbContext NewDb() => TestDatabase.NewDbContext(_connectionString);

    private async Task WriteEntriesAsync(int count)
    {
        var trail = new AuditTrail(TimeProvider.System, new FixedActor());
        for (var i = 1; i <= count; i++)
        {
            await using var db = NewDb();
            await trail.SaveAsync(db, new AuditEvent("test.event", "Thing", i.ToString(), $"Event {i}"));
        }
    }

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var db = NewDb();
        return await new AuditVerifier(db, NoCheckpoints.Anchor).VerifyChainAsync();
    }

    /// <summary>Tampering as someone with direct database access would: bypassing the append-only triggers.</summary>
    private Task TamperAsync(string sql) =>
        TestDatabase.AsInsiderAsync(_connectionString, sql);

    [Fact]
    public async Task An_untouched_chain_verifies_and_reports_its_head()
    {
        await WriteEntriesAsync(10);
        var result = await VerifyAsync();

        result.IsValid.Should().BeTrue(result.Problem);
        result.Count.Should().Be(10);
        var head = await TestDatabase.ScalarAsync<string>(_connectionString, "SELECT hash FROM audit_entries WHERE sequence = 10");
        result.HeadHash.Should().Be(head);
    }

    [Fact]
    public async Task Changing_an_entry_in_the_database_is_detected_and_the_entry_named()
    {
        await WriteEntriesAsync(10);
        await TamperAsync("UPDATE audit_entries SET summary = 'Nothing to see here' WHERE sequence = 4");

        var result = await VerifyAsync();
        result.IsValid.Should().BeFalse();
        result.FirstBadSequence.Should().Be(4);
        result.Problem.Should().Contain("entry 4 was altered");
    }

    [Fact]
    public async Task Deleting_an_entry_is_detected_and_the_missing_entry_named()
    {
        await WriteEntriesAsync(10);
        await TamperAsync("DELETE FROM audit_entries WHERE sequence = 6");

        var result = await VerifyAsync();
        result.IsValid.Should().BeFalse();
        result.FirstBadSequence.Should().Be(6);
        result.Problem.Should().Be("entry 6 was removed: the chain jumps from entry 5 to entry 7");
    }

    [Fact]
    public async Task Deleting_an_entry_and_renumbering_the_rest_is_still_detected()
    {
        await WriteEntriesAsync(10);
        await TamperAsync("DELETE FROM audit_entries WHERE sequence = 6; UPDATE audit_entries SET sequence = sequence - 1 WHERE sequence > 6");

        var result = await VerifyAsync();
        result.IsValid.Should().BeFalse();
        result.FirstBadSequence.Should().Be(6);
        result.Problem.Should().Be("entry 6 does not follow entry 5: the entry it was written after has been removed");
    }

    [Fact]
    public async Task Reordering_two_entries_is_detected_and_the_first_out_of_place_entry_named()
    {
        await WriteEntriesAsync(10);
        await TamperAsync("""
            UPDATE audit_entries SET sequence = -1 WHERE sequence = 3;
            UPDATE audit_entries SET sequence = 3 WHERE sequence = 4;
            UPDATE audit_entries SET sequence = 4 WHERE sequence = -1;
            """);

        var result = await VerifyAsync();
        result.IsValid.Should().BeFalse();
        result.FirstBadSequence.Should().Be(3);
        result.Problem.Should().Be("entry 3 is out of order: it was written after a different entry than entry 2, so entries were reordered");
    }

    [Fact]
    public async Task The_database_refuses_ordinary_updates_and_deletes_of_audit_entries()
    {
        await WriteEntriesAsync(2);
        var update = (await FluentActions.Awaiting(() => TestDatabase.ExecuteAsync(_connectionString, "UPDATE audit_entries SET summary = 'x'")).Should().ThrowAsync<System.Data.Common.DbException>()).Which;
        update.Message.Should().Contain("append-only");
        await FluentActions.Awaiting(() => TestDatabase.ExecuteAsync(_connectionString, "DELETE FROM audit_entries")).Should().ThrowAsync<System.Data.Common.DbException>();
        if (!TestDatabase.IsSqlite) // SQLite has no TRUNCATE: an unconditional DELETE (refused above) is how it empties a table
        {
            await FluentActions.Awaiting(() => TestDatabase.ExecuteAsync(_connectionString, "TRUNCATE audit_entries")).Should().ThrowAsync<System.Data.Common.DbException>();
        }
        (await VerifyAsync()).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task Concurrent_writers_never_fork_the_chain()
    {
        var trail = new AuditTrail(TimeProvider.System, new FixedActor());
        await Parallel.ForEachAsync(Enumerable.Range(1, 60), new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (i, ct) =>
        {
            await using var db = NewDb();
            await trail.SaveAsync(db, [new AuditEvent("test.a", "Thing", i.ToString(), "first"), new AuditEvent("test.b", "Thing", i.ToString(), "second")], ct);
        });

        var result = await VerifyAsync();
        result.IsValid.Should().BeTrue(result.Problem);
        result.Count.Should().Be(120);
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(DISTINCT previous_hash) FROM audit_entries")).Should().Be(120);
    }

    [Fact]
    public async Task An_entry_is_written_only_if_the_change_it_records_is_saved()
    {
        var trail = new AuditTrail(TimeProvider.System, new FixedActor());
        await using var db = NewDb();
        db.Sites.Add(new Compliance.Core.Organisation.Site(new string('x', 300), Compliance.Core.Organisation.Nation.England, null));

        await FluentActions.Awaiting(() => trail.SaveAsync(db, new AuditEvent("site.added", "Site", null, "too long"))).Should().ThrowExactlyAsync<DbUpdateException>();
        (await TestDatabase.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM audit_entries")).Should().Be(0);
    }
}
