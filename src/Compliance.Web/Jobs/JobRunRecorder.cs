using System.Collections.Concurrent;
using Compliance.Core.Data;
using Compliance.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Compliance.Web.Jobs;

/// <summary>Writes each run's start, end, outcome and summary to job_runs, for the Jobs page.</summary>
public sealed class JobRunRecorder(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<JobRunRecorder> logger) : IJobListener
{
    private readonly ConcurrentDictionary<string, Guid> _running = new();

    public string Name => "job-runs";

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var run = new JobRun(context.JobDetail.Key.Name, context.Scheduler.SchedulerInstanceId,
            context.MergedJobDataMap.ContainsKey(ManualRun), clock.GetUtcNow().UtcDateTime);
        _running[context.FireInstanceId] = run.Id;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
        if (context.Recovering)
        {
            // The run cut short on the instance that died: say so, rather than leave it "running" for ever.
            // On one instance (SQLite) the scheduler's id does not change across restarts: a run this process did not
            // start is the one that was cut short.
            var mine = _running.Values.ToList();
            await db.JobRuns.Where(r => r.Job == run.Job && r.Outcome == JobOutcome.Running && (r.Instance != run.Instance || !mine.Contains(r.Id)))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, JobOutcome.Failed)
                    .SetProperty(r => r.Summary, "Stopped: the instance running it ended before it finished; it was run again.")
                    .SetProperty(r => r.FinishedAtUtc, run.StartedAtUtc), cancellationToken);
        }
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        if (!_running.TryRemove(context.FireInstanceId, out var id)) return;
        var failed = jobException is not null;
        if (failed) logger.LogError(jobException, "Job {Job} failed", context.JobDetail.Key.Name);
        // The page shows what went wrong in words; the exception itself is in the log written above.
        var summary = failed ? $"Failed: {jobException!.GetBaseException().Message}" : context.Result is QuietRun quiet ? quiet.Summary : context.Result as string;
        if (context.Recovering) summary = "Run again after an instance stopped mid-run. " + summary;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        if (!failed && !context.Recovering && context.Result is QuietRun && !context.MergedJobDataMap.ContainsKey(ManualRun))
        {
            await db.JobRuns.Where(r => r.Id == id).ExecuteDeleteAsync(CancellationToken.None);
            return;
        }
        var run = await db.JobRuns.FirstOrDefaultAsync(r => r.Id == id, CancellationToken.None);
        if (run is null) return;
        run.Finish(!failed, summary, now);
        await db.SaveChangesAsync(CancellationToken.None);
        if (context.JobDetail.Key.Name == JobNames.CasePurge)
        {
            // Once a day, with the other housekeeping: the record of runs is kept for a while, not for ever.
            var before = now - options.Value.KeepRunsFor;
            await db.JobRuns.Where(r => r.StartedAtUtc < before && r.Outcome != JobOutcome.Running).ExecuteDeleteAsync(CancellationToken.None);
        }
    }

    public ValueTask JobProgressChanged(IJobExecutionContext context, Quartz.Extensibility.FireInstanceProgress progress, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;

    /// <summary>Put in a run's data when a person asked for it.</summary>
    public const string ManualRun = "manual";
}

/// <summary>The result of a frequent job's run that found nothing to do: no record is kept of it unless a person asked for it.</summary>
public sealed record QuietRun(string Summary);
