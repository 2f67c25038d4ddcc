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

internal sealed class RiskAssessmentConfiguration : IEntityTypeConfiguration<RiskAssessment>
{
    public void Configure(EntityTypeBuilder<RiskAssessment> b)
    {
        b.ToTable("risk_assessments");
        // Ids are made in the domain (time-ordered), so a revision or rating added to a loaded assessment is new, not changed.
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Title).HasMaxLength(200);
        b.Property(a => a.ScopeDescription).HasMaxLength(200);
        b.Property(a => a.ReviewFlagReason).HasMaxLength(500);
        b.HasOne<Organisation.Site>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Department>().WithMany().HasForeignKey(a => a.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Revisions).WithOne().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(a => a.Revisions).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(a => a.Current);
        b.Ignore(a => a.LastApproved);
        b.Ignore(a => a.Draft);
        b.HasIndex(a => a.SiteId);
        b.HasIndex(a => a.NextReviewDue);
    }
}

internal sealed class AssessmentRevisionConfiguration : IEntityTypeConfiguration<AssessmentRevision>
{
    public void Configure(EntityTypeBuilder<AssessmentRevision> b)
    {
        b.ToTable("assessment_revisions");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => new { r.AssessmentId, r.Number }).IsUnique();
        b.Property(r => r.ApprovedByName).HasMaxLength(200);
        b.Property(r => r.ApprovedContentHash).HasMaxLength(64);
        b.HasMany(r => r.Ratings).WithOne().HasForeignKey(f => f.RevisionId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(r => r.Ratings).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class FactorRatingConfiguration : IEntityTypeConfiguration<FactorRating>
{
    public void Configure(EntityTypeBuilder<FactorRating> b)
    {
        b.ToTable("factor_ratings", t => t.HasCheckConstraint("ck_factor_ratings_scale",
            "(likelihood IS NULL OR likelihood BETWEEN 1 AND 5) AND (severity IS NULL OR severity BETWEEN 1 AND 5)"));
        b.Property(f => f.Id).ValueGeneratedNever();
        b.HasIndex(f => new { f.RevisionId, f.FactorCode }).IsUnique();
        b.Property(f => f.FactorCode).HasMaxLength(40);
        b.Property(f => f.WhoIsAtRisk).HasMaxLength(500);
        b.Property(f => f.ControlsInPlace).HasMaxLength(2000);
        b.Property(f => f.NotRelevantReason).HasMaxLength(1000);
        b.HasOne<RiskFactor>().WithMany().HasForeignKey(f => f.FactorCode).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(f => f.Score);
        b.Ignore(f => f.Band);
        b.Ignore(f => f.IsComplete);
        b.Ignore(f => f.IsConsidered);
    }
}

internal sealed class RiskActionConfiguration : IEntityTypeConfiguration<RiskAction>
{
    public void Configure(EntityTypeBuilder<RiskAction> b)
    {
        b.ToTable("risk_actions");
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Description).HasMaxLength(RiskAction.MaxDescriptionLength);
        b.Property(a => a.Owner).HasMaxLength(200);
        b.Property(a => a.FactorCode).HasMaxLength(40);
        b.Property(a => a.CompletionNote).HasMaxLength(RiskAction.MaxCompletionNoteLength);
        b.HasOne<RiskAssessment>().WithMany().HasForeignKey(a => a.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RiskFactor>().WithMany().HasForeignKey(a => a.FactorCode).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.Status, a.DueDate });
        b.HasIndex(a => a.AssessmentId);
    }
}
