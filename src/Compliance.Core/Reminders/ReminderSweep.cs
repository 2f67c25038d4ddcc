using Compliance.Core.Data;
using Compliance.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

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
    ComplianceDbContext db,
    IEnumerable<IReminderSource> sources,
    EmailTemplates templates,
    IOptions<ReminderOptions> options,
    IOptions<MailOptions> mail,
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
        var ids = due.Select(r => r.RecipientId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.DisabledAtUtc == null)
            .Select(u => new Recipient(u.Id, u.Email, u.DisplayName)).ToDictionaryAsync(u => u.Id, ct);
        due = [.. due.Where(r => people.ContainsKey(r.RecipientId))];

        var queued = 0;
        var batches = due.Chunk(Math.Max(1, options.Value.BatchSize)).ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            queued += await ClaimAndQueueAsync(batches[i], people, now.UtcDateTime, ct);
            if (i < batches.Count - 1 && options.Value.PauseBetweenBatches > TimeSpan.Zero) await Task.Delay(options.Value.PauseBetweenBatches, ct);
        }
        var result = new SweepResult(today, due.Count, queued, due.Count - queued);
        logger.LogInformation("Reminder sweep: {Summary}", result.Summary);
        return result;
    }

    private async Task<int> ClaimAndQueueAsync(DueReminder[] batch, Dictionary<Guid, Recipient> people, DateTime nowUtc, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var messageIds = batch.Select(r => people[r.RecipientId].Email is null ? (Guid?)null : Guid.NewGuid()).ToArray();
        var claimed = await ClaimAsync(tx, batch, messageIds, nowUtc, ct);
        for (var i = 0; i < batch.Length; i++)
        {
            var r = batch[i];
            if (!claimed.Contains(r.Key)) continue;
            var person = people[r.RecipientId];
            db.Notifications.Add(new Notification(person.Id, r.Kind, r.Subject, r.Title, r.Path, nowUtc));
            if (messageIds[i] is { } id)
            {
                var email = templates.Render(r.Email, person.Name, mail.Value.Link(r.Path));
                db.OutboxMessages.Add(new OutboxMessage(person.Email!, person.Name, email, r.Kind, r.Subject, nowUtc, id));
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return claimed.Count;
    }

    /// <summary>Inserts the batch's delivery records, skipping any already there; returns the keys this call inserted.</summary>
    private async Task<HashSet<(Guid, string, string, DateOnly)>> ClaimAsync(IDbContextTransaction tx, DueReminder[] batch, Guid?[] messageIds, DateTime nowUtc, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO reminder_deliveries (id, recipient_id, kind, subject, due_on, message_id, claimed_at_utc)
            SELECT gen_random_uuid(), r, k, s, d, m, @now
            FROM unnest(@recipients, @kinds, @subjects, @dues, @messages) AS t(r, k, s, d, m)
            ON CONFLICT (recipient_id, kind, subject, due_on) DO NOTHING
            RETURNING recipient_id, kind, subject, due_on
            """, connection, (NpgsqlTransaction)tx.GetDbTransaction());
        command.Parameters.AddWithValue("now", nowUtc);
        command.Parameters.AddWithValue("recipients", batch.Select(r => r.RecipientId).ToArray());
        command.Parameters.AddWithValue("kinds", batch.Select(r => r.Kind).ToArray());
        command.Parameters.AddWithValue("subjects", batch.Select(r => r.Subject).ToArray());
        command.Parameters.AddWithValue("dues", batch.Select(r => r.DueOn).ToArray());
        command.Parameters.AddWithValue("messages", messageIds);
        var claimed = new HashSet<(Guid, string, string, DateOnly)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3)));
        }
        return claimed;
    }

    private sealed record Recipient(Guid Id, string? Email, string Name);
}
