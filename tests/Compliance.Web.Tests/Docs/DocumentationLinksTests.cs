using System.Text.RegularExpressions;
using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Web.Tests.Docs;

/// <summary>
/// Every link between the README and the pages in <c>docs/</c> leads somewhere: the file or folder it names exists,
/// and a link to a heading (<c>page.md#heading</c>) finds that heading, named as GitHub names it.
/// </summary>
public sealed partial class DocumentationLinksTests
{
    private static List<string> Pages() =>
        [Path.Combine(Repository.Root, "README.md"), .. Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    /// <summary>A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens.</summary>
    public static string Anchor(string heading) =>
        NotInAnchor().Replace(heading.Trim().ToLowerInvariant(), "").Replace(' ', '-');

    private static HashSet<string> Anchors(string page) =>
        [.. Heading().Matches(File.ReadAllText(page)).Select(m => Anchor(m.Groups[1].Value))];

    /// <summary>Each link's page and target; code spans are left out (a link shown as code is not followed).</summary>
    private static IEnumerable<(string Page, string Target)> Links() =>
        Pages().SelectMany(page => Link().Matches(CodeSpan().Replace(File.ReadAllText(page), ""))
            .Select(m => (page, m.Groups[1].Value)));

    [Fact]
    public void A_heading_is_anchored_as_GitHub_anchors_it()
    {
        Anchor("Where data lives, and backups").Should().Be("where-data-lives-and-backups");
        Anchor("Set-up: two commands").Should().Be("set-up-two-commands");
        Anchor("Reports and cases").Should().Be("reports-and-cases");
    }

    [Fact]
    public void Every_link_in_the_README_and_docs_leads_to_a_file_and_heading_that_exist()
    {
        var links = Links().Where(l => !Regex.IsMatch(l.Target, "^[a-z]+:")).ToList();
        links.Should().NotBeEmpty();
        links.Should().Contain(l => l.Target.Contains('#'), "the README links to headings in docs/");
        var broken = new List<string>();
        foreach (var (page, target) in links)
        {
            var (path, anchor) = target.Split('#', 2) is var parts && parts.Length == 2 ? (parts[0], parts[1]) : (parts[0], null);
            var file = path.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(path)));
            var where = Path.GetRelativePath(Repository.Root, page);
            if (!File.Exists(file) && !Directory.Exists(file)) broken.Add($"{where}: {target} (no such file)");
            else if (anchor is not null && (!file.EndsWith(".md", StringComparison.Ordinal) || !Anchors(file).Contains(anchor)))
                broken.Add($"{where}: {target} (no such heading)");
        }
        (broken.Count == 0).Should().BeTrue("these links lead nowhere:\n" + string.Join("\n", broken));
    }

    [GeneratedRegex(@"^#{1,6} +(.+?) *$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[[^\]]*\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"[^\p{L}\p{N}\- _]")]
    private static partial Regex NotInAnchor();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex CodeSpan();
}
