using System.Runtime.CompilerServices;
using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Mail;

/// <summary>Hands one message to the mail server, or writes it to the outbox folder when none is set.</summary>
public interface IMailTransport
{
    /// <returns>The .eml file's name when the message was written to the outbox folder; null when it was sent.</returns>
    /// <exception cref="MailDeliveryException">The server refused or could not be reached.</exception>
    Task<string?> DeliverAsync(OutboxMessage message, MailSettings? settings, CancellationToken ct);
}

public sealed class MailDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <param name="AboutReporters">How many of the messages handled were about what a reporter did: a run of only those gets no timed record.</param>
public sealed record DispatchResult(int Delivered, int Failed, int AboutReporters = 0)
{
    public string Summary => $"{Delivered:N0} delivered, {Failed:N0} failed.";
}

/// <summary>
/// Sends what is queued: claims a batch (skipping rows another sender holds), commits the claim, delivers each
/// message, and records the outcome. A message whose sender died mid-way is claimed again once its claim lapses.
/// </summary>
public sealed class MailDispatcher(ComplianceDbContext db, IMailTransport transport, TimeProvider clock, IOptions<MailOptions> options, ILogger<MailDispatcher> logger)
{
    public async Task<DispatchResult> RunAsync(CancellationToken ct)
    {
        var settings = await db.MailSettings.AsNoTracking().CurrentAsync(ct);
        int delivered = 0, failed = 0, aboutReporters = 0;
        while (!ct.IsCancellationRequested)
        {
            var batch = await ClaimAsync(ct);
            if (batch.Count == 0) break;
            foreach (var message in batch)
            {
                // Without a server, messages about what a reporter did are dropped rather than saved as .eml files in
                // the outbox folder: such a file (its name, its times) would say when a report arrived. A reporter's
                // address never goes there either. Handlers still have the notification in the app.
                if (message.ForgottenOnceDone) aboutReporters++;
                if (message.ForgottenOnceDone && settings is not { IsConfigured: true })
                {
                    db.OutboxMessages.Remove(message);
                    failed++;
                }
                else if (await DeliverAsync(message, settings, ct) is null) delivered++;
                else failed++;
                if (message.DeletedOnceDone && message.Status is MessageStatus.Sent or MessageStatus.GaveUp or MessageStatus.SavedToFolder) db.OutboxMessages.Remove(message);
                await db.SaveChangesAsync(CancellationToken.None);
            }
            db.ChangeTracker.Clear();
        }
        return new DispatchResult(delivered, failed, aboutReporters);
    }

    /// <summary>
    /// One attempt at a claimed message, its outcome recorded on it (saved by the caller): delivered, or failed and
    /// due again after the back-off (the configured one unless given). Returns null when delivered, otherwise why not.
    /// </summary>
    public async Task<string?> DeliverAsync(OutboxMessage message, MailSettings? settings, CancellationToken ct, IReadOnlyList<TimeSpan>? backOff = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            var file = await transport.DeliverAsync(message, settings is { IsConfigured: true } ? settings : null, ct);
            message.Delivered(clock.GetUtcNow().UtcDateTime, file);
            return null;
        }
        catch (MailDeliveryException e)
        {
            message.AttemptFailed(e.Message, now, backOff ?? options.Value.BackOff);
            // A failed alert about a report is not logged: the log line's time would say when the report came.
            if (!message.ForgottenOnceDone) logger.LogWarning("Message {MessageId} not delivered (attempt {Attempt}): {Reason}", message.Id, message.Attempts, e.Message);
            return e.Message;
        }
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + options.Value.ClaimFor;
        // One statement: the claim is committed before anything is sent.
        var claimable = db.Dialect.SkippingClaimed($"""
                SELECT id FROM outbox_messages
                WHERE (status = {(int)MessageStatus.Queued} AND next_attempt_at_utc <= {now})
                   OR (status = {(int)MessageStatus.Sending} AND claimed_until_utc < {now})
                ORDER BY next_attempt_at_utc
                LIMIT {options.Value.BatchSize}
            """);
        var ids = await db.Database.SqlQuery<Guid>(FormattableStringFactory.Create($$"""
            UPDATE outbox_messages SET status = {{{claimable.ArgumentCount}}}, claimed_until_utc = {{{claimable.ArgumentCount + 1}}}, attempts = attempts + 1
            WHERE id IN ({{claimable.Format}})
            RETURNING id AS "Value"
            """, [.. claimable.GetArguments(), (int)MessageStatus.Sending, until])).ToListAsync(ct);
        if (ids.Count == 0) return [];
        return await db.OutboxMessages.Where(m => ids.Contains(m.Id)).OrderBy(m => m.NextAttemptAtUtc).ToListAsync(ct);
    }
}
