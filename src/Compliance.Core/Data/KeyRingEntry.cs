using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Compliance.Core.Data;

/// <summary>
/// One key of the shared key ring, when instances keep it in the database (<c>Compliance:KeyRing:Store</c> =
/// <c>Database</c>). The XML is the key as the data-protection system writes it, already encrypted with the
/// certificate every instance is given; the database alone cannot open it.
/// </summary>
public sealed class KeyRingEntry
{
    public KeyRingEntry(string name, string xml, DateTime createdAtUtc)
    {
        Id = Guid.CreateVersion7();
        Name = name;
        Xml = xml;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public string Xml { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
}

internal sealed class KeyRingEntryConfiguration : IEntityTypeConfiguration<KeyRingEntry>
{
    public void Configure(EntityTypeBuilder<KeyRingEntry> b)
    {
        b.ToTable("key_ring");
        b.Property(k => k.Name).HasMaxLength(200);
    }
}
