using System.Security.Cryptography;
using System.Text;
using Compliance.Core.Auditing;

namespace Compliance.Core.Tests.Auditing;

/// <summary>How an entry is hashed into the chain and how a checkpoint is worded for signing, without a database.</summary>
public sealed class AuditChainRulesTests
{
    private static readonly DateTime At = new DateTime(2026, 3, 29, 1, 30, 15, DateTimeKind.Utc).AddTicks(1234567);
    private static readonly AuditActorInfo Actor = new("7", "Dana Director");
    private static readonly AuditEvent Event = new("case.closed", "ReportCase", "c-1", "Case closed by Dana Director");

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void An_entry_is_hashed_from_the_previous_hash_a_newline_and_its_fields_in_a_fixed_order_to_the_microsecond()
    {
        var entry = new AuditEntry(12, At, Actor, Event, AuditHash.Genesis);
        entry.Hash.Should().Be(Sha256(AuditHash.Genesis + "\n"
            + "[\"2026-03-29T01:30:15.123456Z\",\"7\",\"Dana Director\",\"case.closed\",\"ReportCase\",\"c-1\",\"Case closed by Dana Director\"]"));
        entry.Hash.Should().MatchRegex("^[0-9a-f]{64}$");
        AuditHash.Compute(AuditHash.Genesis, entry).Should().Be(entry.Hash);
    }

    [Fact]
    public void An_entry_keeps_what_it_records_and_the_hash_it_follows()
    {
        var previous = new string('a', 64);
        var entry = new AuditEntry(12, At, Actor, Event, previous);
        entry.Should().Match<AuditEntry>(e => e.Sequence == 12 && e.OccurredAtUtc == At && e.ActorId == "7" && e.ActorName == "Dana Director"
            && e.Action == "case.closed" && e.EntityType == "ReportCase" && e.EntityId == "c-1" && e.Summary == "Case closed by Dana Director"
            && e.PreviousHash == previous && e.Id != Guid.Empty);
    }

    [Fact]
    public void Any_change_to_a_field_or_the_previous_hash_changes_the_hash()
    {
        var hash = new AuditEntry(1, At, Actor, Event, AuditHash.Genesis).Hash;
        new[]
        {
            new AuditEntry(1, At, Actor, Event, new string('1', 64)).Hash,
            new AuditEntry(1, At.AddTicks(10), Actor, Event, AuditHash.Genesis).Hash,
            new AuditEntry(1, At, Actor with { Id = "8" }, Event, AuditHash.Genesis).Hash,
            new AuditEntry(1, At, Actor with { Name = "Sam" }, Event, AuditHash.Genesis).Hash,
            new AuditEntry(1, At, Actor, Event with { Action = "case.opened" }, AuditHash.Genesis).Hash,
            new AuditEntry(1, At, Actor, Event with { EntityType = "Policy" }, AuditHash.Genesis).Hash,
            new AuditEntry(1, At, Actor, Event with { EntityId = null }, AuditHash.Genesis).Hash,
            new AuditEntry(1, At, Actor, Event with { Summary = "Case closed" }, AuditHash.Genesis).Hash,
        }.Should().OnlyHaveUniqueItems().And.NotContain(hash);
    }

    [Fact]
    public void Less_than_a_microsecond_does_not_change_the_hash_as_PostgreSQL_would_not_keep_it()
    {
        var stored = AuditHash.TruncateToMicroseconds(At);
        new AuditEntry(1, stored, Actor, Event, AuditHash.Genesis).Hash.Should().Be(new AuditEntry(1, At, Actor, Event, AuditHash.Genesis).Hash);
        AuditHash.TruncateToMicroseconds(stored).Should().Be(stored);
    }

    [Fact]
    public void An_event_about_a_record_names_it_by_its_id()
    {
        var id = Guid.Parse("0190a0a0-0000-7000-8000-000000000009");
        AuditEvent.For("policy.published", "Policy", id, "Published").Should().Be(new AuditEvent("policy.published", "Policy", "0190a0a0-0000-7000-8000-000000000009", "Published"));
        AuditActorInfo.System.Should().Be(new AuditActorInfo("system", "System"));
    }

    [Fact]
    public void A_checkpoint_signs_its_sequence_hash_time_to_the_tick_and_reason_in_one_line()
    {
        var checkpoint = new AuditCheckpoint(1234, new string('b', 64), At, "daily", "");
        checkpoint.Signed.Should().Be($"compliance-audit-checkpoint|1234|{new string('b', 64)}|2026-03-29T01:30:15.1234567Z|daily");
    }
}
