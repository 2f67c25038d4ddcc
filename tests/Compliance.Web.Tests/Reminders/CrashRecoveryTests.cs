using Compliance.Core;
using Compliance.Web.Jobs;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Reminders;

/// <summary>Its own database: real app processes join it, and the test kills one of them.</summary>
public sealed class CrashRecoveryApp : ReminderApp;

public sealed class CrashRecoveryTests(CrashRecoveryApp app) : IClassFixture<CrashRecoveryApp>
{
    private const int Reminders = 30;

    [Fact]
    public async Task An_instance_killed_mid_sweep_and_restarted_sends_every_due_reminder_once_and_none_twice()
    {
        await app.UseMailServerAsync(app.Smtp.Port);
        var today = UkCalendar.Today(TimeProvider.System);
        var assessment = await app.AssessmentDueAsync("Crash test site", today.AddMonths(6));
        var actions = new List<string>();
        for (var i = 0; i < Reminders; i++) actions.Add((await app.ActionDueAsync(assessment, $"Crash-test action {i:00}", today.AddDays(-3))).ToString());

        if (TestDatabase.Provider == Core.Data.DatabaseProvider.Sqlite)
        {
            // One instance on a file, its jobs kept in memory: the app finds at start that the sweep last ran days ago,
            // before today's 07:00, and runs it now.
            var earlier = new Core.Jobs.JobRun(JobNames.ReminderSweep, "earlier", false, DateTime.UtcNow.AddDays(-3));
            earlier.Finish(true, "An earlier day's sweep", DateTime.UtcNow.AddDays(-3));
            await using var before = app.NewDbContext();
            before.JobRuns.Add(earlier);
            await before.SaveChangesAsync();
        }
        var first = await StartAsync(app);
        try
        {
            if (TestDatabase.Provider == Core.Data.DatabaseProvider.PostgreSQL)
            {
                // Ask for a sweep from this instance, which runs no jobs: the running instance takes it from the shared storage.
                await app.WithServiceAsync<BackgroundJobs, bool>(async j => { await j.RunNowAsync(JobNames.ReminderSweep, CancellationToken.None); return true; });
            }
            var claimed = await Poll.UntilAsync("the running instance to claim a reminder", () => ClaimedAsync(actions), c => c > 0, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50));
            (claimed is > 0 and < Reminders).Should().BeTrue($"The sweep should be part-way when the instance is killed; {claimed} of {Reminders} were claimed.\n{first.Output}");
        }
        finally
        {
            first.Kill();
        }
        var claimedAtKill = await ClaimedAsync(actions);
        claimedAtKill.Should().BeInRange(1, Reminders - 1);

        await using var second = await StartAsync(app);
        var received = await WaitForActionsAsync(Reminders, TimeSpan.FromSeconds(90));
        (received.Count == Reminders).Should().BeTrue($"{received.Count} of {Reminders} arrived.\n{second.Output}");
        // Give any duplicate time to arrive: the sender runs every two seconds.
        await Task.Delay(TimeSpan.FromSeconds(6));
        received = await WaitForActionsAsync(Reminders, TimeSpan.Zero);
        // Each reminder was queued once: 30 messages, each about a different action. A message the killed instance
        // had handed to the mail server in the instant before marking it sent is sent again, by design, with the
        // same Message-ID (mail programs show it once); no reminder ever goes out as a second message.
        var messages = app.Smtp.Messages().Where(m => m.Contains("Crash-test action")).ToList();
        var byMessageId = messages.GroupBy(m => System.Text.RegularExpressions.Regex.Match(m, @"^Message-ID:\s*(\S+)", System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.IgnoreCase).Groups[1].Value).ToList();
        byMessageId.Should().NotContain(g => g.Key.Length == 0);
        byMessageId.Count.Should().Be(Reminders);
        byMessageId.Select(g => System.Text.RegularExpressions.Regex.Match(g.First(), "Crash-test action \\d+").Value).Distinct().Count().Should().Be(Reminders);
        (received.Count <= Reminders + 1).Should().BeTrue($"{received.Count - Reminders} messages were sent again (at most the one in flight when the instance was killed).");
        (await ClaimedAsync(actions)).Should().Be(Reminders);

        // The Jobs page's record says what happened: one run stopped with its instance, one run again elsewhere.
        await using var db = app.NewDbContext();
        var runs = await db.JobRuns.AsNoTracking().Where(r => r.Job == JobNames.ReminderSweep).ToListAsync();
        runs.Should().Contain(r => r.Summary != null && r.Summary.StartsWith("Stopped: the instance running it ended"));
        runs.Should().Contain(r => r.Outcome == Core.Jobs.JobOutcome.Succeeded && r.Summary!.StartsWith("Run again after an instance stopped"));
    }

    private async Task<int> ClaimedAsync(List<string> subjects)
    {
        await using var db = app.NewDbContext();
        return await db.ReminderDeliveries.CountAsync(d => subjects.Contains(d.Subject));
    }

    /// <summary>The action lines of the crash-test messages received, one per message.</summary>
    private async Task<List<string>> WaitForActionsAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = app.Smtp.Messages().Select(m => System.Text.RegularExpressions.Regex.Match(m, "Crash-test action \\d+").Value).Where(v => v.Length > 0).ToList();
            if (found.Count >= count || DateTime.UtcNow >= until) return found;
            await Task.Delay(200);
        }
    }

    /// <summary>The real app as its own process on the test's database, jobs running.</summary>
    private static Task<AppProcess> StartAsync(ReminderApp app) => AppProcess.StartAsync(app.ConnectionString, app.DataDirectory, new Dictionary<string, string>
    {
        // Small batches with a pause, so the sweep is still running when the test kills it.
        ["Compliance__Reminders__BatchSize"] = "3",
        ["Compliance__Reminders__PauseBetweenBatches"] = "00:00:00.400",
        // With PostgreSQL, the run the killed instance held is taken over once it has been silent this long.
        ["Compliance__Jobs__TakeOverAfter"] = "00:00:05",
        ["Compliance__Jobs__PollEvery"] = "00:00:01",
        ["Compliance__Jobs__MailDispatchEvery"] = "00:00:02",
        ["Compliance__Mail__ClaimFor"] = "00:00:05",
    });
}
