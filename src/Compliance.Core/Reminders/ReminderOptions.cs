namespace Compliance.Core.Reminders;

/// <summary>Settings under Compliance:Reminders.</summary>
public sealed class ReminderOptions
{
    /// <summary>Reminders claimed and queued per transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>A pause between batches, to spare a busy database; none by default.</summary>
    public TimeSpan PauseBetweenBatches { get; set; } = TimeSpan.Zero;

    /// <summary>Days before a risk assessment's review date that a reminder is sent (the first, then the second).</summary>
    public int[] RiskReviewNoticeDays { get; set; } = [30, 7];

    /// <summary>Days before a case deadline (acknowledge, triage, feedback) that its handlers are reminded.</summary>
    public int CaseDeadlineNoticeDays { get; set; } = 2;
}
