using Compliance.Core.ThirdParty;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Compliance.Core.Data;

internal sealed class ThirdPartyIncidentConfiguration : IEntityTypeConfiguration<ThirdPartyIncident>
{
    public void Configure(EntityTypeBuilder<ThirdPartyIncident> b)
    {
        b.ToTable("third_party_incidents");
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.Description).HasMaxLength(ThirdPartyIncident.MaxDescriptionLength);
        b.Property(i => i.RespondedBy).HasMaxLength(200);
        b.Property(i => i.LoggedByName).HasMaxLength(200);
        b.HasOne<Organisation.Site>().WithMany().HasForeignKey(i => i.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Employees.Employee>().WithMany().HasForeignKey(i => i.AffectedEmployeeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RiskAssessments.RiskAssessment>().WithMany().HasForeignKey(i => i.RiskAssessmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.SiteId, i.OccurredOn });
        b.HasIndex(i => i.RiskAssessmentId);
    }
}

internal sealed class MeasureUseConfiguration : IEntityTypeConfiguration<MeasureUse>
{
    public void Configure(EntityTypeBuilder<MeasureUse> b)
    {
        b.ToTable("measure_uses");
        b.Property(u => u.Id).ValueGeneratedNever();
        b.Property(u => u.TemplateName).HasMaxLength(64);
        b.Property(u => u.TemplateTitle).HasMaxLength(200);
        b.Property(u => u.Where).HasMaxLength(MeasureUse.MaxWhereLength);
        b.Property(u => u.TextSha256).HasMaxLength(64);
        b.Property(u => u.RecordedByName).HasMaxLength(200);
        b.HasIndex(u => u.UsedFrom);
    }
}
