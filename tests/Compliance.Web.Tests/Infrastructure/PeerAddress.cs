using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.Infrastructure;

/// <summary>
/// The in-process test server has no network peers: with this, a test header stands for the address a request's
/// connection came from, set before anything else runs, as a real connection's address is.
/// </summary>
public static class PeerAddress
{
    public const string Header = "X-Test-Peer";

    public static void Enable(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, Filter>());

    /// <summary>A browser whose requests come from this address.</summary>
    public static AppClient From(this ComplianceAppFactory app, string peer)
    {
        var client = app.NewClient();
        client.Http.DefaultRequestHeaders.Add(Header, peer);
        return client;
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var peer)) context.Connection.RemoteIpAddress = IPAddress.Parse(peer!);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
