using Compliance.Core;
using Compliance.Web.Infrastructure;
using Compliance.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using Quartz;

namespace Compliance.Web.Jobs;

/// <summary>
/// Quartz in the web app: a persistent store in the app's database (tables made by the app's migrations). On
/// PostgreSQL it is clustered, so any number of instances share the jobs and each run happens on one of them; on
/// SQLite there is one instance. A run cut short by an instance dying is run again by another (or by the same
/// one when it comes back).
/// </summary>
public static class JobsSetup
{
    public const string SchedulerName = "compliance";

    public static void AddBackgroundJobs(this WebApplicationBuilder builder, DatabaseTarget target)
    {
        var section = builder.Configuration.GetSection("Compliance:Jobs");
        var options = section.Get<JobOptions>() ?? new JobOptions();
        builder.Services.Configure<JobOptions>(section);
        builder.Services.AddSingleton<BackgroundJobs>();
        builder.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                // How soon a run asked for on another instance (the Jobs page's "Run now") is noticed.
                s.IdleWaitTime = options.IdleWait;
            });
            // The scheduler takes the app's TimeProvider from the container (the system clock; a setting here would
            // be overridden by it). Requests to run now carry their own real start time: see BackgroundJobs.RunNowAsync.
            // Keep each schedule's history when the app restarts, so a 07:00 run missed while it was down runs once on start.
            q.ConfigureOptions<QuartzOptions>(o => o.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true);
            q.UsePersistentStore(store =>
            {
                if (target.Provider == DatabaseProvider.PostgreSQL)
                {
                    store.UsePostgres(o => o.DataSourceFactory = _ => NpgsqlDataSource.Create(target.ConnectionString));
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = options.ClusterCheckinInterval;
                        c.CheckinMisfireThreshold = options.ClusterCheckinInterval;
                    });
                }
                else
                {
                    // One instance on a file: the schedule lives in it too, so a run missed while the app was down is still found.
                    store.UseSqlite(o => o.DataSourceFactory = _ => SqliteFactory.Instance.CreateDataSource(target.ConnectionString));
                }
                store.UseSystemTextJsonSerializer();
            });
            q.AddJob<ReminderSweepJob>(j => j.WithIdentity(JobNames.ReminderSweep).StoreDurably().RequestRecovery());
            q.AddJob<MailDispatchJob>(j => j.WithIdentity(JobNames.MailDispatch).StoreDurably().RequestRecovery());
            q.AddJob<CasePurgeJob>(j => j.WithIdentity(JobNames.CasePurge).StoreDurably().RequestRecovery());
            q.AddTrigger<ReminderSweepJob>(t => t.WithIdentity(JobNames.ReminderSweep).ForJob(JobNames.ReminderSweep)
                .WithCronSchedule(options.ReminderSweepSchedule, c => c.InTimeZone(UkCalendar.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddTrigger<CasePurgeJob>(t => t.WithIdentity(JobNames.CasePurge).ForJob(JobNames.CasePurge)
                .WithCronSchedule(options.CasePurgeSchedule, c => c.InTimeZone(UkCalendar.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddTrigger<MailDispatchJob>(t => t.WithIdentity(JobNames.MailDispatch).ForJob(JobNames.MailDispatch)
                .WithSimpleSchedule(options.MailDispatchEvery));
            q.AddJobListener<JobRunRecorder>([Matchers.AllJobs()]);
        });
        builder.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            // An instance that does not run jobs still reads the schedule and can ask for a run.
            o.AutoStart = options.Run;
        });
    }
}
