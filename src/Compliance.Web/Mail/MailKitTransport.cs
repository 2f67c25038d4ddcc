using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Compliance.Core.Mail;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Compliance.Web.Mail;

/// <summary>
/// Sends through the configured SMTP server with MailKit (STARTTLS, TLS from the start, or none; signing in when a
/// user name is set), or, while none is set, writes each message as an .eml file to the outbox folder. Each message
/// is HTML with a plain-text alternative and carries a Message-ID made from its id, so a mail system that sees the
/// same message twice can tell.
/// </summary>
public sealed class MailKitTransport(IOptions<MailOptions> options, IDataProtectionProvider protection) : IMailTransport
{
    public const string PasswordPurpose = "Compliance.Mail.SmtpPassword.v1";

    public async Task<string?> DeliverAsync(OutboxMessage message, MailSettings? settings, CancellationToken ct)
    {
        var mail = Compose(message, settings);
        if (settings is null) return await SaveToOutboxAsync(message, mail, ct);

        var password = settings.UserName is null ? null : ReadPassword(settings);
        using var client = new SmtpClient { Timeout = 30_000 };
        if (options.Value.TrustedCertificatePath is { Length: > 0 } pinned) client.ServerCertificateValidationCallback = Pinned(pinned);
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security switch
            {
                MailSecurity.TlsOnConnect => SecureSocketOptions.SslOnConnect,
                MailSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            }, ct);
            if (settings.UserName is { } user) await client.AuthenticateAsync(user, password ?? "", ct);
            await client.SendAsync(mail, ct);
            await client.DisconnectAsync(quit: true, ct);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Whatever the server or the network did, it is a failed attempt with a reason, tried again later.
            throw new MailDeliveryException(Describe(e, settings), e);
        }
    }

    /// <summary>
    /// The server's certificate is accepted when the system trusts it, or when it is the very certificate in the file
    /// an administrator named (a relay on the organisation's own network with a certificate of its own).
    /// </summary>
    private static System.Net.Security.RemoteCertificateValidationCallback Pinned(string path) => (_, certificate, _, errors) =>
    {
        if (errors == System.Net.Security.SslPolicyErrors.None) return true;
        if (certificate is null || !File.Exists(path)) return false;
        using var trusted = X509CertificateLoader.LoadCertificateFromFile(path);
        return certificate.GetCertHash().AsSpan().SequenceEqual(trusted.GetCertHash());
    };

    /// <summary>
    /// The stored password, decrypted. If the keys that encrypted it are gone (the data directory's keys folder lost
    /// or replaced), sending fails like any other delivery failure, saying what to do, rather than stopping the sender.
    /// </summary>
    private string ReadPassword(MailSettings settings)
    {
        if (settings.ProtectedPassword is not { } stored) return "";
        try
        {
            return protection.CreateProtector(PasswordPurpose).Unprotect(stored);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new MailDeliveryException("The stored mail server password cannot be read (the keys that encrypted it have changed). Enter the password again in the mail settings.", e);
        }
    }

    public static MimeMessage Compose(OutboxMessage message, MailSettings? settings)
    {
        var from = settings is null ? new MailboxAddress("Harassment prevention", "outbox@localhost")
            : new MailboxAddress(settings.FromName.Length > 0 ? settings.FromName : "Harassment prevention", settings.FromAddress);
        var mail = new MimeMessage { Subject = message.Subject, MessageId = $"{message.Id:N}@{from.Domain}" };
        mail.From.Add(from);
        mail.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mail.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mail;
    }

    /// <summary>Writes the message to a private file, then moves it to a name the Outbox page shows.</summary>
    private async Task<string> SaveToOutboxAsync(OutboxMessage message, MimeMessage mail, CancellationToken ct)
    {
        var outbox = options.Value.OutboxPath;
        var name = $"{message.CreatedAtUtc:yyyyMMdd-HHmmss}-{message.Id:N}.eml";
        var staging = Path.Combine(outbox, ".writing");
        var temporary = Path.Combine(staging, name);
        try
        {
            Directory.CreateDirectory(staging);
            var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var file = new FileStream(temporary, create))
            {
                await mail.WriteToAsync(file, ct);
            }
            File.Move(temporary, Path.Combine(outbox, name), overwrite: true);
            return name;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary)) File.Delete(temporary);
            throw new MailDeliveryException($"Could not write to the outbox folder: {e.Message}", e);
        }
    }

    private static string Describe(Exception e, MailSettings settings) => e switch
    {
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } c => $"The server refused the recipient ({(int)c.StatusCode}: {c.Message.Trim()}).",
        SmtpCommandException { ErrorCode: SmtpErrorCode.SenderNotAccepted } c => $"The server refused the sender address {settings.FromAddress} ({(int)c.StatusCode}: {c.Message.Trim()}).",
        SmtpCommandException c => $"The mail server said: {(int)c.StatusCode} {c.Message.Trim()}",
        MailKit.Security.AuthenticationException => $"The mail server did not accept the user name and password for {settings.UserName}.",
        MailKit.ServiceNotAuthenticatedException => $"The mail server refused to go on: {e.Message.TrimEnd('.')}. Check the encryption setting, or set a user name and password.",
        SslHandshakeException => "The encrypted connection to the mail server failed: its certificate is not trusted, or it does not speak TLS on this port. Check the encryption setting and port.",
        NotSupportedException when settings.Security == MailSecurity.StartTls => "The mail server does not offer STARTTLS, so nothing was sent unencrypted. Check the port, or choose TLS from the start.",
        SocketException s => $"Could not reach the mail server {settings.Host}:{settings.Port}: {s.SocketErrorCode}.",
        TimeoutException or IOException => $"The connection to the mail server {settings.Host}:{settings.Port} failed: {e.Message}",
        _ => $"Could not send: {e.Message}",
    };
}
