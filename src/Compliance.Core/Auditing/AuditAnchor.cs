using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Auditing;

/// <summary>Where checkpoints and their signing key are kept: <c>anchor/</c> in the data directory, never in the database.</summary>
public sealed class AuditAnchorOptions
{
    public string Folder { get; set; } = "";
}

/// <summary>A signed statement that the audit chain's entry <see cref="Sequence"/> had this hash at this time.</summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTime AtUtc, string Reason, string Signature)
{
    public string Signed => string.Join('|', "compliance-audit-checkpoint", Sequence.ToString(CultureInfo.InvariantCulture), Hash,
        AtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), Reason);
}

/// <summary>The signed record of the audit chain's newest entry, moved on with every entry written (no time in it).</summary>
public sealed record AuditHead(long Sequence, string Hash, string Signature)
{
    public string Signed => string.Join('|', "compliance-audit-head", Sequence.ToString(CultureInfo.InvariantCulture), Hash);
}

/// <summary>
/// Anchors the audit chain outside the database. A chain alone cannot show that its newest entries were deleted,
/// or that an entry was edited and every later hash recomputed; a checkpoint of the head, signed with a key kept
/// beside the key ring rather than in the database, can. Checkpoints are written at start-up, every day, and with
/// every evidence pack and board sign-off, as files in the data directory (and emailed to directors by the daily job); between them,
/// a signed record of the newest entry (<c>head.json</c>) moves on with every entry committed, so that the entries
/// written since the last checkpoint cannot be removed or rewritten unseen either. The public
/// key is kept beside them so anyone can check a checkpoint without the app.
/// </summary>
public sealed class AuditAnchor(IOptions<AuditAnchorOptions> options, TimeProvider clock, ILogger<AuditAnchor>? logger = null)
{
    private readonly Lock _headLock = new();
    private string Folder => options.Value.Folder;
    private string Checkpoints => Path.Combine(Folder, "checkpoints");

    /// <summary>Where the checkpoint files (and their time-stamp tokens) are kept.</summary>
    public string CheckpointsFolder => Checkpoints;

    private string HeadFile => Path.Combine(Folder, "head.json");
    private string KeyFile => Path.Combine(Folder, "checkpoint-signing-key.pem");
    public string PublicKeyFile => Path.Combine(Folder, "checkpoint-signing-key.pub.pem");

    /// <summary>The certificate over the checkpoint key that evidence packs are signed with, kept beside the key.</summary>
    public string CertificateFile => Path.Combine(Folder, "checkpoint-signing-key.crt.pem");

    /// <summary>
    /// The certificate evidence packs are signed with: self-signed over the checkpoint key, so that the key behind the
    /// checkpoints also signs the packs. It is made once (naming the organisation as it was then) and kept, so its
    /// fingerprint stays the same from pack to pack; it is made again only if the key changed.
    /// </summary>
    public X509Certificate2 PackSigningCertificate(string organisation)
    {
        string publicKey;
        using (var key = SigningKey()) publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        var keyPem = File.ReadAllText(KeyFile);
        if (ReadCertificate() is { } kept)
        {
            using (kept)
            using (var keptKey = kept.GetECDsaPublicKey())
            {
                if (keptKey is not null && Convert.ToBase64String(keptKey.ExportSubjectPublicKeyInfo()) == publicKey)
                    return X509Certificate2.CreateFromPem(kept.ExportCertificatePem(), keyPem);
            }
        }
        var name = new X500DistinguishedNameBuilder();
        name.AddOrganizationName(Cut(organisation, 64));
        name.AddCommonName("Evidence packs, " + Cut(organisation, 45));
        string certificatePem;
        using (var key = SigningKey())
        {
            var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
            var now = clock.GetUtcNow();
            using var made = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(50));
            certificatePem = made.ExportCertificatePem();
        }
        var temp = CertificateFile + "." + Path.GetRandomFileName();
        File.WriteAllText(temp, certificatePem);
        try
        {
            // Made once: when two packs make the first certificate at once, the one kept is the one both sign with.
            if (File.Exists(CertificateFile) && ReadCertificate() is { } other)
            {
                using (other) using (var otherKey = other.GetECDsaPublicKey())
                {
                    if (otherKey is not null && Convert.ToBase64String(otherKey.ExportSubjectPublicKeyInfo()) == publicKey) certificatePem = other.ExportCertificatePem();
                    else File.Move(temp, CertificateFile, overwrite: true);
                }
            }
            else File.Move(temp, CertificateFile, overwrite: false);
        }
        catch (IOException) when (File.Exists(CertificateFile) && ReadCertificate() is { } made)
        {
            using (made) certificatePem = made.ExportCertificatePem();
        }
        finally
        {
            File.Delete(temp);
        }
        return X509Certificate2.CreateFromPem(certificatePem, keyPem);
    }

    /// <summary>At most <paramref name="length"/> characters, never half of a surrogate pair.</summary>
    private static string Cut(string text, int length)
    {
        if (text.Length <= length) return text;
        return text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
    }

    /// <summary>The SHA-256 of the certificate packs are signed with, or null before the first signed pack.</summary>
    public string? PackCertificateSha256()
    {
        using var certificate = ReadCertificate();
        return certificate is null ? null : Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
    }

    private X509Certificate2? ReadCertificate()
    {
        if (!File.Exists(CertificateFile)) return null;
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(CertificateFile));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>A checkpoint after work that is already saved (a pack, a sign-off): a failure to write it is logged, not thrown.</summary>
    public async Task<AuditCheckpoint?> TryWriteAsync(ComplianceDbContext db, string reason, CancellationToken ct)
    {
        try
        {
            return await WriteAsync(db, reason, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            logger?.LogError("A checkpoint of the audit chain ({Reason}) could not be written ({Error}): check the data directory's anchor folder.", reason, e.GetType().Name);
            return null;
        }
    }

    /// <summary>Signs and writes a checkpoint of the chain's head; none when the chain is empty.</summary>
    public async Task<AuditCheckpoint?> WriteAsync(ComplianceDbContext db, string reason, CancellationToken ct)
    {
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        if (head is null) return null;
        var at = clock.GetUtcNow().UtcDateTime;
        var unsigned = new AuditCheckpoint(head.Sequence, head.Hash, at, reason, "");
        using var key = SigningKey();
        var checkpoint = unsigned with { Signature = Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(unsigned.Signed), HashAlgorithmName.SHA256)) };
        Directory.CreateDirectory(Checkpoints);
        var name = $"{at:yyyyMMdd'T'HHmmssfffffff'Z'}-{head.Sequence}.json";
        await File.WriteAllTextAsync(Path.Combine(Checkpoints, name), JsonSerializer.Serialize(checkpoint, new JsonSerializerOptions { WriteIndented = true }), ct);
        // An installation from before the record of the newest entry starts it here; an existing record is only ever
        // moved on by the entries written after it.
        if (ReadHead().Head is null) AdvanceHead(head.Sequence, head.Hash, null);
        // The checkpoint is recorded in the chain itself: a checkpoint file deleted later is then a link the chain
        // names and the folder no longer holds.
        await new AuditTrail(clock, SystemActor.Instance, this).SaveAsync(db, new AuditEvent(CheckpointAction, "AuditCheckpoint", $"{KeyId(key)}/{name}",
            $"Signed checkpoint of entry {head.Sequence} kept as anchor/checkpoints/{name} ({reason})"), ct);
        return checkpoint;
    }

    /// <summary>
    /// The action of the entry that records a checkpoint in the chain. Its entity id is the signing key's id and the
    /// file's name (<c>key/file</c>): several instances, each with an anchor folder and key of its own, each check
    /// only the checkpoints they wrote.
    /// </summary>
    public const string CheckpointAction = "audit.checkpoint";

    /// <summary>The first 16 hex digits of the SHA-256 of the public key: which key, hence which anchor folder, a checkpoint belongs to.</summary>
    private static string KeyId(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    /// <summary>This installation's key id, or null before its first checkpoint.</summary>
    public string? OwnKeyId()
    {
        if (!File.Exists(KeyFile) && !File.Exists(PublicKeyFile)) return null;
        try
        {
            using var key = PublicKey();
            return KeyId(key);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Whether the entries after the newest checkpoint are only the entry recording it (nothing new to anchor).</summary>
    public async Task<bool> IsUpToDateAsync(ComplianceDbContext db, CancellationToken ct)
    {
        var newest = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Action, a.EntityId }).FirstOrDefaultAsync(ct);
        if (newest is null) return true;
        var last = ReadAll().LastOrDefault(c => c.Checkpoint is not null).Checkpoint;
        return last is not null && (last.Sequence == newest.Sequence
            || (newest.Action == CheckpointAction && newest.Sequence == last.Sequence + 1));
    }

    private sealed class SystemActor : IAuditActor
    {
        public static readonly SystemActor Instance = new();

        public AuditActorInfo Current => AuditActorInfo.System;
    }

    /// <summary>
    /// Moves the signed record of the chain's newest entry on to <paramref name="sequence"/>, once the entries are
    /// committed. <paramref name="after"/> is the entry they were appended after: when the record names that entry
    /// with another hash, or an entry past it, the chain was cut or rewritten since, and the record is kept as the
    /// evidence of it. A writer that commits later than a newer one never moves the record back.
    /// </summary>
    public void AdvanceHead(long sequence, string hash, (long Sequence, string Hash)? after)
    {
        // The first checkpoint (at the first start) makes the key and starts the record; none is made before it.
        if (!HasKey) return;
        try
        {
            lock (_headLock)
            {
                // Read afresh (another process may share the folder), but not verified: only its number and hash are compared.
                var current = ReadHeadFile();
                if (current is not null && current.Sequence >= sequence) return;
                if (current is not null && after is { } a && (current.Sequence > a.Sequence || (current.Sequence == a.Sequence && current.Hash != a.Hash)))
                {
                    logger?.LogWarning("The audit chain no longer holds entry {Sequence} as recorded in anchor/head.json: run verify-audit. The record is kept unchanged.", current.Sequence);
                    return;
                }
                using var key = SigningKey();
                var unsigned = new AuditHead(sequence, hash, "");
                var head = unsigned with { Signature = Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(unsigned.Signed), HashAlgorithmName.SHA256)) };
                var temporary = HeadFile + ".new";
                File.WriteAllText(temporary, JsonSerializer.Serialize(head));
                File.Move(temporary, HeadFile, overwrite: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            // The entries are committed; the record lags behind them, which weakens the check but never raises a false alarm.
            logger?.LogError("The record of the audit chain's newest entry could not be written ({Reason}): check the data directory's anchor folder.", e.GetType().Name);
        }
    }

    /// <summary>
    /// Moves every checkpoint and the record of the newest entry into a new folder under <c>anchor/set-aside/</c>
    /// (kept as evidence, never deleted), so that the next checkpoint starts a new record; returns the folder, relative to <c>anchor/</c>.
    /// </summary>
    public string SetAside()
    {
        var name = Path.Combine("set-aside", clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff'Z'", CultureInfo.InvariantCulture));
        var folder = Directory.CreateDirectory(Path.Combine(Folder, name)).FullName;
        lock (_headLock)
        {
            if (Directory.Exists(Checkpoints))
            {
                foreach (var file in Directory.GetFiles(Checkpoints)) File.Move(file, Path.Combine(folder, Path.GetFileName(file)));
            }
            if (File.Exists(HeadFile)) File.Move(HeadFile, Path.Combine(folder, "head.json"));
        }
        return name;
    }

    /// <summary>The signed record of the newest entry, if there is one, with whether its signature holds.</summary>
    public (AuditHead? Head, bool SignatureHolds) ReadHead()
    {
        if (ReadHeadFile() is not { } head) return (null, false);
        try
        {
            using var key = PublicKey();
            return (head, key.VerifyData(Encoding.UTF8.GetBytes(head.Signed), Convert.FromBase64String(head.Signature), HashAlgorithmName.SHA256));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or CryptographicException or IOException)
        {
            return (head, false);
        }
    }

    private AuditHead? ReadHeadFile()
    {
        if (!File.Exists(HeadFile)) return null;
        try
        {
            return JsonSerializer.Deserialize<AuditHead>(File.ReadAllText(HeadFile)) is { Hash: not null, Signature: not null } head ? head : null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Whether this installation has ever written a checkpoint (its signing key exists).</summary>
    public bool HasKey => File.Exists(KeyFile);

    /// <summary>Every checkpoint file (or those whose name <paramref name="only"/> picks), oldest first, each with whether its signature holds.</summary>
    public List<(string File, AuditCheckpoint? Checkpoint, bool SignatureHolds)> ReadAll(Func<string, bool>? only = null)
    {
        if (!Directory.Exists(Checkpoints)) return [];
        ECDsa? key;
        try
        {
            key = File.Exists(KeyFile) || File.Exists(PublicKeyFile) ? PublicKey() : null;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key = null; // an unreadable key: no checkpoint can be trusted, and each is named as such
        }
        using var _ = key;
        var all = new List<(string, AuditCheckpoint?, bool)>();
        foreach (var file in Directory.EnumerateFiles(Checkpoints, "*.json").Where(f => only is null || only(Path.GetFileName(f))).Order(StringComparer.Ordinal))
        {
            AuditCheckpoint? checkpoint;
            try
            {
                checkpoint = JsonSerializer.Deserialize<AuditCheckpoint>(File.ReadAllText(file));
            }
            catch (Exception e) when (e is JsonException or NotSupportedException)
            {
                checkpoint = null;
            }
            var holds = checkpoint is { Signature: not null, Hash: not null, Reason: not null } && key is not null && TryVerify(key, checkpoint);
            all.Add((Path.GetFileName(file), checkpoint, holds));
        }
        return all;
    }

    private static bool TryVerify(ECDsa key, AuditCheckpoint c)
    {
        try
        {
            return key.VerifyData(Encoding.UTF8.GetBytes(c.Signed), Convert.FromBase64String(c.Signature), HashAlgorithmName.SHA256);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or CryptographicException)
        {
            return false;
        }
    }

    private ECDsa SigningKey()
    {
        var key = ECDsa.Create();
        if (File.Exists(KeyFile))
        {
            key.ImportFromPem(File.ReadAllText(KeyFile));
            return key;
        }
        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(Folder);
        File.WriteAllText(KeyFile, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(PublicKeyFile, key.ExportSubjectPublicKeyInfoPem());
        return key;
    }

    private ECDsa PublicKey()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(File.Exists(PublicKeyFile) ? PublicKeyFile : KeyFile));
        return key;
    }
}
