using Compliance.Core.Auditing;
using Compliance.Core.Cases;
using Compliance.Core.Mail;
using Compliance.Core.Reminders;
using Quartz;

namespace Compliance.Web.Jobs;

/// <summary>The daily sweep, then the mail sender at once so the reminders go out now.</summary>
[DisallowConcurrentExecution]
public sealed class ReminderSweepJob(IServiceScopeFactory scopes, TimeProvider clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ReminderSweep>().RunAsync(clock.GetUtcNow(), cancellationToken);
        // Once a day the audit trail's head is anchored outside the database, and sent to the directors.
        var checkpoint = await scope.ServiceProvider.GetRequiredService<DailyCheckpoint>().RunAsync(cancellationToken);
        context.Result = result.Summary + (checkpoint is null ? "" : $" Audit checkpoint at entry {checkpoint.Sequence:N0}.");
        if (result.Queued > 0 || checkpoint is not null) await context.Scheduler.TriggerJob(new JobKey(JobNames.MailDispatch), cancellationToken: cancellationToken);
    }
}

[DisallowConcurrentExecution]
public sealed class MailDispatchJob(IServiceScopeFactory scopes) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<MailDispatcher>().RunAsync(cancellationToken);
        // It runs every 20 seconds; a run with nothing to send is not worth a line on the Jobs page, and a run that
        // sent only alerts about what a reporter did is not recorded either: its time would say when a report came.
        context.Result = result.Delivered + result.Failed == result.AboutReporters ? new QuietRun(result.Summary) : result.Summary;
    }
}

[DisallowConcurrentExecution]
public sealed class CasePurgeJob(IServiceScopeFactory scopes) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<CasePurge>().RunAsync(cancellationToken);
        context.Result = result.Summary;
    }
}
