using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Auditing;

/// <summary>What the audit trail page and its export filter on; every part is optional. Dates are UK days, inclusive.</summary>
public sealed record AuditFilter(string? From, string? To, string? Actor, string? Action, string? EntityType, string? EntityId);

/// <summary>
/// Finds audit entries by UK date range, actor, action and kind of record (and which one), newest first. An
/// unreadable or impossible filter is refused with its field named, and nothing is listed from a guess.
/// </summary>
public sealed class AuditSearch(ComplianceDbContext db)
{
    public sealed record Query(IQueryable<AuditEntry> Entries, List<FieldError> Errors);

    public Query Find(AuditFilter filter)
    {
        var errors = new List<FieldError>();
        var from = Day(filter.From, "From", errors);
        var to = Day(filter.To, "To", errors);
        if (from is not null && to is not null && from > to) errors.Add(new("To", "The end date is before the start date."));
        IQueryable<AuditEntry> q = db.AuditEntries.AsNoTracking();
        if (errors.Count > 0) return new Query(q.Where(_ => false), errors);
        if (from is { } f)
        {
            var start = UkCalendar.StartOfDayUtc(f);
            q = q.Where(e => e.OccurredAtUtc >= start);
        }
        if (to is { } t)
        {
            var end = UkCalendar.StartOfDayUtc(t.AddDays(1));
            q = q.Where(e => e.OccurredAtUtc < end);
        }
        if (Clean(filter.Actor) is { } actor) q = q.Where(e => e.ActorName == actor);
        if (Clean(filter.Action) is { } action) q = q.Where(e => e.Action == action);
        if (Clean(filter.EntityType) is { } type) q = q.Where(e => e.EntityType == type);
        if (Clean(filter.EntityId) is { } id) q = q.Where(e => e.EntityId == id);
        return new Query(q.OrderByDescending(e => e.Sequence), errors);
    }

    /// <summary>The choices for the filter's lists: every actor, action and kind of record that has an entry.</summary>
    public async Task<(List<string> Actors, List<string> Actions, List<string> EntityTypes)> ChoicesAsync(CancellationToken ct) =>
        (await db.AuditEntries.Select(e => e.ActorName).Distinct().OrderBy(a => a).ToListAsync(ct),
         await db.AuditEntries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct),
         await db.AuditEntries.Select(e => e.EntityType).Distinct().OrderBy(a => a).ToListAsync(ct));

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOnly? Day(string? value, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var day = UkDates.Parse(value);
        if (day is null) errors.Add(new(field, $"\"{value.Trim()}\" is not a date. Use a UK date such as 27/11/2026 or 27 November 2026."));
        return day;
    }
}
