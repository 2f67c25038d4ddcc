namespace Compliance.Core.Accounts;

/// <summary>
/// A one-time link that lets a person choose their password: for a new account, or when an administrator
/// issues a fresh link to someone who has lost theirs. Only the hash of the link's secret is kept.
/// </summary>
public sealed class Invitation
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(7);

    private Invitation()
    {
    }

    public Invitation(Guid userId, string secretHash, Guid createdByUserId, DateTime nowUtc)
    {
        Id = RecordId.New();
        UserId = userId;
        SecretHash = secretHash;
        CreatedByUserId = createdByUserId;
        CreatedAtUtc = nowUtc;
        ExpiresAtUtc = nowUtc + ValidFor;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string SecretHash { get; private set; } = "";
    public Guid CreatedByUserId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? UsedAtUtc { get; private set; }
    public DateTime? WithdrawnAtUtc { get; private set; }

    public bool IsUsable(DateTime nowUtc) => UsedAtUtc is null && WithdrawnAtUtc is null && nowUtc < ExpiresAtUtc;

    public void MarkUsed(DateTime nowUtc) => UsedAtUtc = nowUtc;

    public void Withdraw(DateTime nowUtc) => WithdrawnAtUtc ??= nowUtc;
}
