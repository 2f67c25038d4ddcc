namespace Compliance.Core.Cases;

/// <summary>
/// Deadlines and limits for cases: good practice, not law (DOMAIN.md R7), so each is a setting under
/// <c>Compliance:Cases</c>.
/// </summary>
public sealed class CaseOptions
{
    public int AcknowledgeWithinDays { get; set; } = 7;
    public int TriageWithinWorkingDays { get; set; } = 5;
    public int FeedbackWithinMonths { get; set; } = 3;
    public int[] CheckInMonthsAfterClosure { get; set; } = [1, 3, 6];

    /// <summary>Days the action-plan entry made by a closure that asks for a policy or assessment change is given (our reasoning).</summary>
    public int ChangeActionWithinDays { get; set; } = 30;

    /// <summary>Sexual-harassment disclosures can be protected disclosures from this date (ERA 2025 s.23).</summary>
    public DateOnly ProtectedDisclosuresFrom { get; set; } = new(2026, 4, 6);

    public int MaxFilesPerSubmission { get; set; } = 5;
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Where encrypted attachments are kept; the app sets it to <c>cases</c> in the data directory.</summary>
    public string FilesPath { get; set; } = "";

    /// <summary>Wrong reference-and-key tries allowed from one client in an hour before it is refused.</summary>
    public int FollowUpFailuresPerClientPerHour { get; set; } = 10;

    /// <summary>Wrong tries from all clients together in a minute past which every try waits a little longer (never refused).</summary>
    public int FollowUpFailuresOverallPerMinute { get; set; } = 100;

    /// <summary>Reports one client may send in an hour; past it the page says so and keeps what they typed.</summary>
    public int ReportsPerClientPerHour { get; set; } = 10;

    /// <summary>Reports everyone together may send in an hour (a scan once sent 23,416 in ten minutes).</summary>
    public int ReportsPerHour { get; set; } = 500;

    /// <summary>
    /// Reports and reporters' replies one instance works on at once; the rest wait their turn, so a burst cannot
    /// slow every other page. Two per processor core keeps the processor busy without a queue inside the app.
    /// </summary>
    public int ReportsAtOnce { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>Bytes of files everyone together may upload with reports and replies in an hour; past it the words are still taken.</summary>
    public long UploadBytesPerHour { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Bytes of files one client may upload in an hour: a tenth of everyone's, so no one client can use it all up.</summary>
    public long UploadBytesPerClientPerHour { get; set; } = 100L * 1024 * 1024;

    /// <summary>Years a closed case is kept before the purge removes it, unless it is under legal hold.</summary>
    public int RetentionYears { get; set; } = 6;

    /// <summary>
    /// Where "Leave this page quickly" on the reporting pages goes: an ordinary site that says nothing about
    /// harassment to someone looking over the reporter's shoulder.
    /// </summary>
    public string LeaveQuicklyUrl { get; set; } = "https://www.bbc.co.uk/weather";
}

public enum DeadlineKind
{
    Acknowledge = 1,
    Triage = 2,
    Feedback = 3,
    CheckIn = 4,
}

public sealed record CaseDeadline(DeadlineKind Kind, DateOnly DueOn)
{
    public bool IsMissed(DateOnly today) => DueOn < today;

    public string Label => Kind switch
    {
        DeadlineKind.Acknowledge => "Acknowledge",
        DeadlineKind.Triage => "Triage",
        DeadlineKind.Feedback => "Feedback to the reporter",
        _ => "Check-in with the reporter",
    };
}

/// <summary>What the deadlines depend on.</summary>
public sealed record CaseTimeline(CaseState State, DateOnly ReceivedOn, DateOnly? AcknowledgedOn, DateOnly? FeedbackGivenOn, List<DateOnly> CheckInDates, int CheckInsSent);

public static class CaseDeadlines
{
    /// <summary>The deadlines still to meet, soonest first.</summary>
    public static List<CaseDeadline> Open(ReportCase c, CaseOptions o) =>
        Open(new CaseTimeline(c.State, c.ReceivedOn, c.AcknowledgedOn, c.FeedbackGivenOn, c.CheckInDates, c.CheckInsSent), o);

    /// <summary>The same, from the few dates a query can fetch for many cases at once.</summary>
    public static List<CaseDeadline> Open(CaseTimeline c, CaseOptions o)
    {
        var due = new List<CaseDeadline>();
        if (c.State == CaseState.Received)
        {
            due.Add(new(DeadlineKind.Acknowledge, c.ReceivedOn.AddDays(o.AcknowledgeWithinDays)));
        }
        if (c.State is CaseState.Received or CaseState.Acknowledged)
        {
            due.Add(new(DeadlineKind.Triage, AddWorkingDays(c.AcknowledgedOn ?? c.ReceivedOn, o.TriageWithinWorkingDays)));
        }
        if (c.FeedbackGivenOn is null && c.State != CaseState.Closed)
        {
            due.Add(new(DeadlineKind.Feedback, c.ReceivedOn.AddMonths(o.FeedbackWithinMonths)));
        }
        if (c.State == CaseState.Closed && c.CheckInsSent < c.CheckInDates.Count)
        {
            due.Add(new(DeadlineKind.CheckIn, c.CheckInDates[c.CheckInsSent]));
        }
        return [.. due.OrderBy(d => d.DueOn)];
    }

    public static CaseDeadline? Next(ReportCase c, CaseOptions o) => Open(c, o).FirstOrDefault();

    /// <summary>Adds days, skipping Saturdays and Sundays (bank holidays are not counted out).</summary>
    public static DateOnly AddWorkingDays(DateOnly from, int days)
    {
        var d = from;
        while (days > 0)
        {
            d = d.AddDays(1);
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days--;
        }
        return d;
    }
}
