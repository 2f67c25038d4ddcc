namespace Compliance.Core.Reminders;

public static class ReminderText
{
    public static string Date(DateOnly d) => UkDates.Long(d);

    /// <summary>"today", "tomorrow", "in 7 days".</summary>
    public static string Until(DateOnly today, DateOnly due) => (due.DayNumber - today.DayNumber) switch
    {
        <= 0 => "today",
        1 => "tomorrow",
        var n => $"in {n} days",
    };
}
