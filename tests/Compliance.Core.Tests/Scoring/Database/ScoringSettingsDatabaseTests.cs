using Compliance.Core.Employees;
using Compliance.Core.Scoring;

namespace Compliance.Core.Tests.Scoring.Database;

/// <summary>The thresholds in force on a day, read back from the rows kept, and the checks on a change.</summary>
public sealed class ScoringSettingsDatabaseTests : IDisposable
{
    private readonly EvidenceDatabase _db = new();

    public ScoringSettingsDatabaseTests()
    {
        // Defaults unlike the product's, so a threshold taken from the wrong place shows.
        (_db.Scoring.MetFrom, _db.Scoring.AtRiskFrom, _db.Scoring.WindowMonths, _db.Scoring.ThirdPartyReviewWithinDays, _db.Scoring.LongStaleMonths) = (75, 45, 9, 20, 30);
    }

    public void Dispose() => _db.Dispose();

    private static int[] All(ScoringOptions o) => [o.MetFrom, o.AtRiskFrom, o.WindowMonths, o.ThirdPartyReviewWithinDays, o.LongStaleMonths];

    [Fact]
    public async Task With_no_change_kept_every_day_has_the_defaults_and_each_change_counts_from_its_own_date_in_the_order_made()
    {
        All(await _db.Settings().OnAsync(_db.Today)).Should().Equal(75, 45, 9, 20, 30);
        var from = _db.Today.AddDays(10);
        await _db.AddAsync(
            new ScoringSetting("WindowMonths", 6, from, "Shorter", "Hana", _db.NowUtc),
            new ScoringSetting("LongStaleMonths", 18, from.AddDays(5), "Stricter", "Hana", _db.NowUtc),
            // Two changes from one date: the one made later wins, whichever is stored first.
            new ScoringSetting("MetFrom", 90, from, "Made second", "Hana", _db.NowUtc.AddMinutes(5)),
            new ScoringSetting("MetFrom", 85, from, "Made first", "Hana", _db.NowUtc),
            new ScoringSetting("Retired", 1, from, "A key no longer known is passed over", "Hana", _db.NowUtc));

        var settings = _db.Settings();
        All(await settings.OnAsync(from.AddDays(-1))).Should().Equal(75, 45, 9, 20, 30);
        All(await settings.OnAsync(from)).Should().Equal(90, 45, 6, 20, 30);
        All(await settings.OnAsync(from.AddDays(5))).Should().Equal(90, 45, 6, 20, 18);
        var reasons = (await settings.ChangesAsync()).Select(c => c.Reason).ToList();
        reasons.Should().HaveCount(5).And.EndWith("Stricter");
        reasons.IndexOf("Made first").Should().BeLessThan(reasons.IndexOf("Made second"));
        settings.Defaults.MetFrom.Should().Be(75);
    }

    [Fact]
    public async Task A_change_is_kept_from_its_date_audited_with_the_old_and_new_values_and_read_at_once()
    {
        var settings = _db.Settings();
        (await settings.OnAsync(_db.Today)).MetFrom.Should().Be(75);
        (await settings.ChangeAsync("MetFrom", " 100 ", null, "  Board wants more  ", "Hana Human")).Should().BeEmpty();
        (await settings.OnAsync(_db.Today)).MetFrom.Should().Be(100, "the change counts from today when no date is given, and the kept list is read again");
        (await settings.ChangeAsync("AtRiskFrom", "0", "1/12/2026", "Lowest allowed", "Hana Human")).Should().BeEmpty();

        var rows = await _db.Settings().ChangesAsync();
        rows.Select(r => (r.Key, r.Value, r.EffectiveFrom, r.Reason, r.ChangedByName)).Should().Equal(
            ("MetFrom", 100, _db.Today, "Board wants more", "Hana Human"), ("AtRiskFrom", 0, new DateOnly(2026, 12, 1), "Lowest allowed", "Hana Human"));
        rows[0].ChangedAtUtc.Should().Be(_db.NowUtc);
        var audit = await _db.AuditEntriesAsync();
        audit.Select(a => (a.Action, a.EntityType, a.EntityId, a.Summary)).Should().Equal(
            ("scoring.setting.changed", "ScoringSetting", rows[0].Id.ToString(), "A step is met from this score changed from 75 to 100 from 16 November 2026 by Hana Human: Board wants more"),
            ("scoring.setting.changed", "ScoringSetting", rows[1].Id.ToString(), "A step is at risk from this score changed from 45 to 0 from 1 December 2026 by Hana Human: Lowest allowed"));
    }

    [Theory]
    [InlineData(null, "80", "", "r", "Key", "Choose a setting to change.")]
    [InlineData("Nonsense", "80", "", "r", "Key", "Choose a setting to change.")]
    [InlineData("MetFrom", "eighty", "", "r", "Value", "Enter a whole number.")]
    [InlineData("MetFrom", "", "", "r", "Value", "Enter a whole number.")]
    [InlineData("MetFrom", "0", "", "r", "Value", "Enter a number from 1 to 100.")]
    [InlineData("MetFrom", "101", "", "r", "Value", "Enter a number from 1 to 100.")]
    [InlineData("AtRiskFrom", "-1", "", "r", "Value", "Enter a number from 0 to 99.")]
    [InlineData("WindowMonths", "61", "", "r", "Value", "Enter a number from 1 to 60.")]
    [InlineData("ThirdPartyReviewWithinDays", "366", "", "r", "Value", "Enter a number from 1 to 365.")]
    [InlineData("LongStaleMonths", "11", "", "r", "Value", "Enter a number from 12 to 120.")]
    [InlineData("MetFrom", "80", " soon ", "r", "EffectiveFrom", "\"soon\" is not a date. Use a date such as 01/04/2027.")]
    [InlineData("MetFrom", "80", "15/11/2026", "r", "EffectiveFrom", "A change cannot start in the past: past days keep the thresholds they had.")]
    [InlineData("MetFrom", "80", "", "  ", "Reason", "Say why the threshold changes.")]
    [InlineData("MetFrom", "45", "", "r", "Value", "\"At risk from\" (45) must be below \"met from\" (45).")]
    [InlineData("AtRiskFrom", "76", "", "r", "Value", "\"At risk from\" (76) must be below \"met from\" (75).")]
    public async Task A_wrong_change_is_refused_naming_the_field_and_nothing_is_kept(string? key, string value, string from, string reason, string field, string message)
    {
        (await _db.Settings().ChangeAsync(key, value, from, reason, "Hana")).Should().Equal(new FieldError(field, message));
        (await _db.Settings().ChangesAsync()).Should().BeEmpty();
        (await _db.AuditEntriesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Every_wrong_field_is_named_at_once_and_the_bounds_themselves_are_allowed()
    {
        (await _db.Settings().ChangeAsync("WindowMonths", "x", "yesterday", "", "Hana")).Select(e => e.Field).Should().Equal("Value", "EffectiveFrom", "Reason");
        (await _db.Settings().ChangeAsync("WindowMonths", "1", "", "r", "Hana")).Should().BeEmpty();
        (await _db.Settings().ChangeAsync("WindowMonths", "60", "", "r", "Hana")).Should().BeEmpty();
        (await _db.Settings().ChangeAsync("LongStaleMonths", "12", "", new string('r', 1000), "Hana")).Should().BeEmpty("a reason of the longest length is kept");
        (await _db.Settings().ChangesAsync()).Should().Contain(c => c.Reason.Length == 1000);
        (await _db.AuditEntriesAsync()).Last().Summary.Should().HaveLength(500).And.EndWith("rr…", "the audit entry's summary is cut to fit; the row keeps the whole reason");
        (await _db.Settings().ChangeAsync("AtRiskFrom", "74", "", "r", "Hana")).Should().BeEmpty("just below met-from is in order");
        (await _db.Settings().ChangeAsync("ThirdPartyReviewWithinDays", "365", _db.Today.AddDays(1).ToString("dd/MM/yyyy"), "r", "Hana")).Should().BeEmpty();
        All(await _db.Settings().OnAsync(_db.Today.AddDays(1))).Should().Equal(75, 74, 60, 365, 12);
    }

    [Fact]
    public async Task A_change_that_would_put_the_pair_out_of_order_on_a_later_date_already_set_is_refused_naming_that_date()
    {
        (await _db.Settings().ChangeAsync("MetFrom", "60", "1/12/2026", "Lower bar in December", "Hana")).Should().BeEmpty();
        // From today, at-risk 55 is below met-from 75; but from 1 December met-from is 60, and 55 is still below it.
        (await _db.Settings().ChangeAsync("AtRiskFrom", "55", "", "r", "Hana")).Should().BeEmpty();
        (await _db.Settings().ChangeAsync("AtRiskFrom", "65", "20/11/2026", "r", "Hana")).Should().Equal(new FieldError("Value",
            "\"At risk from\" (65) must be below \"met from\" (60) from 1 December 2026, when a change already set takes effect."));
        // A change after the last date set is checked on its own date only.
        (await _db.Settings().ChangeAsync("MetFrom", "70", "2/12/2026", "r", "Hana")).Should().BeEmpty();
        (await _db.Settings().ChangesAsync()).Should().HaveCount(3);
    }
}
