using System.Collections.Concurrent;
using Compliance.Core.Data;
using Compliance.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Web.Jobs;

/// <summary>
/// Runs a job's work once at a time across every instance, and writes each run's start, end, outcome and summary to
/// job_runs for the Jobs page. A run still marked running when the next one takes the job's lock was cut short
/// (its instance stopped): it is marked so, and the new run says it ran again.
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, JobLocks locks, TimeProvider clock, IOptions<JobOptions> options, ILogger<JobRunner> logger)
{
    /// <summary>This process, as the Jobs page names it.</summary>
    public static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}";

    public const string StoppedSummary = "Stopped: the instance running it ended before it finished; it was run again.";
    public const string RunAgainPrefix = "Run again after an instance stopped mid-run. ";

    public async Task RunAsync(string job, bool asked, Func<IServiceProvider, CancellationToken, Task<object>> work, CancellationToken ct)
    {
        await using var held = await locks.TryTakeAsync(job, ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
        var started = clock.GetUtcNow().UtcDateTime;
        if (held is null)
        {
            // Another instance is running it now; what it does covers this run too.
            if (asked)
            {
                var skipped = new JobRun(job, Instance, true, started);
                skipped.Finish(true, "Not run: it was already running.", started);
                db.JobRuns.Add(skipped);
                await db.SaveChangesAsync(ct);
            }
            return;
        }

        // Holding the lock, no other run of this job is going on anywhere: one still marked running was cut short.
        var stopped = await db.JobRuns.Where(r => r.Job == job && r.Outcome == JobOutcome.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, JobOutcome.Failed)
                .SetProperty(r => r.Summary, StoppedSummary)
                .SetProperty(r => r.FinishedAtUtc, started), ct);
        var run = new JobRun(job, Instance, asked, started);
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(ct);

        object? result;
        try
        {
            result = await work(scope.ServiceProvider, ct);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {Job} failed", job);
            // The page shows what went wrong in words; the exception itself is in the log written above.
            await FinishAsync(run.Id, false, (stopped > 0 ? RunAgainPrefix : "") + $"Failed: {e.GetBaseException().Message}");
            throw;
        }
        if (result is QuietRun && !asked && stopped == 0)
        {
            await db.JobRuns.Where(r => r.Id == run.Id).ExecuteDeleteAsync(CancellationToken.None);
            return;
        }
        var summary = result is QuietRun quiet ? quiet.Summary : result as string;
        await FinishAsync(run.Id, true, (stopped > 0 ? RunAgainPrefix : "") + summary);
    }

    private async Task FinishAsync(Guid id, bool succeeded, string summary)
    {
        // A fresh context, and no cancellation: the record of how the run ended is kept even as the app stops.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
        var run = await db.JobRuns.FirstOrDefaultAsync(r => r.Id == id, CancellationToken.None);
        if (run is null) return;
        run.Finish(succeeded, summary, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The record of runs is kept for a while, not for ever (the nightly purge calls this).</summary>
    public async Task ForgetOldRunsAsync(IServiceProvider services, CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime - options.Value.KeepRunsFor;
        await services.GetRequiredService<ComplianceDbContext>().JobRuns
            .Where(r => r.StartedAtUtc < before && r.Outcome != JobOutcome.Running).ExecuteDeleteAsync(ct);
    }
}

/// <summary>
/// One run of a job at a time. With PostgreSQL, a session-level advisory lock on a connection of its own: it is
/// released the moment the holder's connection closes, so an instance that dies mid-run frees the job for the next
/// one at once. With SQLite there is one instance, and the lock is in the process.
/// </summary>
public sealed class JobLocks(DatabaseTarget target)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Local = new();

    public async Task<IAsyncDisposable?> TryTakeAsync(string job, CancellationToken ct)
    {
        if (target.Provider == DatabaseProvider.PostgreSQL)
        {
            var connection = new NpgsqlConnection(target.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key(job));
            if (await command.ExecuteScalarAsync(ct) is true) return new Held(async () => await connection.DisposeAsync());
            await connection.DisposeAsync();
            return null;
        }
        // Keyed by database as well: tests run several apps, each on its own file, in one process.
        var gate = Local.GetOrAdd(target.ConnectionString + "\n" + job, _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(0, ct) ? new Held(() => { gate.Release(); return ValueTask.CompletedTask; }) : null;
    }

    /// <summary>A stable key per job: "JOB:" in the first four bytes, clear of the writer locks, then four bytes of the name's hash.</summary>
    private static long Key(string job)
    {
        var bytes = new byte[8];
        "JOB:"u8.CopyTo(bytes);
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(job)).AsSpan(0, 4).CopyTo(bytes.AsSpan(4));
        return BitConverter.ToInt64(bytes);
    }

    private sealed class Held(Func<ValueTask> release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => release();
    }
}
