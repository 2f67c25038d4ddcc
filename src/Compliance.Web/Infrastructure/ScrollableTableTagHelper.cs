using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// A table too wide for the screen scrolls inside its <c>div.table-wrap</c>. Keyboard users must be able to reach
/// and scroll that box, so it is always a focusable region named by the table's caption. This is decided on the
/// server, not by script after layout, so that the page is the same whatever the width and however soon it is read.
/// </summary>
[HtmlTargetElement("div", Attributes = "[class=table-wrap]")]
public sealed partial class ScrollableTableTagHelper : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var content = await output.GetChildContentAsync();
        var caption = CaptionText(content.GetContent());
        output.Attributes.SetAttribute("tabindex", "0");
        output.Attributes.SetAttribute("role", "region");
        output.Attributes.SetAttribute("aria-label", caption is null ? "Table" : caption);
    }

    /// <summary>The plain text of the first caption in the rendered table, or null without one.</summary>
    public static string? CaptionText(string html)
    {
        var match = Caption().Match(html);
        if (!match.Success) return null;
        var text = WebUtility.HtmlDecode(Tags().Replace(match.Groups[1].Value, " "));
        text = Spaces().Replace(text, " ").Trim();
        return text.Length == 0 ? null : text;
    }

    [GeneratedRegex(@"<caption\b[^>]*>(.*?)</caption>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
