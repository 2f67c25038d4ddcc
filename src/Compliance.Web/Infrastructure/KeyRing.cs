using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// The key ring protects sign-in cookies and wraps every case's data key: it is backed up with the database and
/// never kept readable beside a copy of it. On disk it is protected by the data directory's permissions (owner
/// only) and, when <c>Compliance:KeyRing:Certificate</c> names a PKCS#12 file, encrypted with that certificate too.
/// Start-up says plainly which of the two protects it.
/// </summary>
public static class KeyRing
{
    public static void Configure(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var protection = builder.Services.AddDataProtection().SetApplicationName("Compliance");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IConfiguration, ILoggerFactory>((options, config, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(Folder(config), loggers));
        if (Certificate(configuration) is { } certificate)
        {
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        else
        {
            // Said once, plainly, at start-up (see Describe) instead of the framework's warning on every key it reads.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        }
    }

    /// <summary>The folder holding the keys, created readable by the app's own user only.</summary>
    public static DirectoryInfo Folder(IConfiguration configuration)
    {
        var path = Path.Combine(DataDirectory.Resolve(configuration), "keys");
        var folder = Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return folder;
    }

    /// <summary>The line start-up writes to the log about how the key ring is protected, and what to do.</summary>
    public static string Describe(IConfiguration configuration)
    {
        var folder = Folder(configuration).FullName;
        return Certificate(configuration) is { } c
            ? $"Key ring in {folder}: encrypted at rest with the certificate {c.Subject} (thumbprint {c.Thumbprint}). Back up the certificate and its password apart from the database."
            : $"Key ring in {folder}: protected by file permissions only (readable by this account). Keep its backups apart from the database's, or set Compliance:KeyRing:Certificate to encrypt it (see the README).";
    }

    private static X509Certificate2? Certificate(IConfiguration configuration)
    {
        var path = configuration["Compliance:KeyRing:Certificate"];
        if (string.IsNullOrWhiteSpace(path)) return null;
        if (!File.Exists(path)) throw new InvalidOperationException($"Compliance:KeyRing:Certificate names {path}, which does not exist.");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["Compliance:KeyRing:CertificatePassword"],
            X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey) throw new InvalidOperationException($"The certificate in {path} has no private key: the key ring could not be read back.");
        return certificate;
    }
}
