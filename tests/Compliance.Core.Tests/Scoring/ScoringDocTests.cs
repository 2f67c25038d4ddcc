using System.Text.RegularExpressions;
using Compliance.Core.Cases;
using Compliance.Core.Policies;
using Compliance.Core.RiskAssessments;
using Compliance.Core.Scoring;
using Compliance.Core.Training;

namespace Compliance.Core.Tests.Scoring;

/// <summary>
/// docs/scoring.md (which the rules page and the pack's Annex D show as they are) against the code: every setting it
/// names is one the app reads, and every default it gives is the code's.
/// </summary>
public sealed class ScoringDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(Root(), "docs", "scoring.md"));

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compliance.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("The repository's root was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The settings sections (as the app binds them) and their defaults.</summary>
    private static readonly Dictionary<string, object> Defaults = new()
    {
        ["Scoring"] = new ScoringOptions(),
        ["Cases"] = new CaseOptions(),
        ["Policies"] = new PolicyOptions(),
        ["RiskAssessments"] = new RiskAssessmentOptions(),
        ["Training"] = new TrainingOptions(),
    };

    private static object? DefaultOf(string section, string name) =>
        Defaults[section].GetType().GetProperty(name)?.GetValue(Defaults[section]);

    [Fact]
    public void Every_setting_the_rules_name_is_one_the_app_reads()
    {
        var keys = Regex.Matches(Doc, @"`Compliance:(\w+):(\w+)`").Select(m => (Section: m.Groups[1].Value, Name: m.Groups[2].Value)).ToList();
        keys.Should().HaveCountGreaterThan(6);
        foreach (var (section, name) in keys)
        {
            Defaults.Should().ContainKey(section, $"Compliance:{section}:{name} is named in docs/scoring.md");
            DefaultOf(section, name).Should().NotBeNull($"Compliance:{section}:{name} is named in docs/scoring.md and must be a setting of {Defaults[section].GetType().Name}");
        }
    }

    [Fact]
    public void Every_default_the_rules_give_is_the_codes()
    {
        // "`Compliance:Scoring:LongStaleMonths` (24)", "`Compliance:Cases:AcknowledgeWithinDays`, 7", and a short name
        // after a full one in the same sentence ("(`TriageWithinWorkingDays`, 5 working days") in the same section.
        var given = new List<(string Section, string Name, int Value)>();
        string? section = null;
        foreach (Match m in Regex.Matches(Doc, @"`(?:Compliance:(\w+):)?(\w+)`(?:\)?[,\s]*\(?\s*(\d+)\b)?"))
        {
            if (m.Groups[1].Success) section = m.Groups[1].Value;
            if (section is null || !m.Groups[3].Success || DefaultOf(section, m.Groups[2].Value) is null) continue;
            given.Add((section, m.Groups[2].Value, int.Parse(m.Groups[3].Value)));
        }
        given.Select(g => g.Name).Should().Contain(["LongStaleMonths", "AcknowledgeWithinDays", "TriageWithinWorkingDays", "FeedbackWithinMonths", "ThirdPartyReviewWithinDays", "ReviewIntervalMonths"]);
        foreach (var (s, name, value) in given) DefaultOf(s, name).Should().Be(value, $"docs/scoring.md gives Compliance:{s}:{name} as {value}");

        // The thresholds and the window, given in words.
        var thresholds = Regex.Match(Doc, @"\*\*met\*\* from (\d+), \*\*at risk\*\* from (\d+)");
        thresholds.Success.Should().BeTrue();
        (int.Parse(thresholds.Groups[1].Value), int.Parse(thresholds.Groups[2].Value)).Should().Be((new ScoringOptions().MetFrom, new ScoringOptions().AtRiskFrom));
        var windows = Regex.Matches(Doc, @"(\d+) months to the day\s*\(`Compliance:Scoring:WindowMonths`\)");
        windows.Should().NotBeEmpty();
        windows.Should().OnlyContain(w => int.Parse(w.Groups[1].Value) == new ScoringOptions().WindowMonths);
    }
}
