using Compliance.Core.Auditing;

namespace Compliance.Core.Tests.Auditing;

public sealed class AuditHashTests
{
    [Fact]
    public void Truncating_to_microseconds_keeps_what_PostgreSQL_stores()
    {
        var t = new DateTime(2026, 3, 29, 1, 30, 15, DateTimeKind.Utc).AddTicks(1234567);
        var truncated = AuditHash.TruncateToMicroseconds(t);
        Assert.Equal(t.Ticks - 7, truncated.Ticks);
        Assert.Equal(DateTimeKind.Utc, truncated.Kind);
    }

    [Fact]
    public void Genesis_is_sixty_four_zeros()
    {
        Assert.Equal(64, AuditHash.Genesis.Length);
        Assert.All(AuditHash.Genesis, c => Assert.Equal('0', c));
    }
}
