using Compliance.Core.Scoring;

namespace Compliance.Core.Tests.Scoring;

/// <summary>The thresholds an administrator may change: each is stored under its setting's name and reads and writes that setting.</summary>
public sealed class ScoringSettingsRulesTests
{
    [Fact]
    public void Each_changeable_threshold_has_its_setting_name_its_words_and_its_allowed_range()
    {
        ScoringSettings.All.Select(d => (d.Key, d.Label, d.Min, d.Max)).Should().Equal(
            ("MetFrom", "A step is met from this score", 1, 100),
            ("AtRiskFrom", "A step is at risk from this score", 0, 99),
            ("WindowMonths", "Months looked back for reports and incidents", 1, 60),
            ("ThirdPartyReviewWithinDays", "Days to review an assessment after a third-party incident", 1, 365),
            ("LongStaleMonths", "Months after which training counts as long stale", 12, 120));
    }

    [Fact]
    public void Each_threshold_reads_and_writes_the_setting_it_is_named_after()
    {
        foreach (var definition in ScoringSettings.All)
        {
            var options = new ScoringOptions();
            definition.Set(options, 42);
            definition.Get(options).Should().Be(42);
            typeof(ScoringOptions).GetProperty(definition.Key)!.GetValue(options).Should().Be(42, definition.Key);
        }
    }
}
