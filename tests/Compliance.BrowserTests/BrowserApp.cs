using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Compliance.BrowserTests;

/// <summary>Debian's Chromium driven by Playwright, pointed at an app served by Kestrel on a real port.</summary>
public sealed class Chromium : IAsyncDisposable
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static async Task<Chromium> StartAsync(IServiceProvider appServices)
    {
        var addresses = appServices.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var chromium = new Chromium { BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/') };
        chromium._playwright = await Playwright.CreateAsync();
        chromium.Browser = await chromium._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
        return chromium;
    }

    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "en-GB" });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}

/// <summary>A fresh app (no organisation yet) for the first-run journey.</summary>
public sealed class BrowserApp : ComplianceAppFactory
{
    public BrowserApp() => UseKestrel(0);

    public Chromium Chromium { get; private set; } = null!;
    public IBrowser Browser => Chromium.Browser;
    public string BaseUrl => Chromium.BaseUrl;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        Chromium = await Chromium.StartAsync(Services);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>An app already set up, for journeys that start from a signed-in role.</summary>
public class SetUpBrowserApp : SetUpAppFactory
{
    public SetUpBrowserApp() => UseKestrel(0);

    public Chromium Chromium { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        Chromium = await Chromium.StartAsync(Services);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        await base.DisposeAsync();
    }
}
