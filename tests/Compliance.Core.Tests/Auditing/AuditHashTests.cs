using Compliance.Core.Auditing;

namespace Compliance.Core.Tests.Auditing;

public sealed class AuditHashTests
{
    [Fact]
    public void Truncating_to_microseconds_keeps_what_PostgreSQL_stores()
    {
        var t = new DateTime(2026, 3, 29, 1, 30, 15, DateTimeKind.Utc).AddTicks(1234567);
        var truncated = AuditHash.TruncateToMicroseconds(t);
        truncated.Ticks.Should().Be(t.Ticks - 7);
        truncated.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public void Genesis_is_sixty_four_zeros()
    {
        AuditHash.Genesis.Length.Should().Be(64);
        AuditHash.Genesis.ToCharArray().Should().AllSatisfy(c => c.Should().Be('0'));
    }
}
