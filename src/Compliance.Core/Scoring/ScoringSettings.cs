using Compliance.Core.Auditing;
using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Scoring;

/// <summary>
/// A change to one scoring threshold, from a date: the rows are kept, never edited, so the thresholds in force on any
/// past day can be read again and a past day's score worked out as it was.
/// </summary>
public sealed class ScoringSetting
{
    public const int MaxReasonLength = 1000;

    private ScoringSetting()
    {
    }

    internal ScoringSetting(string key, int value, DateOnly effectiveFrom, string reason, string changedByName, DateTime nowUtc)
    {
        Id = RecordId.New();
        (Key, Value, EffectiveFrom, Reason, ChangedByName, ChangedAtUtc) = (key, value, effectiveFrom, reason, changedByName, nowUtc);
    }

    public Guid Id { get; private set; }
    public string Key { get; private set; } = "";
    public int Value { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public string Reason { get; private set; } = "";
    public string ChangedByName { get; private set; } = "";
    public DateTime ChangedAtUtc { get; private set; }
}

/// <summary>One threshold an administrator may change: its key, what it means, the values allowed, and where it lives in <see cref="ScoringOptions"/>.</summary>
public sealed record ScoringSettingDefinition(string Key, string Label, int Min, int Max, Func<ScoringOptions, int> Get, Action<ScoringOptions, int> Set);

/// <summary>The scoring thresholds on any day: the settings file's defaults, overridden by each change from its date.</summary>
public sealed class ScoringSettings(ComplianceDbContext db, IOptions<ScoringOptions> defaults, AuditTrail audit, TimeProvider clock)
{
    public static readonly IReadOnlyList<ScoringSettingDefinition> All =
    [
        new("MetFrom", "A step is met from this score", 1, 100, o => o.MetFrom, (o, v) => o.MetFrom = v),
        new("AtRiskFrom", "A step is at risk from this score", 0, 99, o => o.AtRiskFrom, (o, v) => o.AtRiskFrom = v),
        new("WindowMonths", "Months looked back for reports and incidents", 1, 60, o => o.WindowMonths, (o, v) => o.WindowMonths = v),
        new("ThirdPartyReviewWithinDays", "Days to review an assessment after a third-party incident", 1, 365, o => o.ThirdPartyReviewWithinDays, (o, v) => o.ThirdPartyReviewWithinDays = v),
        new("LongStaleMonths", "Months after which training counts as long stale", 12, 120, o => o.LongStaleMonths, (o, v) => o.LongStaleMonths = v),
    ];

    private List<ScoringSetting>? changes;

    public ScoringOptions Defaults => defaults.Value;

    public async Task<List<ScoringSetting>> ChangesAsync(CancellationToken ct = default) =>
        changes ??= await db.ScoringSettings.AsNoTracking().OrderBy(s => s.EffectiveFrom).ThenBy(s => s.ChangedAtUtc).ToListAsync(ct);

    /// <summary>The thresholds in force on the day: for each, the last change effective by then, or the default.</summary>
    public async Task<ScoringOptions> OnAsync(DateOnly day, CancellationToken ct = default) => Apply(await ChangesAsync(ct), day);

    private ScoringOptions Apply(IEnumerable<ScoringSetting> rows, DateOnly day)
    {
        var d = defaults.Value;
        var o = new ScoringOptions { MetFrom = d.MetFrom, AtRiskFrom = d.AtRiskFrom, WindowMonths = d.WindowMonths, ThirdPartyReviewWithinDays = d.ThirdPartyReviewWithinDays, LongStaleMonths = d.LongStaleMonths };
        foreach (var row in rows.Where(r => r.EffectiveFrom <= day).OrderBy(r => r.EffectiveFrom).ThenBy(r => r.ChangedAtUtc))
        {
            All.FirstOrDefault(s => s.Key == row.Key)?.Set(o, row.Value);
        }
        return o;
    }

    /// <summary>Changes one threshold from a date (today or later), with the reason; audited with the old and new values.</summary>
    public async Task<List<FieldError>> ChangeAsync(string? key, string? value, string? effectiveFrom, string? reason, string actorName, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var today = UkCalendar.Today(clock);
        var definition = All.FirstOrDefault(s => s.Key == key);
        if (definition is null) return [new("Key", "Choose a setting to change.")];
        if (!int.TryParse(value?.Trim(), out var number)) errors.Add(new("Value", "Enter a whole number."));
        else if (number < definition.Min || number > definition.Max) errors.Add(new("Value", $"Enter a number from {definition.Min} to {definition.Max}."));
        var from = string.IsNullOrWhiteSpace(effectiveFrom) ? today : UkDates.Parse(effectiveFrom);
        if (from is null) errors.Add(new("EffectiveFrom", $"\"{effectiveFrom!.Trim()}\" is not a date. Use a date such as 01/04/2027."));
        else if (from < today) errors.Add(new("EffectiveFrom", "A change cannot start in the past: past days keep the thresholds they had."));
        var why = TextRules.Required(reason, ScoringSetting.MaxReasonLength, "Reason", "The reason", errors, "Say why the threshold changes.");
        if (errors.Count > 0) return errors;

        var row = new ScoringSetting(definition.Key, number, from!.Value, why!, actorName, clock.GetUtcNow().UtcDateTime);
        var rows = await ChangesAsync(ct);
        var before = Apply(rows, from.Value);
        // The pair must stay in order on the change's date and on every later date a change is already set for.
        foreach (var day in rows.Select(r => r.EffectiveFrom).Where(d => d > from.Value).Prepend(from.Value).Distinct().Order())
        {
            var after = Apply([.. rows, row], day);
            if (after.AtRiskFrom >= after.MetFrom)
            {
                var when = day == from.Value ? "" : $" from {UkDates.Long(day)}, when a change already set takes effect";
                return [new("Value", $"\"At risk from\" ({after.AtRiskFrom}) must be below \"met from\" ({after.MetFrom}){when}.")];
            }
        }
        db.ScoringSettings.Add(row);
        await audit.SaveAsync(db, AuditEvent.For("scoring.setting.changed", "ScoringSetting", row.Id,
            $"{definition.Label} changed from {definition.Get(before)} to {number} from {UkDates.Long(from.Value)} by {actorName}: {why}"), ct);
        changes = null;
        return [];
    }
}
