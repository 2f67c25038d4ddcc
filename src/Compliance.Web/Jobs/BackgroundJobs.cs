using Compliance.Core.Data;
using Compliance.Core.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Jobs;

public sealed record JobStatus(JobDescription Job, string Schedule, DateTimeOffset? NextRunUtc, DateTimeOffset? PreviousRunUtc, bool Running, List<JobRun> LastRuns);

/// <summary>What the Jobs page reads and does: the schedule from the scheduler's storage, the runs from job_runs, and "run now".</summary>
public sealed class BackgroundJobs(JobStorage storage, IBackgroundJobClient client, JobSchedules schedules, IServiceScopeFactory scopes)
{
    public const int RunsShown = 10;

    /// <summary>Asks for a run now: whichever instance running jobs is free takes it.</summary>
    public Task RunNowAsync(string job, CancellationToken ct)
    {
        Start(job, asked: true);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Starts a run of <paramref name="job"/> because of something a person did (<paramref name="asked"/>: listed on
    /// the Jobs page as asked for), and, with <paramref name="lookAgainAfter"/>, looks once more after that long.
    /// </summary>
    public void Start(string job, bool asked, TimeSpan? lookAgainAfter = null)
    {
        if (!ScheduledJobs.Start(client, job, asked, lookAgainAfter)) throw new ArgumentOutOfRangeException(nameof(job), job, "There is no such job.");
    }

    public async Task<List<JobStatus>> ListAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
        var names = JobCatalogue.All.Select(j => j.Name).ToList();
        var runs = (await db.JobRuns.AsNoTracking().Where(r => names.Contains(r.Job))
                .GroupBy(r => r.Job)
                .Select(g => g.OrderByDescending(r => r.StartedAtUtc).Take(RunsShown).ToList())
                .ToListAsync(ct))
            .SelectMany(r => r).ToLookup(r => r.Job);
        using var connection = storage.GetConnection();
        var recurring = connection.GetRecurringJobs(names).Where(r => !r.Removed).ToDictionary(r => r.Id);
        var list = new List<JobStatus>();
        foreach (var job in JobCatalogue.All)
        {
            var entry = recurring.GetValueOrDefault(job.Name);
            var jobRuns = runs[job.Name].ToList();
            list.Add(new JobStatus(job, job.RunsWhen ?? (entry is null ? "Not scheduled" : schedules.For(job.Name).Describe()),
                Utc(entry?.NextExecution), Utc(entry?.LastExecution), jobRuns.Any(r => r.Outcome == JobOutcome.Running), jobRuns));
        }
        return list;
    }

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
