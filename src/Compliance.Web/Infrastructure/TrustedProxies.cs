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
        services.AddSingleton(new TrustedProxyList(proxies.Count + networks.Count > 0));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Every list of the framework's defaults goes (they hold this machine's loopback addresses), and the
            // middleware runs only when a proxy is listed: with its lists empty it would believe every peer.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the older list is still read by the middleware, so it is cleared too
            o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
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

/// <summary>Whether any reverse proxy is listed in <c>Compliance:TrustedProxies</c>: without one, forwarded headers are never read.</summary>
public sealed record TrustedProxyList(bool Any);

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
            // The address is not logged: the reporting pages never log where a request came from.
            logger.LogWarning("Requests carry X-Forwarded-For from a connection that is not in Compliance:TrustedProxies: the header is ignored, every client behind that proxy shares its limits, and HTTPS is not recognised. List the proxy if it is yours.");
        }
        return next(context);
    }
}
