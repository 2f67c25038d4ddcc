using Compliance.Core.Employees;
using Compliance.Core.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Compliance.Core.Data;

internal sealed class PolicyConfiguration : IEntityTypeConfiguration<Policy>
{
    public void Configure(EntityTypeBuilder<Policy> b)
    {
        b.ToTable("policies");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Title).HasMaxLength(200);
        b.Property(p => p.Slug).HasMaxLength(80);
        b.HasIndex(p => p.Slug).IsUnique();
        b.HasMany(p => p.Versions).WithOne().HasForeignKey(v => v.PolicyId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(p => p.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(p => p.InForce);
        b.Ignore(p => p.Open);
    }
}

internal sealed class PolicyVersionConfiguration : IEntityTypeConfiguration<PolicyVersion>
{
    public void Configure(EntityTypeBuilder<PolicyVersion> b)
    {
        b.ToTable("policy_versions");
        b.Property(v => v.Id).ValueGeneratedNever();
        b.HasIndex(v => new { v.PolicyId, v.Number }).IsUnique();
        b.Property(v => v.Text).HasMaxLength(PolicyVersion.MaxTextLength);
        b.Property(v => v.SubmittedByName).HasMaxLength(200);
        b.Property(v => v.ApprovedByName).HasMaxLength(200);
        b.Property(v => v.PublishedByName).HasMaxLength(200);
        b.Property(v => v.ContentHash).HasMaxLength(64);
        b.Property(v => v.ReturnedReason).HasMaxLength(2000);
        b.Property(v => v.MissingSectionsReason).HasMaxLength(2000);
        b.Ignore(v => v.IsFrozen);
    }
}

internal sealed class PolicyConsultationConfiguration : IEntityTypeConfiguration<PolicyConsultation>
{
    public void Configure(EntityTypeBuilder<PolicyConsultation> b)
    {
        b.ToTable("policy_consultations");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.ConsultedName).HasMaxLength(PolicyConsultation.MaxNameLength);
        b.Property(c => c.Outcome).HasMaxLength(PolicyConsultation.MaxOutcomeLength);
        b.Property(c => c.RecordedByName).HasMaxLength(200);
        b.HasOne<Policy>().WithMany().HasForeignKey(c => c.PolicyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PolicyVersion>().WithMany().HasForeignKey(c => c.VersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.VersionId);
    }
}

internal sealed class PolicyRecipientConfiguration : IEntityTypeConfiguration<PolicyRecipient>
{
    public void Configure(EntityTypeBuilder<PolicyRecipient> b)
    {
        b.ToTable("policy_recipients");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasOne<Policy>().WithMany().HasForeignKey(r => r.PolicyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Employee>().WithMany().HasForeignKey(r => r.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        // One request per person per round: asking again never asks twice.
        b.HasIndex(r => new { r.PolicyId, r.Round, r.EmployeeId }).IsUnique();
        b.HasIndex(r => r.EmployeeId);
    }
}

internal sealed class PolicyLinkConfiguration : IEntityTypeConfiguration<PolicyLink>
{
    public void Configure(EntityTypeBuilder<PolicyLink> b)
    {
        b.ToTable("policy_links");
        b.Property(l => l.Id).ValueGeneratedNever();
        b.Property(l => l.SecretHash).HasMaxLength(32);
        b.HasIndex(l => l.SecretHash).IsUnique();
        b.HasOne<PolicyRecipient>().WithMany().HasForeignKey(l => l.RecipientId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => l.RecipientId);
    }
}

internal sealed class PolicyAcknowledgementConfiguration : IEntityTypeConfiguration<PolicyAcknowledgement>
{
    public void Configure(EntityTypeBuilder<PolicyAcknowledgement> b)
    {
        b.ToTable("policy_acknowledgements");
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.ContentHash).HasMaxLength(64);
        b.HasOne<Policy>().WithMany().HasForeignKey(a => a.PolicyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PolicyVersion>().WithMany().HasForeignKey(a => a.VersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Employee>().WithMany().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        // Acknowledging twice records once.
        b.HasIndex(a => new { a.PolicyId, a.Round, a.EmployeeId }).IsUnique();
        // The evidence pack reads coverage over time by date.
        b.HasIndex(a => new { a.PolicyId, a.AcknowledgedAtUtc });
    }
}
