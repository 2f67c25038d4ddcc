namespace Compliance.Core.Mail;

/// <summary>Settings under Compliance:Mail (the server itself is set on the Mail settings page).</summary>
public sealed class MailOptions
{
    /// <summary>The address people use to reach the app, for links in emails (Compliance:PublicUrl).</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Where messages are written as .eml files while no mail server is set; Web sets datadir/outbox.</summary>
    public string OutboxPath { get; set; } = "";

    /// <summary>How long to wait after each failed attempt; after the last, the message is given up (and can be retried by hand).</summary>
    public TimeSpan[] BackOff { get; set; } =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4), TimeSpan.FromHours(12), TimeSpan.FromHours(24)];

    /// <summary>How long a sender's claim on a message lasts; a message still claimed after that (its sender died) is tried again.</summary>
    public TimeSpan ClaimFor { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Messages claimed per round.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// A certificate file (PEM or DER) the mail server may present even though the system does not trust it: a relay
    /// on the organisation's own network with a certificate of its own. Only that exact certificate is accepted.
    /// </summary>
    public string? TrustedCertificatePath { get; set; }

    public string Link(string path) => PublicUrl.TrimEnd('/') + path;
}
