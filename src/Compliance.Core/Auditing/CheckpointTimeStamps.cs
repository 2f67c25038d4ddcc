using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;

namespace Compliance.Core.Auditing;

/// <summary>
/// The time-stamping authority (RFC 3161) that vouches for each checkpoint's time from outside the installation:
/// <c>Compliance:Audit:TimeStampAuthority</c> (its address; none by default) and how long to wait for it.
/// </summary>
public sealed class CheckpointTimeStampOptions
{
    public string Authority { get; set; } = "";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The authority's published certificate, or the certificate that issued it (a PEM file): a token counts as the
    /// authority's only if signed by it. Without one, a token is reported as not checked against the authority.
    /// </summary>
    public string AuthorityCertificate { get; set; } = "";
}

/// <summary>
/// How a time-stamp query reaches the authority and its reply comes back (over HTTP, in the web app): the reply's
/// bytes, or null when the authority was out of reach, too slow or refused (the transport says why in the log).
/// </summary>
public interface ITimeStampTransport
{
    Task<byte[]?> AskAsync(Uri authority, byte[] query, CancellationToken ct);
}

/// <summary>
/// What a checkpoint's time-stamp token says, or why it cannot be relied on. <paramref name="Trusted"/>: its signer
/// was checked against the authority's certificate named in the settings.
/// </summary>
public sealed record CheckpointTimeStamp(DateTime? StampedAtUtc, string? Authority, string? Problem, bool Trusted = false)
{
    public bool Holds => Problem is null;

    /// <summary>"by CN=... at 2026-12-07 18:00:00 UTC", saying whether the signer was checked against the named certificate.</summary>
    public string Described => $"by {Authority} at {StampedAtUtc:yyyy-MM-dd HH:mm:ss} UTC" + (Trusted ? "" : " (its certificate not checked: no authority certificate is named in the settings)");
}

/// <summary>
/// Sends each checkpoint to a time-stamping authority and keeps its signed answer (a token) beside the checkpoint
/// as <c>anchor/checkpoints/NAME.tsr</c>. A checkpoint alone is signed with the installation's own key, so whoever
/// holds that key could write one for any time; a token signed by an authority outside shows the checkpoint
/// existed by then. The token covers the SHA-256 of the checkpoint's signed statement (its <c>Signed</c> text), so
/// it can be checked without the app: <c>openssl ts -verify -data</c> the statement <c>-in</c> the token. An
/// authority out of reach never stops a checkpoint: the token is asked for again on the next round.
/// </summary>
public sealed class CheckpointTimeStamps(IOptions<CheckpointTimeStampOptions> options, AuditAnchor anchor, ITimeStampTransport transport, ILogger<CheckpointTimeStamps>? logger = null)
{
    public const string TokenExtension = ".tsr";

    public Uri? Authority => Uri.TryCreate(options.Value.Authority, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    /// <summary>The token kept beside a checkpoint file, by its name.</summary>
    public static string TokenFile(string checkpointsFolder, string checkpointFile) =>
        Path.Combine(checkpointsFolder, Path.GetFileNameWithoutExtension(checkpointFile) + TokenExtension);

    /// <summary>What the authority is asked to vouch for: the checkpoint's signed statement, as UTF-8.</summary>
    public static byte[] Statement(AuditCheckpoint checkpoint) => Encoding.UTF8.GetBytes(checkpoint.Signed);

    /// <summary>
    /// Asks the authority for a token for every checkpoint signed by this installation that has none yet, oldest
    /// first; stops at the first that fails (the authority is out of reach or refuses) and returns how many were
    /// stamped. Nothing is asked when no authority is named.
    /// </summary>
    public async Task<int> StampMissingAsync(CancellationToken ct, int atMost = MaxPerRound)
    {
        if (Authority is not { } authority) return 0;
        var trusted = TrustedCertificates(options.Value);
        // One round at a time in a process (the timer and a pack's job may both start one); a token is written under
        // another name and moved into place, so a reader never sees half of one.
        await OneRound.WaitAsync(ct);
        try
        {
            var stamped = 0;
            var folder = anchor.CheckpointsFolder;
            // Newest first, a few a round: a new checkpoint (a pack's, a sign-off's) is not kept waiting behind a
            // backlog from before an authority was named, which is worked through round by round.
            foreach (var (file, checkpoint, holds) in anchor.ReadAll(file => !File.Exists(TokenFile(folder, file))).AsEnumerable().Reverse())
            {
                if (checkpoint is null || !holds) continue;
                if (stamped >= atMost) break;
                var token = await RequestAsync(authority, checkpoint, trusted, ct);
                if (token is null) return stamped;
                var tokenFile = TokenFile(folder, file);
                var written = tokenFile + ".new";
                await File.WriteAllBytesAsync(written, token, ct);
                File.Move(written, tokenFile, overwrite: true);
                stamped++;
            }
            return stamped;
        }
        finally
        {
            OneRound.Release();
        }
    }

    private static readonly SemaphoreSlim OneRound = new(1, 1);

    /// <summary>The most checkpoints sent to the authority in one round.</summary>
    public const int MaxPerRound = 20;

    /// <summary>The certificates a token's signer is checked against; empty when none is named, null when the named file cannot be read.</summary>
    public static List<Org.BouncyCastle.X509.X509Certificate>? TrustedCertificates(CheckpointTimeStampOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.AuthorityCertificate)) return [];
        try
        {
            using var file = File.OpenRead(o.AuthorityCertificate);
            var read = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificates(file);
            return read.Count == 0 ? null : [.. read];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            return null;
        }
    }

    private async Task<byte[]?> RequestAsync(Uri authority, AuditCheckpoint checkpoint, List<Org.BouncyCastle.X509.X509Certificate>? trusted, CancellationToken ct)
    {
        var generator = new TimeStampRequestGenerator();
        generator.SetCertReq(true);
        var request = generator.Generate(TspAlgorithms.Sha256, SHA256.HashData(Statement(checkpoint)), new BigInteger(1, RandomNumberGenerator.GetBytes(8)));
        var bytes = await transport.AskAsync(authority, request.GetEncoded(), ct);
        if (bytes is null) return null;
        string? reason;
        try
        {
            // Kept only if granted, with a token for this statement and this request's nonce whose signature holds (and,
            // when a certificate is named, signed by that authority): a refusal or a bad answer is never kept.
            var response = new TimeStampResponse(bytes);
            response.Validate(request);
            reason = response.Status > 1 || response.TimeStampToken is null ? $"it refused (status {response.Status})"
                : Examine(bytes, checkpoint, trusted) is { Holds: false } stamp ? stamp.Problem : null;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            reason = e.GetType().Name;
        }
        if (reason is null) return bytes;
        logger?.LogWarning("The time-stamping authority's answer for the checkpoint of entry {Sequence} is not kept ({Reason}); it is asked for again on the next round.", checkpoint.Sequence, reason);
        return null;
    }

    /// <summary>
    /// Reads a kept token against its checkpoint: the authority's signature over it must hold with the certificate the
    /// token carries, and what it vouches for must be this checkpoint's statement.
    /// </summary>
    public static CheckpointTimeStamp Examine(byte[] token, AuditCheckpoint checkpoint, IReadOnlyList<Org.BouncyCastle.X509.X509Certificate>? trusted = null)
    {
        // Every check of the chain reads every token again (one an hour is thousands a year): the answer for the same
        // bytes, statement and certificates never changes, so it is worked out once. Anything changed is a new key.
        var key = Convert.ToHexString(SHA256.HashData([.. token, .. Statement(checkpoint),
            .. trusted is null ? "unreadable"u8.ToArray() : trusted.SelectMany(t => t.GetEncoded())]));
        if (Examined.TryGetValue(key, out var known)) return known;
        var result = ExamineOnce(token, checkpoint, trusted);
        if (Examined.Count > 100_000) Examined.Clear();
        Examined[key] = result;
        return result;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CheckpointTimeStamp> Examined = new();

    private static CheckpointTimeStamp ExamineOnce(byte[] token, AuditCheckpoint checkpoint, IReadOnlyList<Org.BouncyCastle.X509.X509Certificate>? trusted)
    {
        try
        {
            var stamp = new TimeStampResponse(token).TimeStampToken;
            if (stamp is null) return new(null, null, "it holds no token (the authority refused)");
            var signer = stamp.GetCertificates().EnumerateMatches(stamp.SignerID).FirstOrDefault();
            if (signer is null) return new(null, null, "it does not carry the authority's certificate");
            stamp.Validate(signer);
            var info = stamp.TimeStampInfo;
            var authority = signer.SubjectDN.ToString();
            if (info.MessageImprintAlgOid != TspAlgorithms.Sha256
                || !CryptographicOperations.FixedTimeEquals(info.GetMessageImprintDigest(), SHA256.HashData(Statement(checkpoint))))
            {
                return new(info.GenTime, authority, "it vouches for something other than this checkpoint");
            }
            if (trusted is null) return new(info.GenTime, authority, "the authority's certificate named in the settings cannot be read, so the token cannot be checked");
            if (trusted.Count > 0 && !trusted.Any(t => t.Equals(signer) || IssuedBy(signer, t)))
            {
                return new(info.GenTime, authority, "it is not signed by the authority whose certificate is named in the settings");
            }
            return new(DateTime.SpecifyKind(info.GenTime, DateTimeKind.Utc), authority, null, Trusted: trusted.Count > 0);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever the file holds, reading it never fails the check of the chain or a page.
            return new(null, null, "its signature does not hold: it was altered or is not a time-stamp token");
        }
    }

    private static bool IssuedBy(Org.BouncyCastle.X509.X509Certificate signer, Org.BouncyCastle.X509.X509Certificate issuer)
    {
        try
        {
            signer.Verify(issuer.GetPublicKey());
            return signer.IssuerDN.Equivalent(issuer.SubjectDN);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }
}
