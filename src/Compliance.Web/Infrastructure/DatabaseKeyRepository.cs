using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using Compliance.Core.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// The key ring kept in the database, so that every instance on one PostgreSQL server uses the same keys (each
/// case's data key is wrapped with them). Keys are stored encrypted with the configured certificate, which the
/// database does not hold, and signed with its private key: encrypting needs only the public key, so without the
/// signature anyone able to write to the table could plant a key of their own choosing (and read every case
/// wrapped with it afterwards). An entry whose signature does not verify is left out, and said so in the log.
/// </summary>
public sealed class DatabaseKeyRepository(DatabaseTarget target, X509Certificate2 certificate, TimeProvider clock, ILogger<DatabaseKeyRepository> logger) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = new ComplianceDbContext(target.Options());
        var kept = new List<XElement>();
        foreach (var entry in db.KeyRing.AsNoTracking().OrderBy(k => k.CreatedAtUtc).ToList())
        {
            if (Verify(certificate, entry.Xml, entry.Signature))
            {
                kept.Add(XElement.Parse(entry.Xml));
            }
            else
            {
                logger.LogError("Key ring entry {Entry} ({Name}) is not signed with this instance's certificate and is not used: " +
                    "it was written by an instance with another certificate, or by someone with access to the database.", entry.Id, entry.Name);
            }
        }
        return kept;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        var xml = element.ToString(SaveOptions.DisableFormatting);
        using var db = new ComplianceDbContext(target.Options());
        db.KeyRing.Add(new KeyRingEntry(friendlyName, xml, Sign(certificate, xml), clock.GetUtcNow().UtcDateTime));
        db.SaveChanges();
    }

    public static byte[] Sign(X509Certificate2 certificate, string xml)
    {
        var data = Encoding.UTF8.GetBytes(xml);
        if (certificate.GetRSAPrivateKey() is { } rsa) using (rsa) return rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        if (certificate.GetECDsaPrivateKey() is { } ec) using (ec) return ec.SignData(data, HashAlgorithmName.SHA256);
        throw new InvalidOperationException("The key ring certificate has neither an RSA nor an ECDSA private key.");
    }

    public static bool Verify(X509Certificate2 certificate, string xml, byte[] signature)
    {
        if (signature.Length == 0) return false;
        var data = Encoding.UTF8.GetBytes(xml);
        try
        {
            if (certificate.GetRSAPublicKey() is { } rsa) using (rsa) return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
            if (certificate.GetECDsaPublicKey() is { } ec) using (ec) return ec.VerifyData(data, signature, HashAlgorithmName.SHA256);
        }
        catch (CryptographicException)
        {
            return false;
        }
        return false;
    }
}
