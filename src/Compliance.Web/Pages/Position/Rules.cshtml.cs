using Compliance.Core.Policies;
using Compliance.Core.Scoring;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Position;

/// <summary>How the scores are worked out: docs/scoring.md as shipped with the app, and the settings in force here.</summary>
public sealed class RulesModel(ScoringSettings settings, TimeProvider clock) : PageModel
{
    public string Html { get; private set; } = "";
    public ScoringOptions Settings { get; private set; } = new();

    public async Task OnGetAsync()
    {
        Settings = await settings.OnAsync(Compliance.Web.Infrastructure.UkTime.Today(clock), HttpContext.RequestAborted);
        var markdown = await System.IO.File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "docs", "scoring.md"), HttpContext.RequestAborted);
        // The file's own title is the page's heading; its sections follow under it.
        var body = string.Join('\n', markdown.Split('\n').SkipWhile(l => !l.StartsWith("# ", StringComparison.Ordinal)).Skip(1));
        Html = PolicyMarkdown.ToHtml(body);
    }
}
