using Compliance.Core.Scoring;

namespace Compliance.Core.Tests.Scoring;

/// <summary>The pure parts of the monitoring figures and the trend: overlapping counts, timings, quarters and month ends.</summary>
public sealed class MonitoringRulesTests
{
    [Fact]
    public void Overlapping_counts_hide_a_small_count_and_withhold_one_whose_complement_in_the_total_is_small()
    {
        var table = MonitoringTable.Separate("involved", "Reports by who was involved", "Who", ["Colleague", "Manager", "Customer", "Nobody named"], "Reports", [18, 3, 0, 15], 20);
        table.Overlapping.Should().BeTrue();
        table.Columns.Should().Equal("Reports");
        table.Counts.Cells.Select(r => r.Single().ToString()).Should().Equal("withheld", "fewer than 5", "0", "15");
        table.Counts.RowTotals.Select(c => c.Disclosure).Should().Equal(Disclosure.Withheld, Disclosure.FewerThanFive, Disclosure.Shown, Disclosure.Shown);
        table.Counts.ColumnTotals.Should().BeEmpty();
        // 20 of 20 leaves none out, and 15 of 20 leaves 5: neither tells anything about a small group.
        MonitoringTable.Separate("x", "X", "Who", ["All", "Most"], "Reports", [20, 15], 20).Counts.Cells.Should().OnlyContain(r => !r[0].IsHidden);
    }

    [Fact]
    public void A_table_of_parts_and_totals_goes_through_the_small_number_rule()
    {
        var table = MonitoringTable.Of("site", "Reports by site", "Site", ["Leeds", "York"], ["Reports"], [[12], [3]], "note");
        table.Overlapping.Should().BeFalse();
        table.Note.Should().Be("note");
        table.Counts.Cells.Select(r => r[0].ToString()).Should().Equal("withheld", "fewer than 5");
        table.Counts.ColumnTotals.Single().ToString().Should().Be("15");
    }

    [Theory]
    [InlineData(0, "No cases yet.")]
    [InlineData(1, "Not shown: fewer than 5 cases.")]
    [InlineData(4, "Not shown: fewer than 5 cases.")]
    [InlineData(5, "Median 3 days; 9 in 10 within 8 days.")]
    public void A_time_taken_is_shown_only_from_five_cases(int cases, string text) =>
        new Timing("Time to acknowledge", cases, cases >= 5 ? 3 : null, cases >= 5 ? 8 : null).Text.Should().Be(text);

    [Fact]
    public void A_period_is_cut_into_the_calendar_quarters_it_touches()
    {
        var quarters = MonitoringFigures.Quarters(new DateOnly(2026, 2, 10), new DateOnly(2026, 5, 5));
        quarters.Should().Equal(
            ("Jan to Mar 2026", new DateOnly(2026, 2, 10), new DateOnly(2026, 3, 31)),
            ("Apr to Jun 2026", new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 5)));
    }

    [Fact]
    public void A_period_ending_on_the_first_day_of_a_quarter_includes_that_day_and_one_day_is_one_quarter()
    {
        MonitoringFigures.Quarters(new DateOnly(2025, 10, 1), new DateOnly(2026, 1, 1)).Should().Equal(
            ("Oct to Dec 2025", new DateOnly(2025, 10, 1), new DateOnly(2025, 12, 31)),
            ("Jan to Mar 2026", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1)));
        MonitoringFigures.Quarters(new DateOnly(2026, 12, 31), new DateOnly(2026, 12, 31)).Should().Equal(
            ("Oct to Dec 2026", new DateOnly(2026, 12, 31), new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void Quarters_are_named_with_UK_month_abbreviations()
    {
        MonitoringFigures.Quarters(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30)).Single().Label.Should().Be("Jul to Sept 2026");
    }

    [Fact]
    public void The_trend_has_the_last_day_of_each_of_the_twelve_months_before_this_one_oldest_first()
    {
        var ends = PositionTrend.MonthEnds(new DateOnly(2026, 3, 1));
        ends.Should().HaveCount(12);
        ends.First().Should().Be(new DateOnly(2025, 3, 31));
        ends.Should().Contain(new DateOnly(2026, 2, 28));
        ends.Last().Should().Be(new DateOnly(2026, 2, 28));
        ends.Should().BeInAscendingOrder();
        PositionTrend.MonthEnds(new DateOnly(2026, 12, 31)).Last().Should().Be(new DateOnly(2026, 11, 30));
    }

    [Fact]
    public void The_scores_seen_at_a_sign_off_are_frozen_and_read_back_as_they_were()
    {
        var day = new DateOnly(2026, 6, 1);
        var scores = new[]
        {
            new StepScore(ReasonableStep.Policy, day, 95, StepStatus.Met, [], []),
            new StepScore(ReasonableStep.Training, day, 62, StepStatus.AtRisk, [], []),
        };
        var frozen = BoardSignOff.Freeze(scores);
        var signOff = new BoardSignOff(Guid.NewGuid(), day, "Board", "Dana, Sam", "No change", frozen, Guid.NewGuid(), "Dana Director", DateTime.UtcNow);
        signOff.Seen().Should().Equal(
            new BoardSignOff.SeenScore(ReasonableStep.Policy, 95, StepStatus.Met),
            new BoardSignOff.SeenScore(ReasonableStep.Training, 62, StepStatus.AtRisk));
        new BoardSignOff(Guid.NewGuid(), day, "Board", "Dana", "None", "null", Guid.NewGuid(), "Dana Director", DateTime.UtcNow).Seen().Should().BeEmpty();
    }
}
