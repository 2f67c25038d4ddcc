using Compliance.Core;

namespace Compliance.Core.Tests;

public sealed class UkDatesTests
{
    [Theory]
    [InlineData("27/11/2026")]
    [InlineData("27/11/26")]
    [InlineData(" 27-11-2026 ")]
    [InlineData("27.11.2026")]
    [InlineData("27 Nov 2026")]
    [InlineData("27 november 2026")]
    [InlineData("27th November 2026")]
    [InlineData("Friday 27 November 2026")]
    [InlineData("27 Nov, 2026")]
    [InlineData("2026-11-27")]
    public void The_forms_people_in_the_UK_type_are_read_day_first(string typed) =>
        UkDates.Parse(typed).Should().Be(new DateOnly(2026, 11, 27));

    [Fact]
    public void A_date_with_two_small_numbers_is_day_then_month() =>
        UkDates.Parse("03/04/2026").Should().Be(new DateOnly(2026, 4, 3));

    [Theory]
    [InlineData("31/02/2026")]
    [InlineData("11/27/2026")]
    [InlineData("next Tuesday")]
    [InlineData("2026")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_date(string? typed) => UkDates.Parse(typed).Should().BeNull();

    [Fact]
    public void Dates_and_times_are_shown_one_way_in_UK_time()
    {
        UkDates.Long(new DateOnly(2026, 4, 3)).Should().Be("3 April 2026");
        // 23:30 UTC in summer is half past midnight the next day in the UK.
        UkDates.Long(new DateTime(2026, 7, 3, 23, 30, 0, DateTimeKind.Utc)).Should().Be("4 July 2026, 00:30");
        UkCalendar.StartOfDayUtc(new DateOnly(2026, 7, 3)).Should().Be(new DateTime(2026, 7, 2, 23, 0, 0));
    }
}
