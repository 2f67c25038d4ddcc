using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Compliance.Web.Tests.Infrastructure;

/// <summary>A self-signed certificate with its private key, written as a PKCS#12 file, as an operator would give the key ring.</summary>
public static class TestCertificate
{
    public static async Task WritePfxAsync(string path, string subject, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, password));
    }
}
