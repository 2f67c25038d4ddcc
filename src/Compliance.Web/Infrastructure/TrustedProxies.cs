using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// Forwarded headers (X-Forwarded-For, X-Forwarded-Proto) are believed only from the reverse proxies listed in
/// <c>Compliance:TrustedProxies</c> (addresses or networks such as 10.0.0.0/8); none by default, not even this
/// machine. Otherwise anyone could set the header, pass as another client and dodge the per-client limits.
/// </summary>
public static class TrustedProxies
{
    public static void Configure(IServiceCollection services, IConfiguration configuration)
    {
        var entries = configuration.GetSection("Compliance:TrustedProxies").Get<string[]>() ?? [];
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) proxies.Add(address);
            else throw new InvalidOperationException($"Compliance:TrustedProxies holds \"{entry}\", which is neither an address nor a network such as 10.0.0.0/8.");
        }
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var p in proxies) o.KnownProxies.Add(p);
            foreach (var n in networks) o.KnownIPNetworks.Add(n);
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            // The header goes only with HTTPS responses; an installation reached over HTTPS by a local name gets it too.
            o.ExcludedHosts.Clear();
        });
    }
}

/// <summary>
/// Says once, in the log, when forwarded headers arrive from a connection that is not a listed proxy: behind an
/// unlisted reverse proxy every client looks like the proxy and shares its limits, and HTTPS is not recognised.
/// </summary>
public sealed class UnlistedProxyWarning(RequestDelegate next, ILogger<UnlistedProxyWarning> logger)
{
    private int _warned;

    public Task InvokeAsync(HttpContext context, Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions> options)
    {
        if (_warned == 0 && context.Request.Headers.ContainsKey("X-Forwarded-For") && context.Connection.RemoteIpAddress is { } peer
            && !options.Value.KnownProxies.Contains(peer) && !options.Value.KnownIPNetworks.Any(n => n.Contains(peer))
            && Interlocked.Exchange(ref _warned, 1) == 0)
        {
            logger.LogWarning("Requests carry X-Forwarded-For from {Proxy}, which is not in Compliance:TrustedProxies: every client looks like that address and shares its limits, and HTTPS is not recognised. List the proxy if it is yours.", peer);
        }
        return next(context);
    }
}
