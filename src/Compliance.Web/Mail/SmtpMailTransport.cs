using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using System.Text;
using Compliance.Core.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Mail;

/// <summary>
/// Sends through the configured SMTP server (STARTTLS when set), or, while none is set, writes each message as an
/// .eml file to the outbox folder. Each message carries a Message-ID made from its id, so a mail system that sees
/// the same message twice can tell.
/// </summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options, IDataProtectionProvider protection) : IMailTransport
{
    public const string PasswordPurpose = "Compliance.Mail.SmtpPassword.v1";

    public async Task<string?> DeliverAsync(OutboxMessage message, MailSettings? settings, CancellationToken ct)
    {
        using var mail = Compose(message, settings);
        if (settings is null)
        {
            return await SaveToOutboxAsync(message, mail, ct);
        }
        using var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.StartTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = 30_000,
        };
        if (settings.UserName is { } user)
        {
            client.Credentials = new NetworkCredential(user, ReadPassword(settings));
        }
        try
        {
            await client.SendMailAsync(mail, ct);
            return null;
        }
        catch (Exception e) when (e is SmtpException or SocketException or IOException or InvalidOperationException or System.Security.Authentication.AuthenticationException)
        {
            throw new MailDeliveryException(Describe(e), e);
        }
    }

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

    private static MailMessage Compose(OutboxMessage message, MailSettings? settings)
    {
        var from = settings is null ? new MailAddress("outbox@localhost", "Harassment prevention")
            : new MailAddress(settings.FromAddress, settings.FromName.Length > 0 ? settings.FromName : "Harassment prevention");
        var mail = new MailMessage(from, new MailAddress(message.ToAddress, message.ToName))
        {
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = message.TextBody,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, Encoding.UTF8, "text/html"));
        mail.Headers.Add("Message-ID", $"<{message.Id:N}@{from.Host}>");
        return mail;
    }

    /// <summary>Writes the message to a private folder, then moves the one file in it to a name the Outbox page shows.</summary>
    private async Task<string> SaveToOutboxAsync(OutboxMessage message, MailMessage mail, CancellationToken ct)
    {
        var outbox = options.Value.OutboxPath;
        var staging = Path.Combine(outbox, ".writing", message.Id.ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            using (var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = staging })
            {
                await client.SendMailAsync(mail, ct);
            }
            var name = $"{message.CreatedAtUtc:yyyyMMdd-HHmmss}-{message.Id:N}.eml";
            File.Move(Directory.EnumerateFiles(staging).Single(), Path.Combine(outbox, name), overwrite: true);
            return name;
        }
        catch (Exception e) when (e is SmtpException or IOException or UnauthorizedAccessException)
        {
            throw new MailDeliveryException($"Could not write to the outbox folder: {e.Message}", e);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private static string Describe(Exception e) => e switch
    {
        SmtpFailedRecipientException r => $"The server refused the recipient ({r.StatusCode}).",
        SmtpException { InnerException: SocketException s } => $"Could not reach the mail server: {s.SocketErrorCode}.",
        SmtpException { InnerException: IOException or System.Security.Authentication.AuthenticationException } s => $"The connection to the mail server failed: {s.InnerException!.Message}",
        SmtpException s => $"The mail server said: {s.StatusCode} {s.Message}",
        _ => $"Could not send: {e.Message}",
    };
}
