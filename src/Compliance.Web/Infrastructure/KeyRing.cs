using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// The key ring protects sign-in cookies and wraps every case's data key: it is backed up with the database and
/// never kept readable beside a copy of it. By default it is a folder in the data directory, protected by the
/// folder's permissions (owner only) and, when <c>Compliance:KeyRing:Certificate</c> names a PKCS#12 file,
/// encrypted with that certificate too. Instances that share a PostgreSQL database share one key ring by keeping
/// it in the database (<c>Compliance:KeyRing:Store</c> = <c>Database</c>), which needs the certificate: the keys
/// are stored encrypted with it, so the database alone cannot open them. Start-up says plainly which protects it.
/// </summary>
public static class KeyRing
{
    public static void Configure(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var protection = builder.Services.AddDataProtection().SetApplicationName("Compliance");
        var inDatabase = InDatabase(configuration);
        var certificate = Certificate(configuration);
        if (inDatabase && Compliance.Core.Data.DatabaseTarget.ParseProvider(configuration["Compliance:Database:Provider"]) != Compliance.Core.Data.DatabaseProvider.PostgreSQL)
        {
            throw new InvalidOperationException("Compliance:KeyRing:Store is Database, which is for several instances sharing a PostgreSQL database; on SQLite (one instance) keep the key ring in its folder (Files).");
        }
        if (inDatabase && certificate is null)
        {
            throw new InvalidOperationException("Compliance:KeyRing:Store is Database, so Compliance:KeyRing:Certificate must name the certificate that encrypts the keys: without it the database would hold the keys to its own reports.");
        }
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, services) =>
            options.XmlRepository = inDatabase
                ? new DatabaseKeyRepository(services.GetRequiredService<Compliance.Core.Data.DatabaseTarget>(), certificate!, TimeProvider.System,
                    services.GetRequiredService<ILogger<DatabaseKeyRepository>>())
                : new FileSystemXmlRepository(Folder(services.GetRequiredService<IConfiguration>()), services.GetRequiredService<ILoggerFactory>()));
        if (certificate is not null)
        {
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        else
        {
            // Said once, plainly, at start-up (see Describe) instead of the framework's warning on every key it reads.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        }
    }

    /// <summary>Whether the key ring is kept in the database (shared by instances) rather than in the data directory.</summary>
    public static bool InDatabase(IConfiguration configuration) => configuration["Compliance:KeyRing:Store"]?.Trim() switch
    {
        null or "" => false,
        var s when s.Equals("Files", StringComparison.OrdinalIgnoreCase) => false,
        var s when s.Equals("Database", StringComparison.OrdinalIgnoreCase) => true,
        var s => throw new InvalidOperationException($"Compliance:KeyRing:Store is \"{s}\": use Files (the default) or Database."),
    };

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
        if (InDatabase(configuration) && Certificate(configuration) is { } shared)
        {
            return $"Key ring in the database, shared by every instance: each key encrypted with the certificate {shared.Subject} (thumbprint {shared.Thumbprint}). Give every instance the same certificate, and back it up with its password apart from the database.";
        }
        var folder = Folder(configuration).FullName;
        return Certificate(configuration) is { } c
            ? $"Key ring in {folder}: encrypted at rest with the certificate {c.Subject} (thumbprint {c.Thumbprint}). Back up the certificate and its password apart from the database."
            : $"Key ring in {folder}: protected by file permissions only (readable by this account). Keep its backups apart from the database's, or set Compliance:KeyRing:Certificate to encrypt it (see docs/data-and-backups.md).";
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
