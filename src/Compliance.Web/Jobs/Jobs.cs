using System.ComponentModel;
using Compliance.Core.Auditing;
using Compliance.Core.Cases;
using Compliance.Core.Mail;
using Compliance.Core.Policies;
using Compliance.Core.Reminders;
using Hangfire;

namespace Compliance.Web.Jobs;

/// <summary>
/// The jobs as the scheduler calls them. Each takes no more than whether a person asked for the run: the scheduler
/// keeps a job's arguments in its storage, so they never hold anything else. Everything a job does is written to
/// the app's own tables (the outbox, reminder deliveries, job runs) and is safe to do again, so a run cut short is
/// simply run again. Failures are retried by the scheduler, waiting longer each time; the mail sender is not,
/// since it runs again within seconds and each message keeps its own back-off.
/// </summary>
public sealed class ScheduledJobs(JobRunner runner, IBackgroundJobClient client, TimeProvider clock)
{
    [DisplayName("Reminder sweep")]
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task SweepAsync(bool asked, CancellationToken cancellationToken) =>
        runner.RunAsync(JobNames.ReminderSweep, asked, async (services, ct) =>
        {
            var result = await services.GetRequiredService<ReminderSweep>().RunAsync(clock.GetUtcNow(), ct);
            // People (who have no account) are emailed about their own training: before it lapses and once it has.
            var training = await services.GetRequiredService<Compliance.Core.Training.TrainingDistribution>().RemindAllAsync(ct);
            // Joiners get the policies in force on their start date, and those who have not read one are reminded: by
            // the policy job, under its own lock, so a publication's sending and the morning's never overlap.
            client.Enqueue<ScheduledJobs>(j => j.SendPoliciesAsync(false, CancellationToken.None));
            // A pack still waiting (its instance stopped, say) is made.
            client.Enqueue<ScheduledJobs>(j => j.MakePacksAsync(false, CancellationToken.None));
            // Once a day the audit trail's head is anchored outside the database, and sent to the directors.
            var checkpoint = await services.GetRequiredService<DailyCheckpoint>().RunAsync(ct);
            // Yesterday's position (and any month end of the last year not yet kept) is kept for the trend.
            var days = await services.GetRequiredService<Compliance.Core.Scoring.PositionTrend>().RecordDueAsync(ct);
            // The reminders go out now rather than at the mail sender's next turn.
            client.Enqueue<ScheduledJobs>(j => j.SendMailAsync(false, CancellationToken.None));
            return result.Summary + " " + training + (checkpoint is null ? "" : $" Audit checkpoint at entry {checkpoint.Sequence:N0}.")
                + (days == 0 ? "" : $" Position kept for {days:N0} day(s).");
        }, cancellationToken);

    /// <summary>
    /// Sends each policy in force to those it is for who have not been asked (after a publication: everyone), and
    /// chases where an HR manager asked. Takes no policy id: what to do is read from the app's tables, so a run lost
    /// in a crash is done by the next, or by the morning sweep.
    /// </summary>
    [DisplayName("Policy sending")]
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task SendPoliciesAsync(bool asked, CancellationToken cancellationToken) =>
        runner.RunAsync(JobNames.PolicySend, asked, async (services, ct) =>
        {
            // A version scheduled for today is published first, so its audience is asked in the same run.
            var published = await services.GetRequiredService<PolicyWork>().PublishDueAsync(ct);
            var summary = await services.GetRequiredService<PolicyDistribution>().RunPendingAsync(ct);
            client.Enqueue<ScheduledJobs>(j => j.SendMailAsync(false, CancellationToken.None));
            return (published > 0 ? $"{published:N0} scheduled version(s) published. " : "") + summary;
        }, cancellationToken);

    /// <summary>Makes the packs waiting in evidence_packs, oldest first; takes no pack id, so a lost run is made up by the next.</summary>
    [DisplayName("Evidence packs")]
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task MakePacksAsync(bool asked, CancellationToken cancellationToken) =>
        runner.RunAsync(JobNames.EvidencePacks, asked, async (services, ct) =>
        {
            var made = await services.GetRequiredService<Compliance.Core.EvidencePacks.EvidencePackWork>().GeneratePendingAsync(ct);
            return made == 0 ? new QuietRun("No pack was waiting.") : $"{made:N0} evidence pack(s) made.";
        }, cancellationToken);

    [DisplayName("Mail sender")]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task SendMailAsync(bool asked, CancellationToken cancellationToken) =>
        runner.RunAsync(JobNames.MailDispatch, asked, async (services, ct) =>
        {
            var result = await services.GetRequiredService<MailDispatcher>().RunAsync(ct);
            // A run with nothing to send is not worth a line on the Jobs page, and a run that sent only alerts about
            // what a reporter did is not recorded either: its time would say when a report came.
            return result.Delivered + result.Failed == result.AboutReporters ? new QuietRun(result.Summary) : result.Summary;
        }, cancellationToken);

    [DisplayName("Case purge")]
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task PurgeAsync(bool asked, CancellationToken cancellationToken) =>
        runner.RunAsync(JobNames.CasePurge, asked, async (services, ct) =>
        {
            var result = await services.GetRequiredService<CasePurge>().RunAsync(ct);
            await runner.ForgetOldRunsAsync(services, ct);
            return result.Summary;
        }, cancellationToken);

    /// <summary>
    /// The one way a run is started: now, and, with <paramref name="lookAgainAfter"/>, once more after that long (a run
    /// just finishing when the work came may not have seen it, and a second run does not start while one goes on).
    /// False when there is no such job.
    /// </summary>
    public static bool Start(IBackgroundJobClient client, string job, bool asked, TimeSpan? lookAgainAfter = null)
    {
        if (Run(job, asked) is not { } run) return false;
        client.Enqueue(run);
        if (lookAgainAfter is { } later) client.Schedule(Run(job, asked: false)!, later);
        return true;
    }

    private static System.Linq.Expressions.Expression<Func<ScheduledJobs, Task>>? Run(string job, bool asked) => job switch
    {
        JobNames.ReminderSweep => j => j.SweepAsync(asked, CancellationToken.None),
        JobNames.MailDispatch => j => j.SendMailAsync(asked, CancellationToken.None),
        JobNames.CasePurge => j => j.PurgeAsync(asked, CancellationToken.None),
        JobNames.PolicySend => j => j.SendPoliciesAsync(asked, CancellationToken.None),
        JobNames.EvidencePacks => j => j.MakePacksAsync(asked, CancellationToken.None),
        _ => null,
    };
}

/// <summary>The result of a frequent job's run that found nothing to do: no record is kept of it unless a person asked for it.</summary>
public sealed record QuietRun(string Summary);
