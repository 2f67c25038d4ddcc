using Compliance.Core.Training;

namespace Compliance.Core.Tests.Training;

public sealed class TrainingRulesTests
{
    private static readonly TrainingRules.CourseRules Yearly = new(12, 30, false);
    private static readonly DateOnly Completed = new(2025, 2, 14);

    [Theory]
    [InlineData("2025-02-14", TrainingState.Current)]
    [InlineData("2026-01-14", TrainingState.Current)]
    [InlineData("2026-01-15", TrainingState.DueSoon)]
    [InlineData("2026-02-13", TrainingState.DueSoon)]
    [InlineData("2026-02-14", TrainingState.Stale)]
    [InlineData("2028-02-14", TrainingState.Stale)]
    public void A_completion_is_current_for_the_refresh_interval_due_soon_in_its_last_30_days_then_stale(string day, TrainingState expected) =>
        TrainingRules.StateOn(DateOnly.Parse(day), Completed, null, Yearly, 30).Should().Be(expected);

    [Fact]
    public void Training_lapses_on_the_anniversary_and_a_month_end_lapses_on_the_first_day_its_cut_off_reaches_it()
    {
        TrainingRules.LapsesOn(Completed, 12).Should().Be(new DateOnly(2026, 2, 14));
        TrainingRules.StateOn(TrainingRules.LapsesOn(Completed, 12), Completed, null, Yearly, 30).Should().Be(TrainingState.Stale);
        TrainingRules.StateOn(TrainingRules.LapsesOn(Completed, 12).AddDays(-1), Completed, null, Yearly, 30).Should().Be(TrainingState.DueSoon);
        // 31 January plus one month has no 31 February: stale from 1 March, not 28 February.
        var monthEnd = new DateOnly(2026, 1, 31);
        var lapses = TrainingRules.LapsesOn(monthEnd, 1);
        lapses.Should().Be(new DateOnly(2026, 3, 1));
        TrainingRules.StateOn(lapses.AddDays(-1), monthEnd, null, new(1, 0, false), 0).Should().Be(TrainingState.Current);
        TrainingRules.StateOn(lapses, monthEnd, null, new(1, 0, false), 0).Should().Be(TrainingState.Stale);
    }

    [Fact]
    public void No_completion_is_never_trained_except_for_a_joiner_inside_their_joining_period()
    {
        var today = new DateOnly(2026, 3, 1);
        TrainingRules.StateOn(today, null, null, Yearly, 30).Should().Be(TrainingState.Never);
        TrainingRules.StateOn(today, null, today.AddDays(-29), Yearly, 30).Should().Be(TrainingState.JoinerDue);
        TrainingRules.StateOn(today, null, today.AddDays(-30), Yearly, 30).Should().Be(TrainingState.Never);
        TrainingRules.StateOn(today, null, new DateOnly(2019, 1, 1), Yearly, 30).Should().Be(TrainingState.Never);
        // A joiner who has trained is judged on the completion.
        TrainingRules.StateOn(today, today.AddDays(-1), today.AddDays(-5), Yearly, 30).Should().Be(TrainingState.Current);
    }

    [Fact]
    public void Only_a_pass_counts_where_the_course_needs_one()
    {
        TrainingRules.Counts(requiresPass: true, passed: true).Should().BeTrue();
        TrainingRules.Counts(requiresPass: true, passed: false).Should().BeFalse();
        TrainingRules.Counts(requiresPass: true, passed: null).Should().BeFalse();
        TrainingRules.Counts(requiresPass: false, passed: false).Should().BeTrue();
        TrainingRules.Counts(requiresPass: false, passed: null).Should().BeTrue();
    }

    [Fact]
    public void The_due_soon_period_is_a_setting()
    {
        var day = new DateOnly(2026, 1, 20);
        TrainingRules.StateOn(day, Completed, null, Yearly, 30).Should().Be(TrainingState.DueSoon);
        TrainingRules.StateOn(day, Completed, null, Yearly, 7).Should().Be(TrainingState.Current);
        TrainingRules.StateOn(day, Completed, null, Yearly, 0).Should().Be(TrainingState.Current);
    }

    [Theory]
    [InlineData("14/02/26, 10:35", "2026-02-14")]
    [InlineData("14/02/2026", "2026-02-14")]
    [InlineData("2026-02-14T10:35:00Z", "2026-02-14")]
    [InlineData("2026-02-14 10:35:00", "2026-02-14")]
    [InlineData("3 March 2026, 9:05 AM", "2026-03-03")]
    public void Completion_dates_are_read_in_UK_order_with_or_without_a_time(string text, string expected) =>
        CompletionDates.Parse(text).Should().Be(DateOnly.Parse(expected));

    [Theory]
    [InlineData("")]
    [InlineData("Not completed")]
    [InlineData("31/02/2026")]
    [InlineData("14/02/26, soon")]
    public void Anything_else_is_not_a_completion_date(string text) => CompletionDates.Parse(text).Should().BeNull();
}
