using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Reminders;

public sealed record SweepResult(DateOnly Day, int Due, int Queued, int AlreadyGiven)
{
    public string Summary => $"{Due:N0} due on {ReminderText.Date(Day)}; {Queued:N0} given now, {AlreadyGiven:N0} given before.";
}

/// <summary>
/// The daily reminder sweep: asks every <see cref="IReminderSource"/> what is due on the UK day of the given
/// instant, then, batch by batch, claims each reminder's delivery record and queues its email and notification in
/// one transaction. The claim is an insert on a unique key that skips existing rows, so however many sweeps run at
/// once, on however many instances, and however often one is cut short and run again, each reminder is queued once.
/// </summary>
public sealed class ReminderSweep(
    IEnumerable<IReminderSource> sources,
    ReminderQueue queue,
    IOptions<ReminderOptions> options,
    ILogger<ReminderSweep> logger)
{
    public async Task<SweepResult> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(UkCalendar.ToUk(now.UtcDateTime));
        var due = new List<DueReminder>();
        foreach (var source in sources)
        {
            var found = await source.DueAsync(today, ct);
            logger.LogInformation("Reminder source {Source}: {Count} due on {Day}", source.Name, found.Count, today);
            due.AddRange(found);
        }
        due = [.. due.DistinctBy(r => r.Key)];
        var people = await queue.RecipientsAsync(due, ct);
        due = [.. due.Where(r => people.ContainsKey(r.RecipientId))];

        var queued = 0;
        var batches = due.Chunk(Math.Max(1, options.Value.BatchSize)).ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            queued += await queue.ClaimAndQueueAsync(batches[i], people, now.UtcDateTime, ct);
            if (i < batches.Count - 1 && options.Value.PauseBetweenBatches > TimeSpan.Zero) await Task.Delay(options.Value.PauseBetweenBatches, ct);
        }
        var result = new SweepResult(today, due.Count, queued, due.Count - queued);
        logger.LogInformation("Reminder sweep: {Summary}", result.Summary);
        return result;
    }

}
