using System.Security.Claims;
using Compliance.Core.Auditing;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// Who is acting: the signed-in person on a web request ("Anonymous visitor" on public pages, never an IP
/// address), or the operating-system account that ran a command on the server.
/// </summary>
public sealed class AmbientAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    private static readonly AuditActorInfo CommandLine = new($"command:{Environment.UserName}", $"Command line ({Environment.UserName})");
    private static readonly AuditActorInfo Anonymous = new("anonymous", "Anonymous visitor");

    public AuditActorInfo Current
    {
        get
        {
            var context = accessor.HttpContext;
            if (context is null)
            {
                return CommandLine;
            }
            if (context.User.Identity?.IsAuthenticated != true)
            {
                return Anonymous;
            }
            if (context.User.FindFirstValue(ApiTokenAuthentication.ActorClaim) is { } token)
            {
                return new AuditActorInfo(token, context.User.Identity.Name ?? token);
            }
            var id = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
            return new AuditActorInfo($"user:{id}", context.User.Identity.Name ?? id);
        }
    }
}
