using Compliance.Core;
using Compliance.Core.Mail;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Cases;

/// <summary>docs/cases.md promises that only the date of a report is kept: nothing on disk or in the records says the time.</summary>
public sealed class SubmissionTimeTests(CaseApp app) : IClassFixture<CaseApp>
{
    [Fact]
    public async Task A_report_with_a_file_writes_nothing_to_disk_and_its_records_carry_the_day_not_the_time()
    {
        var reporter = app.NewClient();
        await reporter.GetPageAsync("/report"); // the key ring exists before the report is sent
        // And in an earlier second than the one the submission starts in: a file written in the same second as
        // `sentAt` counts as written by the submission.
        await Task.Delay(1100);
        var before = await ChangeTimesAsync();
        var sentAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await Task.Delay(1100); // file times are read to the second below
        // Larger than the 64 KB a form file is held in memory by default: the framework would buffer it to a file.
        var (reference, _, _) = await app.ReportAsync(app.ReportFields("Timing canary"), [("note.txt", LargeFile)], reporter);
        // The alert to the handlers goes through the mail sender; with no mail server it is dropped, not saved as a file.
        await app.WithServiceAsync<MailDispatcher, DispatchResult>(d => d.RunAsync(CancellationToken.None));

        // No file or folder in the data directory was written or changed by the submission (`stat` would show its time).
        var after = await ChangeTimesAsync();
        var touched = after.Where(a => !before.TryGetValue(a.Key, out var t) || t != a.Value || a.Value >= sentAt).Select(a => a.Key).ToList();
        (touched.Count == 0).Should().BeTrue("Written by the submission: " + string.Join(", ", touched));

        var id = await app.CaseIdAsync(reference);
        var midnight = UkCalendar.StartOfDayUtc(UkCalendar.Today(TimeProvider.System));
        await using var db = app.NewDbContext();
        // The three handlers were each told (in the app and by a claimed reminder): lists that could be empty prove nothing.
        app.Logs.Should().NotContain(l => l.Contains("could not be told"));
        var notified = await db.Notifications.Where(n => n.Subject == id.ToString()).Select(n => n.CreatedAtUtc).ToListAsync();
        notified.Should().HaveCount(3).And.AllSatisfy(t => t.Should().Be(midnight));
        var claimed = await db.ReminderDeliveries.Where(d => d.Subject == id.ToString()).Select(d => d.ClaimedAtUtc).ToListAsync();
        claimed.Should().HaveCount(3).And.AllSatisfy(t => t.Should().Be(midnight));
        (await db.OutboxMessages.AnyAsync(m => m.SubjectKey == id.ToString())).Should().BeFalse();
        (await db.JobRuns.AnyAsync()).Should().BeFalse();
        (await db.AuditEntries.AnyAsync(a => a.EntityId == id.ToString())).Should().BeFalse();
    }

    /// <summary>A 300 KB attachment carrying a canary at its start.</summary>
    public static readonly byte[] LargeFile = [.. "TEMP-CANARY "u8.ToArray(), .. Enumerable.Repeat((byte)'x', 300 * 1024)];

    /// <summary>Each file and folder under the data directory, with its status-change time (seconds), as `stat -c %Z` gives it.</summary>
    private async Task<Dictionary<string, long>> ChangeTimesAsync()
    {
        var (_, output, _) = await Tool.RunAsync("find", app.DataDirectory, "-printf", "%C@ %p\n");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', 2))
            .ToDictionary(p => p[1], p => (long)double.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture));
    }
}
