using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Compliance.Core.Data;

/// <summary>
/// One key of the shared key ring, when instances keep it in the database (<c>Compliance:KeyRing:Store</c> =
/// <c>Database</c>). The XML is the key as the data-protection system writes it, already encrypted with the
/// certificate every instance is given; the database alone cannot open it. Each entry is signed with that
/// certificate's private key too, so that a key written into the table by anyone else (who could encrypt one to
/// the certificate's public key) is refused rather than used.
/// </summary>
public sealed class KeyRingEntry
{
    public KeyRingEntry(string name, string xml, byte[] signature, DateTime createdAtUtc)
    {
        Id = RecordId.New();
        Name = name;
        Xml = xml;
        Signature = signature;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public string Xml { get; private set; }

    /// <summary>The signature of <see cref="Xml"/> (UTF-8) by the certificate's private key.</summary>
    public byte[] Signature { get; private set; } = [];
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
