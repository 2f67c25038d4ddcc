using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Core.Data;

namespace Compliance.Web.Infrastructure;

/// <summary>Records every sign-in outcome in the audit trail, as the person signing in.</summary>
public sealed class SignInEvents(ComplianceDbContext db, AuditTrail audit, TimeProvider clock)
{
    public Task SucceededAsync(ApplicationUser user, string how, CancellationToken ct)
    {
        user.LastSignedInAtUtc = clock.GetUtcNow().UtcDateTime;
        return audit.SaveAsAsync(db, StaffAccounts.ActorFor(user), AuditEvent.For("account.signed-in", "Account", user.Id, "Signed in " + how), ct);
    }

    public Task FailedAsync(ApplicationUser? user, string reason, CancellationToken ct) =>
        audit.SaveAsAsync(db, user is null ? new AuditActorInfo("anonymous", "Unknown account") : StaffAccounts.ActorFor(user),
            new AuditEvent("account.sign-in-failed", "Account", user?.Id.ToString(), "Sign-in failed: " + reason), ct);

    /// <summary>The attempt that reaches the limit locks the account: that is recorded once, not every refused try after it.</summary>
    public Task LockedOutAsync(ApplicationUser user, bool lockedNow, CancellationToken ct) =>
        audit.SaveAsAsync(db, StaffAccounts.ActorFor(user), AuditEvent.For(lockedNow ? "account.locked-out" : "account.sign-in-refused-locked", "Account", user.Id,
            lockedNow ? "Account locked for 15 minutes after 5 failed sign-in attempts" : "Sign-in refused: account is locked"), ct);

    public const string LockedMessage = "This account is locked because of too many failed sign-in attempts. Try again in 15 minutes, or ask an administrator.";
}
