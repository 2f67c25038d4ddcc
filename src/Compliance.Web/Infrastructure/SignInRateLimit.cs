using System.Threading.RateLimiting;
using Compliance.Core.Policies;
using Microsoft.AspNetCore.RateLimiting;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// Slows password guessing and spraying: the forms that check a secret (sign-in, its second step, one-time
/// links, a policy letter's code) accept a limited number of posts per client (kept in memory only; an IPv6 client
/// by its /64), and a cap across all clients slows a distributed guesser. Staff sign-in and the policy code have
/// budgets of their own. Account lockout still applies per account.
/// </summary>
public static class SignInRateLimit
{
    public static void Configure(IServiceCollection services, IConfiguration configuration)
    {
        var perClient = configuration.GetValue("Compliance:SignInRateLimit:PerClient", 30);
        var overall = configuration.GetValue("Compliance:SignInRateLimit:Overall", 300);
        var window = TimeSpan.FromMinutes(5);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Each form has budgets of its own: a flood of guesses at a policy letter's code never locks staff out of signing in.
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => Form(context) is { } form
                    ? RateLimitPartition.GetFixedWindowLimiter($"{form}:client:{Convert.ToHexString(ClientAddress.Bytes(context.Connection.RemoteIpAddress))}",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perClient, Window = window })
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => Form(context) is { } form
                    ? RateLimitPartition.GetFixedWindowLimiter($"{form}:all", _ => new FixedWindowRateLimiterOptions { PermitLimit = overall, Window = window })
                    : RateLimitPartition.GetNoLimiter("")));
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)window.TotalSeconds).ToString();
                return ValueTask.CompletedTask;
            };
        });
    }

    /// <summary>Which limited form a request posts to, if any: staff sign-in (with its steps and invitations) or a policy letter's code.</summary>
    private static string? Form(HttpContext context) =>
        !HttpMethods.IsPost(context.Request.Method) ? null
        : context.Request.Path.StartsWithSegments("/account/sign-in") || context.Request.Path.StartsWithSegments("/account/invitation") ? "sign-in"
        : context.Request.Path.StartsWithSegments(PolicyLetters.CodePath) ? "policy-code"
        : null;
}
