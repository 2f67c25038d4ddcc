using Compliance.Core.Data;
using Compliance.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Reminders;

/// <summary>Someone a reminder can go to: an active account, with an email address when it has one.</summary>
public sealed record Recipient(Guid Id, string? Email, string Name);

/// <summary>
/// Gives reminders once: claims each one's delivery record and queues its email and notification in one
/// transaction. The claim is an insert on a unique key (recipient, kind, subject, due date) that skips existing
/// rows, so the daily sweep and an immediate alert about the same thing, on any instance, give it once.
/// </summary>
public sealed class ReminderQueue(ComplianceDbContext db, EmailTemplates templates, IOptions<MailOptions> mail)
{
    /// <summary>The size of batch from which messages are rendered on every core (the daily sweep's, not an alert's).</summary>
    public const int ParallelRenderingFrom = 64;

    /// <summary>The active accounts among the reminders' recipients; disabled ones are told nothing.</summary>
    public async Task<Dictionary<Guid, Recipient>> RecipientsAsync(IEnumerable<DueReminder> due, CancellationToken ct)
    {
        var ids = due.Select(r => r.RecipientId).Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.DisabledAtUtc == null)
            .Select(u => new Recipient(u.Id, u.Email, u.DisplayName)).ToDictionaryAsync(u => u.Id, ct);
    }

    /// <summary>Queues each reminder in the batch that no one has given yet; returns how many it queued.</summary>
    public async Task<int> ClaimAndQueueAsync(IReadOnlyList<DueReminder> batch, Dictionary<Guid, Recipient> people, DateTime nowUtc, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (await PrepareAsync(batch, people, ct) is not { } prepared) return 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await QueueAsync(prepared, nowUtc, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return claimed;
    }

    /// <summary>
    /// Leaves out those already given (by an earlier sweep, or an alert at the time) and renders the rest's emails, all
    /// before any transaction: on SQLite a write transaction holds the whole database, so the slow part (the
    /// templates) is done first. Null when there is nothing to give. Reads only.
    /// </summary>
    public async Task<PreparedReminders?> PrepareAsync(IReadOnlyList<DueReminder> batch, Dictionary<Guid, Recipient> people, CancellationToken ct)
    {
        batch = [.. batch.Where(r => people.ContainsKey(r.RecipientId))];
        if (batch.Count == 0) return null;
        var recipients = batch.Select(r => r.RecipientId).Distinct().ToList();
        var kinds = batch.Select(r => r.Kind).Distinct().ToList();
        var subjects = batch.Select(r => r.Subject).Distinct().ToList();
        var given = (await db.ReminderDeliveries.AsNoTracking()
                .Where(d => recipients.Contains(d.RecipientId) && kinds.Contains(d.Kind) && subjects.Contains(d.Subject))
                .Select(d => new { d.RecipientId, d.Kind, d.Subject, d.DueOn }).ToListAsync(ct))
            .Select(d => (d.RecipientId, d.Kind, d.Subject, d.DueOn)).ToHashSet();
        batch = [.. batch.Where(r => !given.Contains(r.Key))];
        if (batch.Count == 0) return null;
        var messageIds = batch.Select(r => people[r.RecipientId].Email is null ? (Guid?)null : RecordId.Undated()).ToArray();
        // Each message's own part once (a missed deadline goes to every handler), then each person's copy. A sweep's
        // large batch is rendered on every core; an alert's few messages on the request's own thread, because a
        // parallel query blocks its thread while it waits for others, and a burst of reports would starve the pool.
        var parallel = batch.Count >= ParallelRenderingFrom;
        var distinct = batch.Where((r, i) => messageIds[i] is not null).Select(r => r.Email).Distinct();
        var bodies = parallel ? distinct.AsParallel().ToDictionary(m => m, templates.RenderBody) : distinct.ToDictionary(m => m, templates.RenderBody);
        RenderedEmail? Email(DueReminder r, int i) => messageIds[i] is null ? null : templates.Wrap(r.Email, bodies[r.Email], people[r.RecipientId].Name, mail.Value.Link(r.Path));
        var emails = parallel ? batch.AsParallel().AsOrdered().Select(Email).ToArray() : batch.Select(Email).ToArray();
        return new PreparedReminders(batch, people, messageIds, emails);
    }

    /// <summary>
    /// Claims each prepared reminder's delivery and queues its email and notification, in the caller's transaction
    /// (which must be open). Any another instance gave since it was prepared are skipped. Returns how many it queued.
    /// </summary>
    public async Task<int> QueueAsync(PreparedReminders prepared, DateTime nowUtc, CancellationToken ct)
    {
        var (batch, people, messageIds, emails) = prepared;
        var claimed = await db.Dialect.InsertRemindersAsync(db, batch, messageIds, nowUtc, ct);
        var notifications = new List<Notification>();
        var messages = new List<OutboxMessage>();
        for (var i = 0; i < batch.Count; i++)
        {
            var r = batch[i];
            if (!claimed.Contains(r.Key)) continue;
            var person = people[r.RecipientId];
            notifications.Add(new Notification(person.Id, r.Kind, r.Subject, r.Title, r.Path, nowUtc));
            if (messageIds[i] is { } id) messages.Add(new OutboxMessage(person.Email!, person.Name, emails[i]!, r.Kind, r.Subject, nowUtc, id));
        }
        await db.Dialect.InsertNewAsync(db, notifications, ct);
        await db.Dialect.InsertNewAsync(db, messages, ct);
        return claimed.Count;
    }
}

/// <summary>Reminders ready to give: those not given yet, with their emails rendered (null for a person without an address).</summary>
public sealed record PreparedReminders(IReadOnlyList<DueReminder> Batch, Dictionary<Guid, Recipient> People, Guid?[] MessageIds, RenderedEmail?[] Emails);
