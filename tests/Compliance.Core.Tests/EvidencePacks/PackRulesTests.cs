using Compliance.Core.EvidencePacks;

namespace Compliance.Core.Tests.EvidencePacks;

public sealed class PackRulesTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_days_no_span_covers_are_the_gaps_including_the_ends_and_overlaps_count_once()
    {
        var gaps = PackSpans.Uncovered(D("2026-01-01"), D("2026-12-31"), [(D("2025-06-01"), D("2026-02-28")), (D("2026-05-01"), D("2026-08-31")), (D("2026-07-01"), D("2026-09-30"))]);
        gaps.Should().Equal((D("2026-03-01"), D("2026-04-30")), (D("2026-10-01"), D("2026-12-31")));
        PackSpans.Uncovered(D("2026-01-01"), D("2026-12-31"), []).Should().Equal((D("2026-01-01"), D("2026-12-31")));
        PackSpans.Uncovered(D("2026-01-01"), D("2026-12-31"), [(D("2025-01-01"), D("2027-01-01"))]).Should().BeEmpty();
        PackSpans.Describe((D("2026-03-01"), D("2026-03-01"))).Should().Be("on 1 March 2026");
        PackSpans.Describe((D("2026-03-01"), D("2026-04-30"))).Should().Be("from 1 March 2026 to 30 April 2026");
    }

    [Theory]
    [InlineData("2025-12-07", "2026-12-06", "2026-12-06", "2026-01-01", "2026-09-30")]
    [InlineData("2025-04-01", "2026-03-31", "2026-12-06", "2025-04-01", "2026-03-31")]
    [InlineData("2026-01-01", "2026-03-30", "2026-12-06", null, null)]
    [InlineData("2026-10-01", "2026-12-06", "2026-12-06", null, null)]
    [InlineData("2026-01-01", "2026-12-31", "2027-01-01", "2026-01-01", "2026-12-31")]
    public void Figures_about_reports_cover_only_the_whole_quarters_inside_the_period_that_have_ended(string from, string to, string today, string? qFrom, string? qTo)
    {
        var q = PackBuilder.CaseQuarters(D(from), D(to), D(today));
        if (qFrom is null) q.Should().BeNull();
        else q.Should().Be((D(qFrom), D(qTo!)));
    }

    [Fact]
    public void A_period_is_the_last_12_months_a_financial_or_calendar_year_or_checked_dates()
    {
        var today = D("2026-12-06");
        (DateOnly, DateOnly, int) Of(string? period, DateOnly day, string? from = null, string? to = null)
        {
            var (f, t, errors) = PackPeriod.Resolve(new(period, from, to), day);
            return (f, t, errors.Count);
        }
        Of(null, today).Should().Be((D("2025-12-07"), today, 0));
        Of(PackPeriod.FinancialYear, today).Should().Be((D("2025-04-01"), D("2026-03-31"), 0));
        Of(PackPeriod.FinancialYear, D("2026-03-31")).Should().Be((D("2024-04-01"), D("2025-03-31"), 0));
        Of(PackPeriod.CalendarYear, today).Should().Be((D("2025-01-01"), D("2025-12-31"), 0));
        Of(PackPeriod.Dates, today, "1/4/2025", "31/3/2026").Should().Be((D("2025-04-01"), D("2026-03-31"), 0));
        PackPeriod.Resolve(new("weekly", null, null), today).Errors.Should().ContainSingle(e => e.Field == "Period");
        PackPeriod.Resolve(new(PackPeriod.Dates, "1/1/1999", "31/12/1999"), today).Errors.Should().ContainSingle(e => e.Field == "From" && e.Message.Contains("2000"));
    }
}
