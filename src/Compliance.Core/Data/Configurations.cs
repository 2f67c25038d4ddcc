using Compliance.Core.Auditing;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Compliance.Core.Data;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation.Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation.Organisation> b)
    {
        b.ToTable("organisations");
        b.Property(o => o.Name).HasMaxLength(200);
        // One organisation per deployment: a constant column with a unique index refuses a second row.
        b.Property<int>("SingletonKey").HasDefaultValue(1);
        b.HasIndex("SingletonKey").IsUnique();
    }
}

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> b)
    {
        b.ToTable("sites");
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Postcode).HasMaxLength(10);
        b.HasIndex(s => s.Name).IsUnique();
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.ToTable("departments");
        b.Property(d => d.Name).HasMaxLength(200);
        b.HasIndex(d => d.Name).IsUnique();
    }
}

internal sealed class EmployeeConfiguration : IEntityTypeConfiguration<Employee>
{
    public void Configure(EntityTypeBuilder<Employee> b)
    {
        b.ToTable("employees");
        b.Property(e => e.EmployeeNumber).HasMaxLength(EmployeeValidator.MaxNumberLength);
        b.HasIndex(e => e.EmployeeNumber).IsUnique();
        b.Property(e => e.FirstName).HasMaxLength(EmployeeValidator.MaxNameLength);
        b.Property(e => e.LastName).HasMaxLength(EmployeeValidator.MaxNameLength);
        b.Property(e => e.WorkEmail).HasMaxLength(EmployeeValidator.MaxEmailLength);
        b.Property(e => e.JobTitle).HasMaxLength(EmployeeValidator.MaxJobTitleLength);
        b.HasOne<Site>().WithMany().HasForeignKey(e => e.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(e => e.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.LastName, e.FirstName });
        b.Ignore(e => e.FullName);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.HasIndex(a => a.Sequence).IsUnique();
        b.HasIndex(a => a.Hash).IsUnique();
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.Property(a => a.ActorId).HasMaxLength(100);
        b.Property(a => a.ActorName).HasMaxLength(200);
        b.Property(a => a.Action).HasMaxLength(100);
        b.Property(a => a.EntityType).HasMaxLength(100);
        b.Property(a => a.EntityId).HasMaxLength(100);
        b.Property(a => a.Summary).HasMaxLength(AuditEntry.MaxSummaryLength);
        b.Property(a => a.PreviousHash).HasMaxLength(64).IsFixedLength();
        b.Property(a => a.Hash).HasMaxLength(64).IsFixedLength();
    }
}
