using System.Globalization;

namespace Compliance.Core.Reminders;

public static class ReminderText
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public static string Date(DateOnly d) => d.ToString("d MMMM yyyy", Uk);

    /// <summary>"today", "tomorrow", "in 7 days".</summary>
    public static string Until(DateOnly today, DateOnly due) => (due.DayNumber - today.DayNumber) switch
    {
        <= 0 => "today",
        1 => "tomorrow",
        var n => $"in {n} days",
    };
}
