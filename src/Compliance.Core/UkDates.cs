using System.Globalization;
using System.Text.RegularExpressions;

namespace Compliance.Core;

/// <summary>
/// Dates as people in the UK type and read them. One display form everywhere (27 November 2026), and the forms
/// people type accepted: 27/11/2026, 27/11/26, 27-11-2026, 27.11.2026, 27 Nov 2026, 27th November 2026, and
/// 2026-11-27 from spreadsheets and systems. Day before month, always: 03/04/2026 is 3 April.
/// </summary>
public static partial class UkDates
{
    public static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-M-d",
        "d/M/yyyy", "d/M/yy", "d-M-yyyy", "d-M-yy", "d.M.yyyy", "d.M.yy",
        "d MMM yyyy", "d MMMM yyyy", "d MMM yy", "d MMMM yy", "d-MMM-yyyy", "d-MMM-yy",
        "dddd d MMMM yyyy", "ddd d MMM yyyy",
    ];

    /// <summary>The one way a date is shown: "27 November 2026".</summary>
    public static string Long(DateOnly date) => date.ToString("d MMMM yyyy", Uk);

    public static string Long(DateOnly? date) => date is { } d ? Long(d) : "";

    /// <summary>The one way an instant is shown, in UK time: "27 November 2026, 14:05".</summary>
    public static string Long(DateTime utc) => UkCalendar.ToUk(utc).ToString("d MMMM yyyy, HH:mm", Uk);

    /// <summary>A date typed in any of the accepted forms, or null when it is not one (or not a real day).</summary>
    public static DateOnly? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.AsSpan().Trim(), Formats, Uk, DateTimeStyles.None, out var plain)) return plain;
        var text = Spaces().Replace(Ordinal().Replace(value.Trim(), "$1"), " ").Replace(",", "");
        // "Sept" is how many people shorten September; the calendar knows only "Sep".
        text = Sept().Replace(text, "Sep");
        return DateOnly.TryParseExact(text, Formats, Uk, DateTimeStyles.AllowWhiteSpaces, out var d) ? d : null;
    }

    [GeneratedRegex(@"(\d)(st|nd|rd|th)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\bSept\b", RegexOptions.IgnoreCase)]
    private static partial Regex Sept();
}
