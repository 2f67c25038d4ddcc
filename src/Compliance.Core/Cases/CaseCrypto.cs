using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Compliance.Core.Cases;

/// <summary>
/// Each case has its own 256-bit data key. The key is stored only wrapped by the master key, which is
/// ASP.NET Data Protection's key ring in the data directory: a database dump alone opens nothing.
/// </summary>
public sealed class CaseKeyring(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Compliance.Cases.DataKey.v1");

    public (byte[] DataKey, byte[] Wrapped) NewDataKey()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        return (key, protector.Protect(key));
    }

    public byte[] Unwrap(byte[] wrapped) => protector.Unprotect(wrapped);
}

/// <summary>
/// AES-256-GCM with a random 96-bit nonce. The associated data binds a sealed value to its case and to what it
/// is (an entry's body, a file's name, a file's bytes), so a value moved to another row or case does not open.
/// Layout: nonce (12) | tag (16) | ciphertext.
/// </summary>
public static class CaseCipher
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[] Seal(byte[] key, Guid caseId, string purpose, ReadOnlySpan<byte> plain)
    {
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Associated(caseId, purpose));
        return output;
    }

    /// <summary>Opens a sealed value; throws <see cref="AuthenticationTagMismatchException"/> if it was altered or moved.</summary>
    public static byte[] Open(byte[] key, Guid caseId, string purpose, ReadOnlySpan<byte> sealedValue)
    {
        if (sealedValue.Length < NonceSize + TagSize) throw new AuthenticationTagMismatchException("The sealed value is too short.");
        var plain = new byte[sealedValue.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedValue[..NonceSize], sealedValue[(NonceSize + TagSize)..], sealedValue.Slice(NonceSize, TagSize), plain, Associated(caseId, purpose));
        return plain;
    }

    public static byte[] SealText(byte[] key, Guid caseId, string purpose, string text) => Seal(key, caseId, purpose, Encoding.UTF8.GetBytes(text));

    public static string OpenText(byte[] key, Guid caseId, string purpose, byte[] sealedValue) => Encoding.UTF8.GetString(Open(key, caseId, purpose, sealedValue));

    private static byte[] Associated(Guid caseId, string purpose) => [.. caseId.ToByteArray(), .. Encoding.UTF8.GetBytes(purpose)];

    public static string EntryPurpose(Guid entryId) => "entry:" + entryId.ToString("N");

    public static string FileNamePurpose(Guid fileId) => "file-name:" + fileId.ToString("N");

    public const string ReplyAddressPurpose = "reply-address";

    public static string FileBytesPurpose(Guid fileId) => "file-bytes:" + fileId.ToString("N");
}

/// <summary>
/// The reference and secret key a reporter is given. The reference is random, not a counter (a counter would
/// tell how many reports there are and when this one came). The key holds 160 random bits, written as
/// 32 characters in groups of four from an alphabet without look-alikes; only its SHA-256 is kept.
/// </summary>
public static class CaseSecrets
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ0123456789"; // Crockford's base32: no I, L, O or U

    public static string NewReference() => "R-" + Grouped(Encode(RandomNumberGenerator.GetBytes(5)));

    public static string NewKey() => Grouped(Encode(RandomNumberGenerator.GetBytes(20)));

    public static byte[] Hash(string normalisedKey) => SHA256.HashData(Encoding.ASCII.GetBytes(normalisedKey));

    public static bool KeyMatches(string? typedKey, byte[] storedHash) =>
        Normalise(typedKey) is { Length: 32 } key && CryptographicOperations.FixedTimeEquals(Hash(key), storedHash);

    /// <summary>Upper case, without spaces or dashes, with look-alikes read as the digits they resemble.</summary>
    public static string Normalise(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return "";
        var sb = new StringBuilder(typed.Length);
        foreach (var ch in typed.ToUpperInvariant())
        {
            switch (ch)
            {
                case ' ' or '-' or '\t' or '\r' or '\n': continue;
                case 'O': sb.Append('0'); break;
                case 'I' or 'L': sb.Append('1'); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A typed reference in its stored form ("R-ABCD-EFGH"), or "" if it cannot be one.</summary>
    public static string NormaliseReference(string? typed)
    {
        var n = Normalise(typed);
        if (n.StartsWith('R')) n = n[1..];
        return n.Length == 8 && n.All(Alphabet.Contains) ? "R-" + Grouped(n) : "";
    }

    private static string Encode(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length * 8 / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return sb.ToString();
    }

    private static string Grouped(string s) => string.Join('-', s.Chunk(4).Select(c => new string(c)));
}
