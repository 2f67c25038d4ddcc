using System.Globalization;
using System.Security.Claims;
using Compliance.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// Sessions: 30 minutes idle, 12 hours at most from sign-in, checked against the account on every request
/// (security stamp), so signing out, disabling, a password reset or a role change applies at once.
/// </summary>
public static class Sessions
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);
    public const string TwoFactorClaim = "two_factor";
    private const string SignedInItem = ".signed-in";

    public static void Configure(IServiceCollection services)
    {
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            // The refreshed principal keeps how the person signed in (with an authenticator or not).
            o.OnRefreshingPrincipal = context =>
            {
                if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
                {
                    foreach (var amr in current.FindAll("amr"))
                    {
                        identity.AddClaim(new Claim("amr", amr.Value));
                    }
                }
                return Task.CompletedTask;
            };
        });
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.Cookie.Name = "compliance.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = IdleTimeout;
            options.SlidingExpiration = true;
            options.Events.OnSigningIn = context =>
            {
                if (!context.Properties.Items.ContainsKey(SignedInItem))
                {
                    var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                    context.Properties.Items[SignedInItem] = now.ToString("O", CultureInfo.InvariantCulture);
                }
                return Task.CompletedTask;
            };
            options.Events.OnValidatePrincipal = async context =>
            {
                var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                if (!context.Properties.Items.TryGetValue(SignedInItem, out var value) ||
                    !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedIn) ||
                    now - signedIn > AbsoluteTimeout)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
            // A signed-in person without the role gets a 403 page, not a redirect that hides the refusal.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>Administrators and case handlers must set up two-factor sign-in before anything else.</summary>
    public static bool MustSetUpTwoFactor(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true &&
        user.Identity.AuthenticationType == IdentityConstants.ApplicationScheme &&
        Roles.RequiringTwoFactor.Any(user.IsInRole) &&
        user.FindFirstValue(TwoFactorClaim) != "true";

    public static IApplicationBuilder UseTwoFactorGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        // The reporting pages are public and read nothing of the account: anyone may report, signed in or not.
        var allowed = path.StartsWithSegments("/account") || path.StartsWithSegments("/error") || path.StartsWithSegments("/report") ||
            path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/health");
        if (!allowed && MustSetUpTwoFactor(context.User))
        {
            context.Response.Redirect("/account/security/authenticator");
            return;
        }
        await next();
    });
}

/// <summary>Adds the person's display name and whether two-factor sign-in is on to their session.</summary>
public sealed class ComplianceClaimsFactory(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim("display_name", user.DisplayName));
        identity.AddClaim(new Claim(Sessions.TwoFactorClaim, user.TwoFactorEnabled ? "true" : "false"));
        return identity;
    }
}

/// <summary>Who may sign in at all: an account that has chosen a password and is not disabled.</summary>
public sealed class ActiveAccountConfirmation : IUserConfirmation<ApplicationUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult(!user.IsDisabled && user.HasAcceptedInvitation);
}
