using System.Security.Claims;

namespace Compliance.Web.Infrastructure;

public static class CurrentUser
{
    /// <summary>The signed-in person's account id (pages behind the fallback policy always have one).</summary>
    public static Guid Id(ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in person."));

    public static string InvitationUrl(HttpRequest request, string secret) =>
        $"{request.Scheme}://{request.Host}/account/invitation/{Uri.EscapeDataString(secret)}";
}
