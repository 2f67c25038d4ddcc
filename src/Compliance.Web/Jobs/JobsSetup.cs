using Compliance.Core.Data;
using Compliance.Core.Jobs;
using Compliance.Web.Infrastructure;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Web.Jobs;

/// <summary>
/// Hangfire in the web app. Its storage follows the database: with PostgreSQL, its own schema in the app's database,
/// shared by every instance (each run happens on one of them, and a run held by an instance that stopped answering
/// is taken over); with SQLite, one instance, in memory. Either way what a job did is in the app's own tables, and
/// at start the app finds again what the in-memory storage forgot: see docs/decisions/0013.
/// </summary>
public static class JobsSetup
{
    public const string SchemaName = "hangfire";
    public const string DashboardPath = "/admin/jobs/dashboard";

    public static void AddBackgroundJobs(this WebApplicationBuilder builder, DatabaseTarget target)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection("Compliance:Jobs");
        var options = section.Get<JobOptions>() ?? new JobOptions();
        services.Configure<JobOptions>(section);
        // Read now, so a mistyped schedule stops the app at start with a message.
        var schedules = Schedules(options);

        // The storage is the app's own, never the process-wide default: tests host several apps in one process.
        services.AddSingleton<JobStorage>(provider =>
        {
            // Hangfire's process-wide settings (its log goes to this app's log) before anything of it starts.
            provider.GetRequiredService<IGlobalConfiguration>();
            if (target.Provider != DatabaseProvider.PostgreSQL) return new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Guid });
            var storageOptions = StorageOptions(options);
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(target.ConnectionString, storageOptions), storageOptions);
        });
        // Jobs are made from this app's container. Hangfire's default is the process-wide activator, which names
        // whichever app configured it last (tests host several apps in one process, one after another).
        services.AddSingleton<JobActivator>(provider => new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, c) => c
            .UseLogProvider(new HangfireLog(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddSingleton<JobLocks>();
        services.AddSingleton<JobRunner>();
        services.AddScoped<ScheduledJobs>();
        services.AddSingleton<BackgroundJobs>();
        services.AddSingleton(schedules);
        // Registered before the server, so the schedule is in place (and anything to find again is queued) first.
        services.AddHostedService<JobScheduleStart>();
        if (options.Run)
        {
            services.AddHangfireServer((_, o) =>
            {
                o.ServerName = JobRunner.Instance;
                o.WorkerCount = 2;
                o.SchedulePollingInterval = options.PollEvery < options.MailDispatchEvery ? options.PollEvery : options.MailDispatchEvery;
                // Stopping waits for a run in progress, as long as a host allows.
                o.ShutdownTimeout = TimeSpan.FromSeconds(25);
            });
        }
    }

    private static PostgreSqlStorageOptions StorageOptions(JobOptions options) => new()
    {
        SchemaName = SchemaName,
        // Installed once at start, before any instance runs jobs (DatabaseStartup), never by each instance racing.
        PrepareSchemaIfNecessary = false,
        QueuePollInterval = options.PollEvery,
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = options.TakeOverAfter,
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
    };

    public static JobSchedules Schedules(JobOptions options) => new(
        JobSchedule.Parse("Compliance:Jobs:ReminderSweepSchedule", options.ReminderSweepSchedule),
        JobSchedule.Every("Compliance:Jobs:MailDispatchEvery", options.MailDispatchEvery),
        JobSchedule.Parse("Compliance:Jobs:CasePurgeSchedule", options.CasePurgeSchedule));

    /// <summary>
    /// Hangfire's tables in their own schema, made or brought up to date once, by whichever instance starts first;
    /// the others wait on the same lock and find nothing to do.
    /// </summary>
    public static async Task InstallStorageSchemaAsync(DatabaseTarget target, CancellationToken ct)
    {
        if (target.Provider != DatabaseProvider.PostgreSQL) return;
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", InstallLock);
            await take.ExecuteNonQueryAsync(ct);
        }
        PostgreSqlObjectsInstaller.Install(connection, SchemaName);
        // Closing the connection releases the lock.
    }

    private const long InstallLock = 0x48414E4746495245; // "HANGFIRE"

    private static int _accessibilityAdded;

    /// <summary>
    /// The dashboard's figures are read by a post from its own script; asked for with any other method, Hangfire fails
    /// reading a form that is not there. That answers 405, after the dashboard's own authorisation has run.
    /// </summary>
    public static void UseJobsDashboardMethods(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(DashboardPath + "/stats", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "POST";
            return;
        }
        await next();
    });

    /// <summary>The dashboard, for administrators who signed in with their second factor; anyone else gets the app's own 403 or sign-in.</summary>
    public static void MapJobsDashboard(this WebApplication app)
    {
        // Hangfire's routes are process-wide: what makes its pages readable (contrast, labelled checkboxes) is added once.
        if (Interlocked.Exchange(ref _accessibilityAdded, 1) == 0)
        {
            Hangfire.Dashboard.DashboardRoutes.AddStylesheet(typeof(JobsSetup).Assembly, "Compliance.Web.Jobs.dashboard.css");
            Hangfire.Dashboard.DashboardRoutes.AddJavaScript(typeof(JobsSetup).Assembly, "Compliance.Web.Jobs.dashboard.js");
        }
        app.MapHangfireDashboardWithAuthorizationPolicy(AccessPolicies.JobsDashboard, DashboardPath, new DashboardOptions
        {
            // The policy decides; Hangfire's own default filter (local requests only) would refuse everyone behind a proxy.
            Authorization = [],
            AppPath = "/admin/jobs",
            DashboardTitle = "Background jobs",
            // The light theme only: its contrast is the one checked.
            DarkModeEnabled = false,
            DisplayStorageConnectionString = false,
            // Its buttons post with the app's anti-forgery token; a post without it is refused.
            IgnoreAntiforgeryToken = false,
        }, app.Services.GetRequiredService<JobStorage>());
    }
}

public sealed record JobSchedules(JobSchedule ReminderSweep, JobSchedule MailDispatch, JobSchedule CasePurge)
{
    public JobSchedule For(string job) => job switch
    {
        JobNames.ReminderSweep => ReminderSweep,
        JobNames.MailDispatch => MailDispatch,
        JobNames.CasePurge => CasePurge,
        _ => throw new ArgumentOutOfRangeException(nameof(job)),
    };
}

/// <summary>
/// At start: puts each recurring job in the schedule (in UK time), and, where the storage is in memory, finds again
/// what it forgot when the process ended: a run left unfinished is run again, and a daily job whose time passed
/// while the app was down runs once now.
/// </summary>
public sealed class JobScheduleStart(IRecurringJobManager recurring, IBackgroundJobClient client, JobStorage storage, JobSchedules schedules,
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<JobScheduleStart> logger) : IHostedService
{
    private void Schedule()
    {
        var uk = new RecurringJobOptions { TimeZone = Core.UkCalendar.Zone, MisfireHandling = MisfireHandlingMode.Relaxed };
        recurring.AddOrUpdate<ScheduledJobs>(JobNames.ReminderSweep, j => j.SweepAsync(false, CancellationToken.None), schedules.ReminderSweep.Cron, uk);
        recurring.AddOrUpdate<ScheduledJobs>(JobNames.MailDispatch, j => j.SendMailAsync(false, CancellationToken.None), schedules.MailDispatch.Cron, uk);
        recurring.AddOrUpdate<ScheduledJobs>(JobNames.CasePurge, j => j.PurgeAsync(false, CancellationToken.None), schedules.CasePurge.Cron, uk);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // In memory, nothing else holds a lock: the schedule is put in at once. On PostgreSQL an instance killed while it
        // held a recurring job's lock leaves it held until the lock times out (a minute), and putting the schedule in
        // waits for it; the schedule stored before still stands, so it is put in again beside the app, which serves now.
        if (storage is InMemoryStorage) Schedule();
        else _ = Task.Run(ScheduleWhenFreeAsync, CancellationToken.None);
        if (!options.Value.Run) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
        // A pack asked for but not made (the app stopped) is made now, whatever the job storage remembers; one this
        // app was making when it stopped is still claimed, so it is looked at again once the claim has lapsed.
        if (await db.EvidencePacks.AnyAsync(p => p.Status == Core.EvidencePacks.PackStatus.Queued || p.Status == Core.EvidencePacks.PackStatus.Generating, cancellationToken))
        {
            ScheduledJobs.Start(client, JobNames.EvidencePacks, asked: false, lookAgainAfter: Core.EvidencePacks.EvidencePack.ClaimLapsesAfter + TimeSpan.FromSeconds(30));
        }
        if (storage is not InMemoryStorage) return;

        var now = clock.GetUtcNow();
        foreach (var job in new[] { JobNames.ReminderSweep, JobNames.CasePurge, JobNames.MailDispatch })
        {
            var runs = db.JobRuns.AsNoTracking().Where(r => r.Job == job);
            var unfinished = await runs.AnyAsync(r => r.Outcome == JobOutcome.Running, cancellationToken);
            // Only a job that has run here before: a new installation starts on the schedule, not with a catch-up.
            var lastStart = await runs.MaxAsync(r => (DateTime?)r.StartedAtUtc, cancellationToken);
            var due = job != JobNames.MailDispatch && lastStart is { } last && schedules.For(job).LastDueAtOrBefore(now) is { } dueAt && last < dueAt.UtcDateTime;
            if (!unfinished && !due) continue;
            logger.LogInformation("Job {Job} runs now: {Reason}", job, unfinished ? "a run was cut short when the app stopped" : "its time passed while the app was stopped");
            ScheduledJobs.Start(client, job, asked: false);
        }
    }

    private async Task ScheduleWhenFreeAsync()
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            try
            {
                Schedule();
                if (attempt > 1) logger.LogInformation("The recurring jobs' schedule is up to date again.");
                return;
            }
            catch (Exception e) when (e is Hangfire.PostgreSql.PostgreSqlDistributedLockException or Hangfire.Storage.DistributedLockTimeoutException)
            {
                if (attempt == 1) logger.LogWarning("A recurring job's lock is still held by an instance that stopped; the schedule will be updated once it expires.");
            }
            catch (Exception e)
            {
                if (attempt == 1) logger.LogError("The recurring jobs' schedule could not be updated ({Reason}); the schedule stored before stands, and it is tried again.", e.GetType().Name);
            }
            await Task.Delay(TimeSpan.FromSeconds(15));
        }
        logger.LogError("The recurring jobs' schedule could not be updated: a lock stayed held.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Hangfire's log lines, into the app's log. Hangfire keeps one log provider for the whole process; this one follows
/// the app that set it last and stays quiet, rather than failing, once that app has stopped (tests start and stop
/// many apps in one process; a production process has one).
/// </summary>
public sealed class HangfireLog(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    public Hangfire.Logging.ILog GetLogger(string name) => new Forwarder(factory, name);

    private sealed class Forwarder(ILoggerFactory factory, string name) : Hangfire.Logging.ILog
    {
        private ILogger? _logger;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = logLevel switch
            {
                Hangfire.Logging.LogLevel.Trace => LogLevel.Trace,
                Hangfire.Logging.LogLevel.Debug => LogLevel.Debug,
                Hangfire.Logging.LogLevel.Info => LogLevel.Information,
                Hangfire.Logging.LogLevel.Warn => LogLevel.Warning,
                Hangfire.Logging.LogLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            try
            {
                _logger ??= factory.CreateLogger(name);
                if (messageFunc is null) return _logger.IsEnabled(level);
                if (_logger.IsEnabled(level)) _logger.Log(level, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
