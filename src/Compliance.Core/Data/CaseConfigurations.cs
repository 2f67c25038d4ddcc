using Compliance.Core.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Compliance.Core.Data;

internal sealed class ReportCaseConfiguration : IEntityTypeConfiguration<ReportCase>
{
    public void Configure(EntityTypeBuilder<ReportCase> b)
    {
        b.ToTable("report_cases");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Reference).HasMaxLength(20);
        b.HasIndex(c => c.Reference).IsUnique();
        b.HasIndex(c => c.State);
        b.HasOne<Organisation.Site>().WithMany().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ThirdParty.ThirdPartyIncident>().WithMany().HasForeignKey(c => c.ThirdPartyIncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseEntryConfiguration : IEntityTypeConfiguration<CaseEntry>
{
    public void Configure(EntityTypeBuilder<CaseEntry> b)
    {
        b.ToTable("case_entries");
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.AuthorName).HasMaxLength(200);
        b.HasOne<ReportCase>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.CaseId, e.Number }).IsUnique();
    }
}

internal sealed class CaseFileConfiguration : IEntityTypeConfiguration<CaseFile>
{
    public void Configure(EntityTypeBuilder<CaseFile> b)
    {
        b.ToTable("case_files");
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.StoredName).HasMaxLength(64);
        b.HasOne<ReportCase>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => f.CaseId);
    }
}

internal sealed class CaseFileBlobConfiguration : IEntityTypeConfiguration<CaseFileBlob>
{
    public void Configure(EntityTypeBuilder<CaseFileBlob> b)
    {
        b.ToTable("case_file_blobs");
        b.HasKey(x => new { x.FileId, x.Clean });
        b.HasOne<CaseFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseAssignmentConfiguration : IEntityTypeConfiguration<CaseAssignment>
{
    public void Configure(EntityTypeBuilder<CaseAssignment> b)
    {
        b.ToTable("case_assignments");
        b.HasKey(a => new { a.CaseId, a.UserId });
        b.Property(a => a.AssignedBy).HasMaxLength(200);
        b.HasOne<ReportCase>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Accounts.ApplicationUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.UserId);
    }
}

internal sealed class CaseExclusionConfiguration : IEntityTypeConfiguration<CaseExclusion>
{
    public void Configure(EntityTypeBuilder<CaseExclusion> b)
    {
        b.ToTable("case_exclusions");
        b.HasKey(x => new { x.CaseId, x.UserId });
        b.HasOne<ReportCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Accounts.ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.UserId);
    }
}
