using Compliance.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Compliance.BrowserTests;

/// <summary>What the journeys share: signing in as an account, and checking a page at both widths.</summary>
public static class Journeys
{
    private static readonly (string Name, int Width, int Height)[] Sizes = [("desktop", 1280, 900), ("phone", 390, 844)];

    /// <summary>A fresh browser signed in as this account, with its authenticator code when it has one.</summary>
    public static async Task<IPage> SignedInAsync(Chromium chromium, TestAccount account)
    {
        var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (account.AuthenticatorKey is { } key)
        {
            await page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(key));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Axe on the page as it is, then again at a phone's width (and back), with nothing overflowing sideways.</summary>
    public static async Task CheckAtBothWidthsAsync(IPage page)
    {
        foreach (var (name, width, height) in Sizes.Reverse())
        {
            await page.SetViewportSizeAsync(width, height);
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (overflow <= 1) continue;
            var wide = await page.EvaluateAsync<string[]>("""
                () => { const w = document.documentElement.clientWidth;
                  return [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-wrap'))
                    .slice(0, 6).map(e => `${e.tagName.toLowerCase()}.${e.className}#${e.id} (${Math.round(e.getBoundingClientRect().right)}px)`); }
                """);
            throw new Xunit.Sdk.XunitException($"{page.Url} is {overflow}px wider than the {name} screen: {string.Join(", ", wide)}");
        }
    }
}
