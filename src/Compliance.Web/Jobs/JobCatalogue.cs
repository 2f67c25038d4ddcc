namespace Compliance.Web.Jobs;

public static class JobNames
{
    public const string ReminderSweep = "reminder-sweep";
    public const string MailDispatch = "mail-dispatch";
    public const string CasePurge = "case-purge";

    /// <summary>Run when a policy is published or chased (not on a schedule: the morning sweep does the same work).</summary>
    public const string PolicySend = "policy-send";

    /// <summary>Run when a pack is asked for, at start while one is waiting, and after the morning sweep.</summary>
    public const string EvidencePacks = "evidence-packs";
}

/// <summary>Settings under Compliance:Jobs. Schedules are cron expressions read in UK time.</summary>
public sealed class JobOptions
{
    /// <summary>
    /// Whether this instance runs jobs. One that does not still shows the Jobs page and can ask for a run; with
    /// PostgreSQL, another instance sharing the database takes it.
    /// </summary>
    public bool Run { get; set; } = true;

    /// <summary>Minute, hour, day of month, month, day of week (five fields; a sixth in front is seconds), in UK time.</summary>
    public string ReminderSweepSchedule { get; set; } = "0 7 * * *";
    public string CasePurgeSchedule { get; set; } = "30 2 * * *";
    /// <summary>Short enough that a case handler is emailed within a minute of a report arriving.</summary>
    public TimeSpan MailDispatchEvery { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// With PostgreSQL: how long a run taken by an instance that has stopped answering stays hidden from the others
    /// before one of them takes it again. A running instance keeps its runs hidden for as long as they last.
    /// </summary>
    public TimeSpan TakeOverAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often each instance looks for runs that are due, or that another instance asked for.</summary>
    public TimeSpan PollEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the record of each run is kept for the Jobs page; older ones go with the nightly purge.</summary>
    public TimeSpan KeepRunsFor { get; set; } = TimeSpan.FromDays(90);
}

/// <summary>What the Jobs page says about each job.</summary>
/// <param name="RunsWhen">For a job with no schedule of its own: what starts it.</param>
public sealed record JobDescription(string Name, string Title, string Purpose, string? RunsWhen = null);

public static class JobCatalogue
{
    public static readonly IReadOnlyList<JobDescription> All =
    [
        new(JobNames.ReminderSweep, "Reminder sweep", "Finds the reminders due today (reviews, actions, case deadlines, check-ins, policies not read by a team, training lapsing or below its coverage threshold) and sends each one once, by email and in the app; emails people whose training lapses within 14 days or has lapsed, once each; then starts the policy sending. It also writes the day's signed checkpoint of the audit trail and emails it to the directors, and keeps yesterday's position for the trend."),
        new(JobNames.MailDispatch, "Mail sender", "Sends queued email, and tries again, waiting longer each time, when the mail server refuses or cannot be reached. Runs with nothing to send are not listed."),
        new(JobNames.PolicySend, "Policy sending", "Publishes any policy version scheduled for today, then sends the policies in force to those who have not been asked (everyone, after a material change; a joiner on their start date), reminds those who have not read them, and sends the new links an HR manager asked for when chasing. Never sends anyone two links on one day.",
            "After each publication or chase, and after the morning's reminder sweep"),
        new(JobNames.EvidencePacks, "Evidence packs", "Makes the evidence packs that directors and HR managers asked for, one at a time, and stores each with its SHA-256 in the audit trail. A pack cut short when the app stopped is made again.",
            "When a pack is asked for, when the app starts with one waiting, and after the morning's reminder sweep"),
        new(JobNames.CasePurge, "Case purge", "Removes closed cases whose retention period has passed, unless they are under legal hold, leaving an audit entry for each. It also clears old records of job runs (kept 90 days by default)."),
    ];

    public static JobDescription? Find(string name) => All.FirstOrDefault(j => j.Name == name);
}
