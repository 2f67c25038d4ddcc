using Compliance.Core.Data;
using Compliance.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Compliance.Web.Jobs;

public sealed record JobStatus(JobDescription Job, string Schedule, DateTimeOffset? NextRunUtc, DateTimeOffset? PreviousRunUtc, bool Running, List<JobRun> LastRuns);

/// <summary>What the Jobs page reads and does: the schedule from Quartz, the runs from job_runs, and "run now".</summary>
public sealed class BackgroundJobs(ISchedulerFactory schedulers, IServiceScopeFactory scopes)
{
    public const int RunsShown = 10;

    /// <summary>
    /// Asks for a run now. In a cluster, whichever instance is free takes it. "Now" is the real present, stated on
    /// the request itself: another instance takes it, and a time from anywhere else (a clock the asking instance
    /// was given) could put it in the past, where the scheduler treats it as a missed run and holds it back.
    /// </summary>
    public async Task RunNowAsync(string job, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var request = TriggerBuilder.Create()
            .ForJob(new JobKey(job))
            .UsingJobData(new JobDataMap { [JobRunRecorder.ManualRun] = true })
            .StartAt(TimeProvider.System.GetUtcNow())
            .Build();
        await scheduler.ScheduleJob(request, default, ct);
    }

    public async Task<List<JobStatus>> ListAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
        var names = JobCatalogue.All.Select(j => j.Name).ToList();
        var runs = (await db.JobRuns.AsNoTracking().Where(r => names.Contains(r.Job))
                .GroupBy(r => r.Job)
                .Select(g => g.OrderByDescending(r => r.StartedAtUtc).Take(RunsShown).ToList())
                .ToListAsync(ct))
            .SelectMany(r => r).ToLookup(r => r.Job);
        var list = new List<JobStatus>();
        foreach (var job in JobCatalogue.All)
        {
            var trigger = await scheduler.GetTrigger(new TriggerKey(job.Name), ct);
            var schedule = trigger switch
            {
                ICronTrigger { CronExpressionString: { } cron } => Describe(cron),
                ISimpleTrigger simple => $"Every {Span(simple.RepeatInterval)}",
                _ => "Not scheduled",
            };
            var jobRuns = runs[job.Name].ToList();
            list.Add(new JobStatus(job, schedule, trigger?.NextFireTimeUtc, trigger?.PreviousFireTimeUtc,
                jobRuns.Any(r => r.Outcome == JobOutcome.Running), jobRuns));
        }
        return list;
    }

    /// <summary>"Every day at 07:00 (UK time)" for the daily expressions; the expression itself otherwise.</summary>
    private static string Describe(string cron)
    {
        var parts = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 6 && parts[3] == "*" && parts[4] == "*" && parts[5] == "?"
            && int.TryParse(parts[0], out var s) && int.TryParse(parts[1], out var m) && int.TryParse(parts[2], out var h) && s == 0)
        {
            return $"Every day at {h:00}:{m:00} (UK time)";
        }
        return $"Cron “{cron}” (UK time)";
    }

    private static string Span(TimeSpan t) =>
        t.TotalHours >= 1 && t.TotalHours == Math.Floor(t.TotalHours) ? $"{t.TotalHours:0} hour{(t.TotalHours == 1 ? "" : "s")}"
        : t.TotalMinutes >= 1 && t.TotalMinutes == Math.Floor(t.TotalMinutes) ? $"{t.TotalMinutes:0} minute{(t.TotalMinutes == 1 ? "" : "s")}"
        : $"{t.TotalSeconds:0} seconds";
}
