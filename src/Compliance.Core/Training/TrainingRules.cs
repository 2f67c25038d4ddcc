namespace Compliance.Core.Training;

/// <summary>Where a person stands with a course on a day.</summary>
public enum TrainingState
{
    /// <summary>No completion that counts, and past any joining period.</summary>
    Never = 0,

    /// <summary>A joiner with no completion yet, inside their joining period.</summary>
    JoinerDue = 1,

    /// <summary>Their last completion has lapsed.</summary>
    Stale = 2,

    /// <summary>Current, but lapsing within the "due soon" period.</summary>
    DueSoon = 3,

    Current = 4,
}

/// <summary>Settings under Compliance:Training.</summary>
public sealed class TrainingOptions
{
    /// <summary>Training is "due soon" this many days before it lapses.</summary>
    public int DueSoonDays { get; set; } = 30;

    /// <summary>A person is reminded this many days before their training lapses (and again once, when it has).</summary>
    public int PersonReminderDays { get; set; } = 14;

    /// <summary>HR managers are told when fewer than this per cent of a course's audience is current.</summary>
    public int CoverageThresholdPercent { get; set; } = 90;

    /// <summary>The refresh interval a new course starts with, in months.</summary>
    public int DefaultRefreshMonths { get; set; } = 12;

    /// <summary>The joining period a new course starts with, in days.</summary>
    public int DefaultJoinerDays { get; set; } = 30;
}

/// <summary>
/// The training rules, each one function, used by the pages, the coverage counts (through the same cut-off dates)
/// and the reminders alike. A completion is current on a day if it was completed within the course's refresh
/// interval before it: after that day less the interval (so a completion on 14 February 2025 with a
/// 12-month interval is current until 13 February 2026 and stale from 14 February 2026).
/// </summary>
public static class TrainingRules
{
    public sealed record CourseRules(int RefreshMonths, int JoinerDays, bool RequiresPass);

    /// <summary>Whether a completion counts at all: where the course needs a pass, only a recorded pass does.</summary>
    public static bool Counts(bool requiresPass, bool? passed) => !requiresPass || passed == true;

    /// <summary>The last day's completion that is stale on <paramref name="day"/>: anything completed on or before it has lapsed.</summary>
    public static DateOnly StaleCutoff(DateOnly day, int refreshMonths) => day.AddMonths(-refreshMonths);

    /// <summary>Completions on or before this (and after the stale cut-off) lapse within the due-soon period.</summary>
    public static DateOnly DueSoonCutoff(DateOnly day, int refreshMonths, int dueSoonDays) => StaleCutoff(day.AddDays(Math.Max(0, dueSoonDays)), refreshMonths);

    /// <summary>A joiner who started after this day is still inside their joining period.</summary>
    public static DateOnly JoinerCutoff(DateOnly day, int joinerDays) => day.AddDays(-Math.Max(0, joinerDays));

    /// <summary>The first day a completion is stale.</summary>
    public static DateOnly LapsesOn(DateOnly completedOn, int refreshMonths)
    {
        // The first day whose stale cut-off reaches the completion (month ends make AddMonths one-way).
        var day = completedOn.AddMonths(refreshMonths);
        while (StaleCutoff(day, refreshMonths) < completedOn) day = day.AddDays(1);
        while (StaleCutoff(day.AddDays(-1), refreshMonths) >= completedOn) day = day.AddDays(-1);
        return day;
    }

    /// <summary>Where a person stands on <paramref name="day"/>, from their last completion that counts (on or before that day).</summary>
    public static TrainingState StateOn(DateOnly day, DateOnly? lastCounted, DateOnly? startDate, CourseRules rules, int dueSoonDays)
    {
        if (lastCounted is not { } last)
        {
            return startDate is { } start && start > JoinerCutoff(day, rules.JoinerDays) ? TrainingState.JoinerDue : TrainingState.Never;
        }
        if (last <= StaleCutoff(day, rules.RefreshMonths)) return TrainingState.Stale;
        if (last <= DueSoonCutoff(day, rules.RefreshMonths, dueSoonDays)) return TrainingState.DueSoon;
        return TrainingState.Current;
    }

    /// <summary>Covered: current or due soon (still in date).</summary>
    public static bool IsInDate(this TrainingState state) => state is TrainingState.Current or TrainingState.DueSoon;

    public static string Label(this TrainingState state) => state switch
    {
        TrainingState.Current => "Current",
        TrainingState.DueSoon => "Due soon",
        TrainingState.JoinerDue => "Joiner, due",
        TrainingState.Stale => "Stale",
        _ => "Never trained",
    };
}
