using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Accounts;

public sealed record InviteInput(string? Name, string? Email, IReadOnlyCollection<string> Roles);

/// <summary>The result of issuing a link: the secret is in the link, shown once and never stored.</summary>
public sealed record IssuedLink(Guid UserId, string Secret, DateTime ExpiresAtUtc);

/// <summary>
/// What an administrator does to staff accounts: invite, change roles, disable and enable, reset two-factor
/// sign-in, set a line manager's sites and departments. Each change and its audit entry are saved together.
/// Refusals name the field; an installation can never be left without an active administrator.
/// </summary>
public sealed class StaffAccounts(ComplianceDbContext db, UserManager<ApplicationUser> users, AuditTrail audit, TimeProvider clock)
{

    public async Task<(IssuedLink? Link, List<FieldError> Errors)> InviteAsync(InviteInput input, Guid actingUserId, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) errors.Add(new(nameof(input.Name), "Enter the person's name."));
        else if (name.Length > 100) errors.Add(new(nameof(input.Name), "The name must be 100 characters or fewer."));
        var (email, emailErrors) = EmployeeValidator.ValidateEmail(input.Email, required: true);
        errors.AddRange(emailErrors.Select(e => e with { Field = nameof(input.Email) }));
        errors.AddRange(CheckRoles(input.Roles));
        if (email is not null && await users.FindByEmailAsync(email) is not null)
        {
            errors.Add(new(nameof(input.Email), "There is already an account with this email address."));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var user = new ApplicationUser { Id = RecordId.New(), UserName = email, Email = email, DisplayName = name!, CreatedAtUtc = now };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return (null, created.Errors.Select(e => new FieldError(nameof(input.Email), e.Description)).ToList());
        }
        Succeeded(await users.AddToRolesAsync(user, input.Roles.Distinct()));
        var link = NewLink(user.Id, actingUserId, now);
        await audit.SaveAsync(db,
        [
            AuditEvent.For("account.invited", "Account", user.Id, $"{name} <{email}> invited as {RoleList(input.Roles)}"),
        ], ct);
        await tx.CommitAsync(ct);
        return (link.Issued, []);
    }

    /// <summary>A fresh one-time link: for someone whose invitation expired, or who has lost their password. Earlier links stop working.</summary>
    public async Task<(IssuedLink? Link, string? Error)> IssueNewLinkAsync(Guid userId, Guid actingUserId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null) return (null, "That account no longer exists.");
        if (user.IsDisabled) return (null, "This account is disabled. Enable it before issuing a new link.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var link = NewLink(user.Id, actingUserId, now);
        await audit.SaveAsync(db, AuditEvent.For("account.link-issued", "Account", user.Id,
            $"New one-time link issued for {user.DisplayName}; earlier links withdrawn"), ct);
        await tx.CommitAsync(ct);
        return (link.Issued, null);
    }

    private (Invitation Invitation, IssuedLink Issued) NewLink(Guid userId, Guid actingUserId, DateTime now)
    {
        WithdrawOpenLinks(userId, now);
        var secret = Secrets.New();
        var invitation = new Invitation(userId, Secrets.Hash(secret), actingUserId, now);
        db.Invitations.Add(invitation);
        return (invitation, new IssuedLink(userId, secret, invitation.ExpiresAtUtc));
    }

    private void WithdrawOpenLinks(Guid userId, DateTime now)
    {
        foreach (var open in db.Invitations.Where(i => i.UserId == userId && i.UsedAtUtc == null && i.WithdrawnAtUtc == null))
        {
            open.Withdraw(now);
        }
    }

    /// <summary>Finds the account a link is for, or null when the link is unknown, used, withdrawn or expired (one answer for all).</summary>
    public async Task<(Invitation Invitation, ApplicationUser User)?> FindLinkAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 64) return null;
        var hash = Secrets.Hash(secret.Trim());
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.SecretHash == hash, ct);
        if (invitation is null || !invitation.IsUsable(clock.GetUtcNow().UtcDateTime)) return null;
        var user = await users.FindByIdAsync(invitation.UserId.ToString());
        return user is null || user.IsDisabled ? null : (invitation, user);
    }

    /// <summary>Sets the password chosen through a one-time link, and uses the link up.</summary>
    public async Task<(ApplicationUser? User, List<FieldError> Errors)> AcceptLinkAsync(string? secret, string? password, string? confirm, CancellationToken ct = default)
    {
        var found = await FindLinkAsync(secret, ct);
        if (found is not { } link)
        {
            return (null, [new("", "This link has expired or has already been used. Ask an administrator for a new one.")]);
        }
        if (AccountRules.CheckNewPassword(password, confirm) is { Count: > 0 } passwordErrors) return (null, passwordErrors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = link.User;
        var firstTime = !user.HasAcceptedInvitation;
        if (!firstTime)
        {
            Succeeded(await users.RemovePasswordAsync(user));
        }
        var set = await users.AddPasswordAsync(user, password!);
        if (!set.Succeeded)
        {
            return (null, set.Errors.Select(e => new FieldError("Password", e.Description)).ToList());
        }
        link.Invitation.MarkUsed(clock.GetUtcNow().UtcDateTime);
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await audit.SaveAsAsync(db, ActorFor(user), AuditEvent.For(firstTime ? "account.invitation-accepted" : "account.password-reset",
            "Account", user.Id, firstTime ? "Invitation accepted and password chosen" : "New password chosen through a one-time link"), ct);
        await tx.CommitAsync(ct);
        return (user, []);
    }

    public async Task<List<FieldError>> ChangeRolesAsync(Guid userId, IReadOnlyCollection<string> roles, Guid actingUserId, CancellationToken ct = default)
    {
        var errors = CheckRoles(roles);
        if (errors.Count > 0) return errors;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(ct);
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null) return [new("", "That account no longer exists.")];
        var before = await users.GetRolesAsync(user);
        var wanted = roles.Distinct().ToList();
        if (before.Contains(Roles.Administrator) && !wanted.Contains(Roles.Administrator) && !user.IsDisabled &&
            await OtherActiveAdministratorsAsync(user.Id, ct) == 0)
        {
            return [new("Roles", "This is the only active administrator. Make someone else an administrator first.")];
        }
        var removed = before.Except(wanted).ToList();
        var added = wanted.Except(before).ToList();
        if (removed.Count == 0 && added.Count == 0) return [];
        Succeeded(await users.RemoveFromRolesAsync(user, removed));
        Succeeded(await users.AddToRolesAsync(user, added));
        await audit.SaveAsync(db, AuditEvent.For("account.roles-changed", "Account", user.Id,
            $"Roles of {user.DisplayName} changed from {RoleList(before)} to {RoleList(wanted)}"), ct);
        await tx.CommitAsync(ct);
        return [];
    }

    /// <summary>Disabling changes the security stamp, so every session of the account ends on its next request.</summary>
    public async Task<string?> DisableAsync(Guid userId, Guid actingUserId, CancellationToken ct = default)
    {
        if (userId == actingUserId) return "You cannot disable your own account.";
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(ct);
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null) return "That account no longer exists.";
        if (user.IsDisabled) return null;
        if (await users.IsInRoleAsync(user, Roles.Administrator) && await OtherActiveAdministratorsAsync(user.Id, ct) == 0)
        {
            return "This is the only active administrator, so it cannot be disabled.";
        }
        var now = clock.GetUtcNow().UtcDateTime;
        user.DisabledAtUtc = now;
        WithdrawOpenLinks(user.Id, now);
        Succeeded(await users.UpdateSecurityStampAsync(user));
        await audit.SaveAsync(db, AuditEvent.For("account.disabled", "Account", user.Id, $"Account of {user.DisplayName} disabled; its sessions ended"), ct);
        await tx.CommitAsync(ct);
        return null;
    }

    public async Task<string?> EnableAsync(Guid userId, Guid actingUserId, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null) return "That account no longer exists.";
        if (!user.IsDisabled) return null;
        user.DisabledAtUtc = null;
        Succeeded(await users.UpdateAsync(user));
        await users.ResetAccessFailedCountAsync(user);
        await audit.SaveAsync(db, AuditEvent.For("account.enabled", "Account", user.Id, $"Account of {user.DisplayName} enabled again"), ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>For someone who has lost both their authenticator and their recovery codes: they set it up again at next sign-in.</summary>
    public async Task<string?> ResetTwoFactorAsync(Guid userId, Guid actingUserId, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null) return "That account no longer exists.";
        Succeeded(await users.SetTwoFactorEnabledAsync(user, false));
        Succeeded(await users.ResetAuthenticatorKeyAsync(user));
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await audit.SaveAsync(db, AuditEvent.For("account.two-factor-reset", "Account", user.Id,
            $"Two-factor sign-in of {user.DisplayName} reset by an administrator; sessions ended"), ct);
        await tx.CommitAsync(ct);
        return null;
    }

    public async Task<string?> SetManagerScopeAsync(Guid userId, IReadOnlyCollection<Guid> siteIds, IReadOnlyCollection<Guid> departmentIds, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null) return "That account no longer exists.";
        var knownSites = await db.Sites.Where(s => siteIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
        var knownDepartments = await db.Departments.Where(d => departmentIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct);
        if (knownSites.Count != siteIds.Distinct().Count() || knownDepartments.Count != departmentIds.Distinct().Count())
        {
            return "A site or department you chose no longer exists. Reload the page and choose again.";
        }
        var current = await db.ManagerScopes.Where(s => s.UserId == userId).ToListAsync(ct);
        db.ManagerScopes.RemoveRange(current.Where(s => s.SiteId is { } id ? !knownSites.Contains(id) : !knownDepartments.Contains(s.DepartmentId!.Value)));
        db.ManagerScopes.AddRange(knownSites.Where(id => current.All(s => s.SiteId != id)).Select(id => new ManagerScope(userId, id, null)));
        db.ManagerScopes.AddRange(knownDepartments.Where(id => current.All(s => s.DepartmentId != id)).Select(id => new ManagerScope(userId, null, id)));
        if (!db.ChangeTracker.HasChanges()) return null;
        await audit.SaveAsync(db, AuditEvent.For("account.manager-scope-changed", "Account", userId,
            $"{user.DisplayName} now manages {knownSites.Count} site(s) and {knownDepartments.Count} department(s)"), ct);
        return null;
    }

    public static AuditActorInfo ActorFor(ApplicationUser user) => new($"user:{user.Id}", user.UserName ?? user.Id.ToString());

    private static List<FieldError> CheckRoles(IReadOnlyCollection<string> roles)
    {
        if (roles.Count == 0) return [new("Roles", "Choose at least one role.")];
        return roles.Any(r => !Roles.All.Contains(r)) ? [new("Roles", "Choose roles from the list.")] : [];
    }

    private static string RoleList(IEnumerable<string> roles)
    {
        var list = roles.Select(Roles.Label).Order().ToList();
        return list.Count == 0 ? "no role" : string.Join(", ", list);
    }

    /// <summary>Counted afresh from the database (never from tracked, possibly stale, entities), under the accounts lock.</summary>
    private Task<int> OtherActiveAdministratorsAsync(Guid userId, CancellationToken ct) =>
        (from ur in db.UserRoles.AsNoTracking()
         join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
         join u in db.Users.AsNoTracking() on ur.UserId equals u.Id
         where r.Name == Roles.Administrator && u.Id != userId && u.DisabledAtUtc == null && u.PasswordHash != null
         select u.Id).CountAsync(ct);

    /// <summary>
    /// Serialises changes that could leave no active administrator (two administrators disabling each other at
    /// once), and forgets entities read before the lock, so every check after it sees the committed state.
    /// </summary>
    private async Task LockAsync(CancellationToken ct)
    {
        await db.Dialect.TakeTurnAsync(db, WriterLock.Administrators, ct);
        db.ChangeTracker.Clear();
    }

    private static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
