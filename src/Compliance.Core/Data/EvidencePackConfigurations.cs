using Compliance.Core.EvidencePacks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Compliance.Core.Data;

internal sealed class EvidencePackConfiguration : IEntityTypeConfiguration<EvidencePack>
{
    public void Configure(EntityTypeBuilder<EvidencePack> b)
    {
        b.ToTable("evidence_packs");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.RequestedByName).HasMaxLength(200);
        b.Property(p => p.Chapter).HasMaxLength(200);
        b.Property(p => p.Sha256).HasMaxLength(64);
        b.Property(p => p.Error).HasMaxLength(500);
        // Verification looks a pack up by its hash; the list is newest first.
        b.HasIndex(p => p.Sha256);
        b.Property(p => p.RecordsSha256).HasMaxLength(64);
        b.HasIndex(p => p.RecordsSha256);
        b.HasIndex(p => p.RequestedAtUtc);
    }
}
