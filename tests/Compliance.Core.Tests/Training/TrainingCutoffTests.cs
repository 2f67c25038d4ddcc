using Compliance.Core.Training;

namespace Compliance.Core.Tests.Training;

/// <summary>The cut-off dates the coverage counts and reminders share with <see cref="TrainingRules.StateOn"/>, at their edges.</summary>
public sealed class TrainingCutoffTests
{
    private static readonly DateOnly Day = new(2026, 3, 15);

    [Fact]
    public void The_stale_cut_off_is_the_day_less_the_refresh_interval()
    {
        TrainingRules.StaleCutoff(Day, 12).Should().Be(new DateOnly(2025, 3, 15));
        TrainingRules.StaleCutoff(Day, 0).Should().Be(Day);
    }

    [Fact]
    public void The_due_soon_cut_off_looks_the_due_soon_period_ahead_and_a_negative_period_counts_as_none()
    {
        TrainingRules.DueSoonCutoff(Day, 12, 30).Should().Be(new DateOnly(2025, 4, 14));
        TrainingRules.DueSoonCutoff(Day, 12, 0).Should().Be(new DateOnly(2025, 3, 15));
        TrainingRules.DueSoonCutoff(Day, 12, -10).Should().Be(new DateOnly(2025, 3, 15));
    }

    [Fact]
    public void The_joiner_cut_off_is_the_joining_period_before_the_day_and_a_negative_period_counts_as_none()
    {
        TrainingRules.JoinerCutoff(Day, 30).Should().Be(new DateOnly(2026, 2, 13));
        TrainingRules.JoinerCutoff(Day, 0).Should().Be(Day);
        TrainingRules.JoinerCutoff(Day, -5).Should().Be(Day);
    }

    [Fact]
    public void A_joiner_who_started_on_the_day_is_due_and_one_who_started_exactly_the_joining_period_before_is_not()
    {
        var rules = new TrainingRules.CourseRules(12, 30, false);
        TrainingRules.StateOn(Day, null, Day, rules, 30).Should().Be(TrainingState.JoinerDue);
        TrainingRules.StateOn(Day, null, Day.AddDays(-30), rules, 30).Should().Be(TrainingState.Never);
        TrainingRules.StateOn(Day, null, Day, rules with { JoinerDays = 0 }, 30).Should().Be(TrainingState.Never);
    }

    [Fact]
    public void A_completion_on_the_due_soon_cut_off_is_due_soon_and_the_day_after_is_current()
    {
        var rules = new TrainingRules.CourseRules(12, 30, false);
        var cutoff = TrainingRules.DueSoonCutoff(Day, 12, 30);
        TrainingRules.StateOn(Day, cutoff, null, rules, 30).Should().Be(TrainingState.DueSoon);
        TrainingRules.StateOn(Day, cutoff.AddDays(1), null, rules, 30).Should().Be(TrainingState.Current);
        TrainingRules.StateOn(Day, TrainingRules.StaleCutoff(Day, 12).AddDays(1), null, rules, 30).Should().Be(TrainingState.DueSoon);
    }

    [Theory]
    [InlineData("2025-02-14", 12, "2026-02-14")]
    [InlineData("2024-02-29", 12, "2025-03-01")]
    [InlineData("2025-08-31", 6, "2026-03-01")]
    [InlineData("2025-03-31", 1, "2025-05-01")]
    [InlineData("2025-02-28", 1, "2025-03-28")]
    public void Training_lapses_on_the_first_day_its_stale_cut_off_reaches_the_completion(string completed, int months, string lapses)
    {
        var on = DateOnly.Parse(completed);
        var first = TrainingRules.LapsesOn(on, months);
        first.Should().Be(DateOnly.Parse(lapses));
        (TrainingRules.StaleCutoff(first, months) >= on).Should().BeTrue();
        (TrainingRules.StaleCutoff(first.AddDays(-1), months) < on).Should().BeTrue();
    }

    [Theory]
    [InlineData(TrainingState.Current, true, "Current")]
    [InlineData(TrainingState.DueSoon, true, "Due soon")]
    [InlineData(TrainingState.JoinerDue, false, "Joiner, due")]
    [InlineData(TrainingState.Stale, false, "Stale")]
    [InlineData(TrainingState.Never, false, "Never trained")]
    public void Only_current_and_due_soon_training_is_in_date_and_each_state_has_its_label(TrainingState state, bool inDate, string label)
    {
        state.IsInDate().Should().Be(inDate);
        state.Label().Should().Be(label);
    }

    [Fact]
    public void A_new_installation_starts_with_the_documented_training_settings()
    {
        var o = new TrainingOptions();
        o.Should().BeEquivalentTo(new { DueSoonDays = 30, PersonReminderDays = 14, CoverageThresholdPercent = 90, DefaultRefreshMonths = 12, DefaultJoinerDays = 30 });
    }
}
