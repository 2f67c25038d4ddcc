using System.Security.Claims;
using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Infrastructure;

/// <summary>The unread count in the header: one indexed count per page.</summary>
public sealed class NotificationBell(ComplianceDbContext db)
{
    public async Task<int> UnreadAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id || !Guid.TryParse(id, out var userId)) return 0;
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAtUtc == null, ct);
    }
}
