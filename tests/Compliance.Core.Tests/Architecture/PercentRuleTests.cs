using System.Text.RegularExpressions;
using Compliance.Core.Policies;
using Compliance.Core.Scoring;
using Compliance.Core.Training;

namespace Compliance.Core.Tests.Architecture;

/// <summary>One rule for a percentage everywhere it is shown: the pack's summary and chapters, the pages, the scores.</summary>
public sealed class PercentRuleTests
{
    private static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compliance.sln"))) return Path.Combine(dir.FullName, "src");
        }
        throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
    }

    [Theory]
    [InlineData(191, 234, 81)] // the pack's summary said 81% and its chapter 82% for the same people
    [InlineData(2, 3, 66)]
    [InlineData(999, 1000, 99)]
    [InlineData(1000, 1000, 100)]
    [InlineData(1, 1000, 0)]
    [InlineData(0, 0, 0)]
    public void Every_share_is_whole_per_cent_rounded_down_wherever_it_is_worked_out(int part, int whole, int expected)
    {
        Percent.Of(part, whole).Should().Be(expected);
        StepLabels.Percent(part, whole).Should().Be(expected);
        new PolicyCoverage.Totals(whole, part, whole, 0).Percent.Should().Be(expected);
        new PolicyCoverage.Group(null, "Site", whole, part).Percent.Should().Be(expected);
        new TrainingCoverage.Counts(part, 0, 0, whole - part, 0).Percent.Should().Be(expected);
        if (whole > 0) Percent.Described(part, whole).Should().Be($"{part:N0} of {whole:N0} ({expected}%)");
    }

    [Fact]
    public void No_source_file_but_Percent_works_out_a_percentage_of_its_own()
    {
        var files = Directory.GetFiles(SourceRoot(), "*.cs*", SearchOption.AllDirectories)
            .Where(f => !Regex.IsMatch(f, @"[\\/](bin|obj|Migrations)[\\/]")).ToList();
        files.Should().HaveCountGreaterThan(100);
        var own = files.Where(f => Path.GetFileName(f) != "Percent.cs" && Regex.IsMatch(File.ReadAllText(f), @"100(\.0|L|d|m)?\s*\*\s*\(?[A-Za-z_][\w.]*\s*/|\*\s*100(\.0)?\s*/|:0%|:P\d?\}"))
            .Select(f => Path.GetRelativePath(SourceRoot(), f)).ToList();
        own.Should().BeEmpty("a share is shown through Percent.Of, so two places never print two figures for the same people");
    }
}
