using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// Slows password guessing and spraying: the forms that check a secret (sign-in, its second step, one-time
/// links, a policy letter's code) accept a limited number of posts per client (kept in memory only), and a cap across all clients
/// slows a distributed guesser. Account lockout still applies per account.
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
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => Applies(context)
                    ? RateLimitPartition.GetFixedWindowLimiter("client:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perClient, Window = window })
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => Applies(context)
                    ? RateLimitPartition.GetFixedWindowLimiter("all", _ => new FixedWindowRateLimiterOptions { PermitLimit = overall, Window = window })
                    : RateLimitPartition.GetNoLimiter("")));
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)window.TotalSeconds).ToString();
                return ValueTask.CompletedTask;
            };
        });
    }

    private static bool Applies(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) &&
        (context.Request.Path.StartsWithSegments("/account/sign-in") || context.Request.Path.StartsWithSegments("/account/invitation")
            || context.Request.Path.StartsWithSegments(Compliance.Core.Policies.PolicyLetters.CodePath));
}
