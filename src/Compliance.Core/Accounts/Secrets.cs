using System.Security.Cryptography;

namespace Compliance.Core.Accounts;

/// <summary>
/// One-time secrets (invitation links, API tokens): 128 random bits, shown once, stored only as a SHA-256
/// hash. A slow hash adds nothing for a secret this long; a fast one lets the hash be the lookup key.
/// </summary>
public static class Secrets
{
    public static string New(string prefix = "") =>
        prefix + Base64Url(RandomNumberGenerator.GetBytes(16));

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
