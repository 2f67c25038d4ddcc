using System.Text.RegularExpressions;
using Markdig.Syntax;

namespace Compliance.Core.Policies;

/// <summary>A section the guidance expects in a sexual harassment policy, how it is recognised, and where the expectation comes from.</summary>
public sealed record RequiredSection(string Code, string Title, string Source, Regex Heading, Regex? MustMention, string? MustMentionHint, int MinListItems = 0);

/// <summary>One line of the checklist: present, or missing and why.</summary>
public sealed record SectionCheck(RequiredSection Section, bool Present, string? Why);

/// <summary>
/// The section checklist. A section is present when a heading names it and the text under that heading (down to
/// the next heading of the same or a higher level) says enough: at least <see cref="MinWords"/> words, plus what
/// the section must mention. The rules are deliberately plain so that an HR manager can see why a section counts
/// as missing; the sources are DOMAIN.md §3 (EHRC step 1, the Acas checklist) and §4.
/// </summary>
public static class PolicySections
{
    public const int MinWords = 15;

    private static Regex R(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static readonly IReadOnlyList<RequiredSection> Required =
    [
        new("definition", "What sexual harassment is, with examples, and how it differs from other harassment",
            "Equality Act 2010 s.26; Acas checklist (definition with examples); EHRC technical guidance (the three types of harassment)",
            R(@"what (is|counts as) sexual harassment|what sexual harassment (is|means)|definition|meaning of"), R(@"\bexample"), "examples"),
        new("zero-tolerance", "Zero tolerance, whatever a person's role or seniority",
            "Acas checklist (a statement that harassment is not tolerated, regardless of seniority)",
            R(@"zero tolerance|our (commitment|position|statement)|not tolerated"), R(@"senior|role|position|whoever"), "that it applies whatever a person's role or seniority"),
        new("target-witness", "What a target or a witness should do",
            "Acas checklist (what targets and witnesses should do); EHRC step 1",
            R(@"what (to|you should|should you) do|if (you are|it happens)|witness"), R(@"witness"), "witnesses"),
        new("reporting", "More than one way to report, one not through the line manager",
            "EHRC step 4 (more than one route, not only the line manager); Acas checklist (several reporting routes)",
            R(@"report|raising a concern|raise a concern|how to (tell|complain)"), R(@"line manager|manager"), "a route that does not go through the line manager", MinListItems: 2),
        new("managers", "How managers must respond",
            "Acas checklist (how managers should respond)",
            R(@"manager"), null, null),
        new("third-parties", "Harassment by third parties (customers, clients, contractors)",
            "Equality Act 2010 s.40A; EHRC technical guidance (third parties); DOMAIN.md §3 step 7",
            R(@"third[- ]part|customer|client|visitor"), null, null),
        new("support", "Support and time off",
            "Acas checklist (support available, time off)",
            R(@"support|wellbeing|help available"), R(@"time off|leave"), "time off"),
        new("confidentiality", "Confidentiality and its limits",
            "DOMAIN.md §4 (explain the limits of confidentiality up front: good practice, our own reasoning)",
            R(@"confidential"), R(@"limit|cannot|may need to|might need to|except"), "its limits"),
        new("victimisation", "No victimisation of anyone who reports or helps",
            "Equality Act 2010 s.27 (victimisation)",
            R(@"victimi[sz]ation|retaliation|protection from"), null, null),
        new("sanctions", "Sanctions for harassment",
            "EHRC step 1 (consequences of breaching the policy); Acas Code (disciplinary action)",
            R(@"sanction|disciplinary|consequence|breach"), null, null),
        new("risk", "How the organisation assesses and reduces the risk",
            "EHRC step 3; Acas prevention cycle (identify risks, consider and take steps)",
            R(@"risk|prevent"), null, null),
        new("review", "When the policy is reviewed",
            "EHRC step 1 (review regularly)",
            R(@"review"), R(@"\b(19|20)\d\d\b|\bmonths?\b|\byear"), "a date or how often"),
    ];

    public static List<SectionCheck> Check(string markdown)
    {
        var sections = Split(PolicyMarkdown.Parse(markdown));
        return [.. Required.Select(required => CheckOne(required, sections))];
    }

    public static string[] Missing(string markdown) => [.. Check(markdown).Where(c => !c.Present).Select(c => c.Section.Code)];

    public static string TitleOf(string code) => Required.FirstOrDefault(r => r.Code == code)?.Title ?? code;

    private sealed record Section(string Heading, string Body, int ListItems);

    private static SectionCheck CheckOne(RequiredSection required, List<Section> sections)
    {
        var candidates = sections.Where(s => required.Heading.IsMatch(s.Heading)).ToList();
        if (candidates.Count == 0) return new(required, false, "No heading names this section.");
        var words = candidates.Sum(s => Words(s.Body));
        if (words < MinWords) return new(required, false, $"The section has {words} words; write at least {MinWords}.");
        if (required.MustMention is { } mention && !candidates.Any(s => mention.IsMatch(s.Body)))
        {
            return new(required, false, $"The section does not mention {required.MustMentionHint}.");
        }
        if (required.MinListItems > 0 && candidates.Sum(s => s.ListItems) < required.MinListItems)
        {
            return new(required, false, $"List at least {required.MinListItems} ways, one per bullet point.");
        }
        return new(required, true, null);
    }

    private static int Words(string text) => text.Split((char[])[' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Each heading with the text under it, down to the next heading of the same or a higher level.</summary>
    private static List<Section> Split(MarkdownDocument document)
    {
        var blocks = document.ToList();
        var result = new List<Section>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not HeadingBlock heading) continue;
            var body = new System.Text.StringBuilder();
            var items = 0;
            for (var j = i + 1; j < blocks.Count; j++)
            {
                if (blocks[j] is HeadingBlock next && next.Level <= heading.Level) break;
                foreach (var leaf in Leaves(blocks[j]))
                {
                    body.Append(' ').Append(leaf is HeadingBlock h ? PolicyMarkdown.PlainText(h.Inline) : leaf is ParagraphBlock p ? PolicyMarkdown.PlainText(p.Inline) : "");
                }
                if (blocks[j] is ListBlock list) items += list.Count;
            }
            result.Add(new Section(PolicyMarkdown.PlainText(heading.Inline), body.ToString(), items));
        }
        return result;
    }

    private static IEnumerable<LeafBlock> Leaves(Block block) => block switch
    {
        LeafBlock leaf => [leaf],
        ContainerBlock container => container.SelectMany(Leaves),
        _ => [],
    };
}
