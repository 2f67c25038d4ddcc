using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Mail;

/// <summary>
/// The outgoing mail server, set by an administrator. One row. The password is kept encrypted with the app's key
/// ring and never shown again. Until a host and a sender are set, mail goes to the outbox folder.
/// </summary>
public sealed class MailSettings
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;
    public string Host { get; private set; } = "";
    public int Port { get; private set; } = 587;
    public MailSecurity Security { get; private set; } = MailSecurity.StartTls;
    public string? UserName { get; private set; }
    public string? ProtectedPassword { get; private set; }
    public string FromAddress { get; private set; } = "";
    public string FromName { get; private set; } = "";
    public DateTime UpdatedAtUtc { get; private set; }

    public bool IsConfigured => Host.Length > 0 && FromAddress.Length > 0;

    /// <summary>
    /// Checks and applies a change. A null password keeps the one stored; an empty one removes it.
    /// Nothing changes when an error is returned.
    /// </summary>
    public static List<FieldError> Validate(MailSettingsInput input)
    {
        var errors = new List<FieldError>();
        var host = input.Host?.Trim() ?? "";
        if (host.Length > 253 || host.Any(c => char.IsWhiteSpace(c) || c is '/' or ':' or '@'))
        {
            errors.Add(new(nameof(input.Host), "Enter the server's name only, such as smtp.example.org (no spaces, slashes or port)."));
        }
        if (input.Port is < 1 or > 65535)
        {
            errors.Add(new(nameof(input.Port), "Enter a port between 1 and 65535 (587 is usual with STARTTLS, 465 with TLS from the start, 25 without)."));
        }
        var from = input.FromAddress?.Trim() ?? "";
        if (host.Length > 0 && from.Length == 0)
        {
            errors.Add(new(nameof(input.FromAddress), "Enter the address messages come from."));
        }
        else if (from.Length > 0 && (from.Length > 254 || !EmployeeValidator.IsEmail(from)))
        {
            errors.Add(new(nameof(input.FromAddress), "Enter the sender as an email address, such as compliance@example.org."));
        }
        if ((input.FromName?.Trim().Length ?? 0) > 100)
        {
            errors.Add(new(nameof(input.FromName), "Keep the sender's name to 100 characters."));
        }
        if ((input.UserName?.Trim().Length ?? 0) > 200)
        {
            errors.Add(new(nameof(input.UserName), "Keep the user name to 200 characters."));
        }
        if (!Enum.IsDefined(input.Security))
        {
            errors.Add(new(nameof(input.Security), "Choose how the connection is encrypted: STARTTLS, TLS from the start, or none."));
        }
        else if (host.Length > 0 && input.Security == MailSecurity.None && !string.IsNullOrWhiteSpace(input.UserName))
        {
            errors.Add(new(nameof(input.Security), "Choose STARTTLS or TLS to sign in to the server: without encryption the user name and password cross the network unencrypted."));
        }
        if ((input.Password?.Length ?? 0) > 500)
        {
            errors.Add(new(nameof(input.Password), "Keep the password to 500 characters."));
        }
        return errors;
    }

    public void Apply(MailSettingsInput input, Func<string, string> protect, DateTime nowUtc)
    {
        Host = input.Host?.Trim() ?? "";
        Port = input.Port;
        Security = input.Security;
        UserName = string.IsNullOrWhiteSpace(input.UserName) ? null : input.UserName.Trim();
        if (input.Password is not null) ProtectedPassword = input.Password.Length == 0 ? null : protect(input.Password);
        if (UserName is null) ProtectedPassword = null;
        FromAddress = input.FromAddress?.Trim() ?? "";
        FromName = input.FromName?.Trim() ?? "";
        UpdatedAtUtc = nowUtc;
    }

}

public sealed record MailSettingsInput(string? Host, int Port, MailSecurity Security, string? UserName, string? Password, string? FromAddress, string? FromName);

/// <summary>How the connection to the mail server is encrypted.</summary>
public enum MailSecurity
{
    /// <summary>Not at all (a relay on the same machine or network only; no sign-in allowed).</summary>
    None = 0,
    /// <summary>A plain connection upgraded with STARTTLS before anything is sent (usually port 587); refused if the server does not offer it.</summary>
    StartTls = 1,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    TlsOnConnect = 2,
}

public static class MailSecurityText
{
    public static string Describe(this MailSecurity security) => security switch
    {
        MailSecurity.StartTls => "STARTTLS",
        MailSecurity.TlsOnConnect => "TLS from the start",
        _ => "no encryption",
    };
}

public static class MailSettingsQueries
{
    /// <summary>The one settings row, or null until an administrator has saved mail settings.</summary>
    public static Task<MailSettings?> CurrentAsync(this IQueryable<MailSettings> settings, CancellationToken ct) =>
        settings.FirstOrDefaultAsync(s => s.Id == MailSettings.SingletonId, ct);
}
