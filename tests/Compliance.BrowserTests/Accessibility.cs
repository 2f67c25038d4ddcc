using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Compliance.BrowserTests;

public static class Accessibility
{
    /// <summary>Runs axe on the page as it is now; fails on any serious or critical violation, naming each.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        var report = string.Join("\n", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
        (serious.Count == 0).Should().BeTrue($"Accessibility violations on {page.Url}:\n{report}");
    }
}
