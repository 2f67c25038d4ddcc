using Compliance.Core.Employees;

namespace Compliance.Core.EvidencePacks;

/// <summary>A pack request as typed: which period (the last 12 months, the last financial or calendar year, or dates), and the edition.</summary>
public sealed record PackRequestInput(string? Period, string? From, string? To, bool Named = false);

/// <summary>The periods a pack can cover, and the checks on them.</summary>
public static class PackPeriod
{
    public const string Last12Months = "last-12-months";
    public const string FinancialYear = "financial-year";
    public const string CalendarYear = "calendar-year";
    public const string Dates = "dates";

    /// <summary>The longest period one pack covers: a tribunal looks back years, but a pack per year reads better.</summary>
    public const int MaxYears = 3;

    /// <summary>
    /// The period a choice means on <paramref name="today"/>: the 12 months to today; the last financial year ended
    /// (1 April to 31 March, as most organisations and the public sector keep it); the last calendar year ended; or
    /// the dates given. Errors name the field.
    /// </summary>
    public static (DateOnly From, DateOnly To, List<FieldError> Errors) Resolve(PackRequestInput input, DateOnly today)
    {
        var errors = new List<FieldError>();
        switch (input.Period ?? Last12Months)
        {
            case Last12Months:
                return (today.AddYears(-1).AddDays(1), today, errors);
            case FinancialYear:
                var end = new DateOnly(today.Month >= 4 ? today.Year : today.Year - 1, 3, 31);
                return (end.AddDays(1).AddYears(-1), end, errors);
            case CalendarYear:
                return (new DateOnly(today.Year - 1, 1, 1), new DateOnly(today.Year - 1, 12, 31), errors);
            case Dates:
                var from = UkDates.Parse(input.From);
                var to = UkDates.Parse(input.To);
                if (string.IsNullOrWhiteSpace(input.From)) errors.Add(new(nameof(input.From), "Enter the first day of the period, for example 1/4/2025."));
                else if (from is null) errors.Add(new(nameof(input.From), "The first day must be a real date, for example 1/4/2025."));
                if (string.IsNullOrWhiteSpace(input.To)) errors.Add(new(nameof(input.To), "Enter the last day of the period, for example 31/3/2026."));
                else if (to is null) errors.Add(new(nameof(input.To), "The last day must be a real date, for example 31/3/2026."));
                else if (to > today) errors.Add(new(nameof(input.To), "The last day cannot be in the future: a pack shows what happened."));
                if (from is { } f && to is { } t && errors.Count == 0)
                {
                    if (f > t) errors.Add(new(nameof(input.From), "The first day must be on or before the last day."));
                    else if (f < t.AddYears(-MaxYears)) errors.Add(new(nameof(input.From), $"A pack covers at most {MaxYears} years: ask for one pack per year."));
                    else if (f.Year < 2000) errors.Add(new(nameof(input.From), "The first day must be in 2000 or later."));
                }
                return (from ?? today, to ?? today, errors);
            default:
                errors.Add(new(nameof(input.Period), "Choose the period the pack covers."));
                return (today, today, errors);
        }
    }
}
