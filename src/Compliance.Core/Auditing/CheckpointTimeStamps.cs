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
}

/// <summary>
/// How a time-stamp query reaches the authority and its reply comes back (over HTTP, in the web app): the reply's
/// bytes, or null when the authority was out of reach, too slow or refused (the transport says why in the log).
/// </summary>
public interface ITimeStampTransport
{
    Task<byte[]?> AskAsync(Uri authority, byte[] query, CancellationToken ct);
}

/// <summary>What a checkpoint's time-stamp token says, or why it cannot be relied on.</summary>
public sealed record CheckpointTimeStamp(DateTime? StampedAtUtc, string? Authority, string? Problem)
{
    public bool Holds => Problem is null;
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
    public async Task<int> StampMissingAsync(CancellationToken ct)
    {
        if (Authority is not { } authority) return 0;
        // One round at a time in a process (the timer and a pack's job may both start one); a token is written under
        // another name and moved into place, so a reader never sees half of one.
        await OneRound.WaitAsync(ct);
        try
        {
            var stamped = 0;
            var folder = anchor.CheckpointsFolder;
            foreach (var (file, checkpoint, holds) in anchor.ReadAll(file => !File.Exists(TokenFile(folder, file))))
            {
                if (checkpoint is null || !holds) continue;
                var token = await RequestAsync(authority, checkpoint, ct);
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

    private async Task<byte[]?> RequestAsync(Uri authority, AuditCheckpoint checkpoint, CancellationToken ct)
    {
        var generator = new TimeStampRequestGenerator();
        generator.SetCertReq(true);
        var request = generator.Generate(TspAlgorithms.Sha256, SHA256.HashData(Statement(checkpoint)), new BigInteger(1, RandomNumberGenerator.GetBytes(8)));
        var bytes = await transport.AskAsync(authority, request.GetEncoded(), ct);
        if (bytes is null) return null;
        try
        {
            // Checks the status, that the token is for this statement and this request's nonce, and its signer's certificate.
            new TimeStampResponse(bytes).Validate(request);
            return bytes;
        }
        catch (Exception e) when (e is TspException or IOException or ArgumentException)
        {
            logger?.LogWarning("The time-stamping authority's answer for the checkpoint of entry {Sequence} is not a token for it ({Reason}); it is asked for again on the next round.", checkpoint.Sequence, e.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// Reads a kept token against its checkpoint: the authority's signature over it must hold with the certificate the
    /// token carries, and what it vouches for must be this checkpoint's statement.
    /// </summary>
    public static CheckpointTimeStamp Examine(byte[] token, AuditCheckpoint checkpoint)
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
            return new(DateTime.SpecifyKind(info.GenTime, DateTimeKind.Utc), authority, null);
        }
        catch (Exception e) when (e is TspException or IOException or ArgumentException or InvalidOperationException
            or Org.BouncyCastle.Security.Certificates.CertificateException or Org.BouncyCastle.Cms.CmsException)
        {
            return new(null, null, "its signature does not hold: it was altered or is not a time-stamp token");
        }
    }
}
