using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Compliance.Core.Cases;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// Limits on the public reporting page: reports per client and from everyone in an hour, and bytes of files from
/// everyone in an hour. Kept in memory only, with clients known by a keyed hash of their address, like the
/// follow-up count. Refusals are counted (per instance, in memory) for the handlers' queue, so a flood is seen.
/// </summary>
public sealed class ReportGuard(IOptions<CaseOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private readonly byte[] salt = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> byClient = new();
    private readonly Queue<DateTimeOffset> overall = new();
    private readonly Queue<UploadCharge> uploads = new();
    private readonly ConcurrentDictionary<string, Queue<UploadCharge>> uploadsByClient = new();
    private readonly Queue<DateTimeOffset> refusals = new();

    public enum Verdict { Allowed, ClientLimit, OverallLimit }

    public const string ClientMessage = "Too many reports have been sent from your connection in the last hour, so this one has not been sent. "
        + "What you wrote is still below: keep a copy, and send it again in an hour, or use one of the other ways to report on this page.";

    public const string OverallMessage = "The reporting page is receiving too many reports right now, so this one has not been sent. "
        + "What you wrote is still below: keep a copy, and send it again later, or use one of the other ways to report on this page.";

    public const string UploadMessage = "The reporting page is receiving too many files right now, so this file was not sent. Your report was. "
        + "You can send the file later from the follow-up page.";

    /// <summary>The database had too many writes waiting to take this one in time (see SqliteWriteGate): nothing was saved.</summary>
    public const string BusyMessage = "Too many reports are arriving right now, so this one has not been sent yet. "
        + "Your words are kept on this page: wait a minute, then press the button to send it again. Any files need choosing again.";

    public const string ReplyBusyMessage = "Too many messages are arriving right now, so this one has not been sent yet. "
        + "Your words are kept on this page: wait a minute, then send it again. Any files need choosing again.";

    public const string ReplyUploadMessage = "The follow-up page is receiving too many files right now, so this file was not sent. Please send it again later.";

    /// <summary>Counts the report if it may be taken now; otherwise records the refusal.</summary>
    public Verdict TryTake(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var mine = byClient.GetOrAdd(Client(address), _ => new Queue<DateTimeOffset>());
        lock (overall)
        {
            Prune(overall, now);
            lock (mine)
            {
                Prune(mine, now);
                var verdict = mine.Count >= o.ReportsPerClientPerHour ? Verdict.ClientLimit
                    : overall.Count >= o.ReportsPerHour ? Verdict.OverallLimit : Verdict.Allowed;
                if (verdict == Verdict.Allowed)
                {
                    mine.Enqueue(now);
                    overall.Enqueue(now);
                }
                else
                {
                    lock (refusals) refusals.Enqueue(now);
                }
                if (byClient.Count > 10_000) Sweep(now);
                return verdict;
            }
        }
    }

    /// <summary>
    /// Gives back a report that <see cref="TryTake"/> counted but that was not taken after all (the page was too busy,
    /// or the reporter left while it waited): it no longer counts against the hour, for that client or for everyone.
    /// </summary>
    public void GiveBack(IPAddress? address)
    {
        lock (overall)
        {
            DropNewest(overall);
            if (byClient.TryGetValue(Client(address), out var mine))
            {
                lock (mine) DropNewest(mine);
            }
        }
    }

    private static void DropNewest(Queue<DateTimeOffset> times)
    {
        if (times.Count == 0) return;
        var kept = times.ToArray()[..^1];
        times.Clear();
        foreach (var t in kept) times.Enqueue(t);
    }

    /// <summary>Bytes of files charged to the hour's budgets; set to nothing when refunded.</summary>
    public sealed class UploadCharge(DateTimeOffset at, long bytes)
    {
        public DateTimeOffset At { get; } = at;
        public long Bytes { get; internal set; } = bytes;
    }

    /// <summary>
    /// Charges these bytes of files to the client's share and to everyone's budget for the hour, if they fit in both;
    /// null when they do not. Charge only the files that will be taken, and refund the charge when nothing is kept
    /// (a report refused for its fields, a reply with a wrong key), so one client cannot spend the budget for nothing.
    /// </summary>
    public UploadCharge? TryUpload(IPAddress? address, long bytes)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var mine = uploadsByClient.GetOrAdd(Client(address), _ => new Queue<UploadCharge>());
        lock (uploads)
        {
            Prune(uploads, now);
            Prune(mine, now);
            if (bytes > 0 && (mine.Sum(u => u.Bytes) + bytes > o.UploadBytesPerClientPerHour || uploads.Sum(u => u.Bytes) + bytes > o.UploadBytesPerHour)) return null;
            var charge = new UploadCharge(now, bytes);
            mine.Enqueue(charge);
            uploads.Enqueue(charge);
            if (uploadsByClient.Count > 10_000)
            {
                foreach (var (client, charges) in uploadsByClient)
                {
                    Prune(charges, now);
                    if (charges.Count == 0) uploadsByClient.TryRemove(client, out _);
                }
            }
            return charge;
        }
    }

    /// <summary>Gives back a charge whose files were not kept.</summary>
    public void Refund(UploadCharge? charge)
    {
        if (charge is null) return;
        lock (uploads) charge.Bytes = 0;
    }

    private static void Prune(Queue<UploadCharge> charges, DateTimeOffset now)
    {
        while (charges.Count > 0 && charges.Peek().At < now - Window) charges.Dequeue();
    }

    /// <summary>Reports refused by a limit in the last day, on this instance: shown on the handlers' queue.</summary>
    public int RefusedInLastDay()
    {
        var now = clock.GetUtcNow();
        lock (refusals)
        {
            while (refusals.Count > 0 && refusals.Peek() < now - TimeSpan.FromDays(1)) refusals.Dequeue();
            return refusals.Count;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (client, times) in byClient)
        {
            lock (times)
            {
                Prune(times, now);
                if (times.Count == 0) byClient.TryRemove(client, out _);
            }
        }
    }

    private static void Prune(Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        while (times.Count > 0 && times.Peek() < now - Window) times.Dequeue();
    }

    private string Client(IPAddress? address) => Convert.ToBase64String(HMACSHA256.HashData(salt, ClientAddress.Bytes(address)));
}
