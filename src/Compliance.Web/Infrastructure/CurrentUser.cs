using System.Security.Claims;

namespace Compliance.Web.Infrastructure;

public static class CurrentUser
{
    /// <summary>The signed-in person's account id (pages behind the fallback policy always have one).</summary>
    public static Guid Id(ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in person."));

    /// <summary>The name the person is known by here, as shown in the header and written on what they sign off or log.</summary>
    public static string DisplayName(ClaimsPrincipal user) => user.FindFirstValue("display_name") ?? user.Identity?.Name ?? "";

    /// <summary>The address people use to reach the app: the PublicUrl setting when set (behind a proxy), otherwise this request's.</summary>
    public static string InvitationUrl(HttpRequest request, string secret)
    {
        var configured = request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["Compliance:PublicUrl"];
        var origin = string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}" : configured.TrimEnd('/');
        return $"{origin}/account/invitation/{Uri.EscapeDataString(secret)}";
    }
}

public static class ReturnUrls
{
    /// <summary>The return address when it is on this site (the same test LocalRedirect applies), otherwise the overview.</summary>
    public static string SafeReturnUrl(this Microsoft.AspNetCore.Mvc.IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
