using Compliance.Core.Accounts;
using Compliance.Core.Data;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// Until the organisation exists, every page leads to first-run setup. Once it exists the answer is
/// remembered, so a set-up installation pays for the check only once.
/// </summary>
public sealed class SetupGate
{
    private volatile bool _setUp;

    public async Task<bool> IsSetUpAsync(ComplianceDbContext db, CancellationToken ct)
    {
        if (!_setUp && await AccountRules.OrganisationExistsAsync(db, ct))
        {
            _setUp = true;
        }
        return _setUp;
    }

    public static IApplicationBuilder UseSetupGate(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var exempt = path.StartsWithSegments("/setup") || path.StartsWithSegments("/health")
            || path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/error");
        if (!exempt)
        {
            var gate = context.RequestServices.GetRequiredService<SetupGate>();
            var db = context.RequestServices.GetRequiredService<ComplianceDbContext>();
            if (!await gate.IsSetUpAsync(db, context.RequestAborted))
            {
                context.Response.Redirect("/setup");
                return;
            }
        }
        await next();
    });
}
