using Compliance.Core.Accounts;
using Compliance.Core.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Compliance.Core.Data;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.Ignore(u => u.HasAcceptedInvitation);
        b.Ignore(u => u.IsDisabled);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.ToTable("invitations");
        b.Property(i => i.SecretHash).HasMaxLength(64);
        b.HasIndex(i => i.SecretHash).IsUnique();
        b.HasIndex(i => i.UserId);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("api_tokens");
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.SecretHash).HasMaxLength(64);
        b.Property(t => t.Hint).HasMaxLength(20);
        b.HasIndex(t => t.SecretHash).IsUnique();
        b.Ignore(t => t.IsRevoked);
    }
}

internal sealed class ManagerScopeConfiguration : IEntityTypeConfiguration<ManagerScope>
{
    public void Configure(EntityTypeBuilder<ManagerScope> b)
    {
        b.ToTable("manager_scopes", t => t.HasCheckConstraint("ck_manager_scopes_one_target", "(site_id IS NULL) <> (department_id IS NULL)"));
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Site>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Department>().WithMany().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.UserId, s.SiteId, s.DepartmentId }).IsUnique().AreNullsDistinct(false);
    }
}
