using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Compliance.Core.Cases;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// Counts wrong reference-and-key tries at follow-up. Kept in memory only: a client is known by a keyed hash
/// of its address (the key is random and lives as long as the process), never by the address itself, and
/// nothing is written anywhere. After too many failures in an hour from one client, every try from it is
/// refused, even one with the right key. Failures from everyone together never refuse anybody (that would let
/// anyone lock every reporter out): past a threshold in a minute, every try waits a little longer, so a guesser
/// spread over many addresses is slowed while a reporter with the right key still gets in.
/// </summary>
public sealed class FollowUpGuard(IOptions<CaseOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan ClientWindow = TimeSpan.FromHours(1);
    private static readonly TimeSpan OverallWindow = TimeSpan.FromMinutes(1);
    private readonly byte[] salt = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> byClient = new();
    private readonly Queue<DateTimeOffset> overall = new();

    /// <summary>How much longer each try waits for every wrong try past the threshold, and the most it waits.</summary>
    public static readonly TimeSpan BrakeStep = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxBrake = TimeSpan.FromSeconds(5);

    public enum Verdict { Allowed, ClientBlocked }

    /// <summary>How long every try waits now: nothing until wrong tries from everyone pass the threshold in a minute.</summary>
    public TimeSpan Brake()
    {
        var now = clock.GetUtcNow();
        int count;
        lock (overall)
        {
            Prune(overall, now - OverallWindow);
            count = overall.Count;
        }
        var over = count - options.Value.FollowUpFailuresOverallPerMinute + 1;
        return over <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(MaxBrake.Ticks, BrakeStep.Ticks * over));
    }

    public Verdict Check(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        if (byClient.TryGetValue(Client(address), out var failures))
        {
            lock (failures)
            {
                Prune(failures, now - ClientWindow);
                if (failures.Count >= options.Value.FollowUpFailuresPerClientPerHour) return Verdict.ClientBlocked;
            }
        }
        return Verdict.Allowed;
    }

    public void Failed(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        lock (overall) overall.Enqueue(now);
        var failures = byClient.GetOrAdd(Client(address), _ => new Queue<DateTimeOffset>());
        lock (failures) failures.Enqueue(now);
        if (byClient.Count > 10_000) Sweep(now);
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (client, failures) in byClient)
        {
            lock (failures)
            {
                Prune(failures, now - ClientWindow);
                if (failures.Count == 0) byClient.TryRemove(client, out _);
            }
        }
    }

    private static void Prune(Queue<DateTimeOffset> times, DateTimeOffset before)
    {
        while (times.Count > 0 && times.Peek() < before) times.Dequeue();
    }

    private string Client(IPAddress? address) =>
        Convert.ToBase64String(HMACSHA256.HashData(salt, ClientAddress.Bytes(address)));

    public const string Message = "There have been too many wrong tries from your connection. For your security, please wait an hour and try again.";
}

/// <summary>
/// The reporting and case pages: nothing cached on the reporting pages (no referrer is sent by every page already),
/// and the files of a post kept in memory, never buffered to the temporary folder, where a report's attachment would
/// lie unencrypted and the folder's times would say when it was sent.
/// </summary>
public static class ReportChannel
{
    /// <summary>Five files of 10 MB and the words around them: a post to these pages is refused past this.</summary>
    public const long MaxRequestBytes = 56L * 1024 * 1024;

    public static IApplicationBuilder UseReportChannel(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var reporting = context.Request.Path.StartsWithSegments("/report");
        if (reporting)
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.Pragma = "no-cache";
                return Task.CompletedTask;
            });
        }
        var verifying = context.Request.Path.StartsWithSegments("/verify");
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.ContentLength is { } length
            && length > (verifying ? Pages.VerifyModel.MaxRequestBytes : reporting || context.Request.Path.StartsWithSegments("/cases") ? MaxRequestBytes : long.MaxValue))
        {
            // Refused before a byte of it is read, in words (the error page), rather than as a form that has expired.
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        if ((reporting || context.Request.Path.StartsWithSegments("/cases")) && HttpMethods.IsPost(context.Request.Method))
        {
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxRequestBytes;
            // The body is bounded above, so holding each file section in memory is bounded too.
            context.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(context.Request, new Microsoft.AspNetCore.Http.Features.FormOptions
            {
                MemoryBufferThreshold = int.MaxValue,
                MultipartBodyLengthLimit = MaxRequestBytes,
            }));
        }
        await next();
    });

    /// <summary>The bytes of the files that will be taken (within the count, the size and the kinds allowed): what an upload budget is charged.</summary>
    public static long AcceptedBytes(IReadOnlyCollection<IncomingFile> files, CaseOptions options) =>
        Attachments.Check(files, options.MaxFilesPerSubmission, options.MaxFileBytes).Taken.Sum(t => (long)t.File.Bytes.Length);

    /// <summary>The files of a form, each read up to one byte past the limit (enough to refuse it as too large).</summary>
    public static async Task<List<IncomingFile>> ReadFilesAsync(IFormFileCollection files, long maxBytes, CancellationToken ct)
    {
        var read = new List<IncomingFile>();
        // An empty file input still sends a part, with no name and no bytes.
        foreach (var file in files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)))
        {
            await using var stream = file.OpenReadStream();
            var buffer = new byte[Math.Min(file.Length, maxBytes + 1)];
            await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            read.Add(new IncomingFile(file.FileName, buffer));
        }
        return read;
    }
}
