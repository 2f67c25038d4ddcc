using Compliance.Core.RiskAssessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Compliance.Core.Data;

internal sealed class RiskFactorConfiguration : IEntityTypeConfiguration<RiskFactor>
{
    public void Configure(EntityTypeBuilder<RiskFactor> b)
    {
        b.ToTable("risk_factors");
        b.HasKey(f => f.Code);
        b.Property(f => f.Code).HasMaxLength(40);
        b.Property(f => f.Title).HasMaxLength(200);
        b.Property(f => f.Explanation).HasMaxLength(2000);
        b.Property(f => f.SuggestedControls).HasMaxLength(2000);
        b.Property(f => f.Source).HasMaxLength(200);
        // The library is data, seeded here: a migration adds any factor added to the list.
        b.HasData(RiskFactorLibrary.BuiltIn.Select(f => new
        {
            f.Code,
            f.Title,
            f.Explanation,
            f.SuggestedControls,
            f.Source,
            f.IsBuiltIn,
            f.SortOrder,
            f.Signal,
        }));
    }
}
