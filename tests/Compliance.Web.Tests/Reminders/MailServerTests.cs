using Compliance.Core.Mail;
using Compliance.Web.Mail;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace Compliance.Web.Tests.Reminders;

/// <summary>The mail transport against real SMTP servers that encrypt, ask for a sign-in, or refuse.</summary>
public sealed class MailServerTests
{
    private static readonly IDataProtectionProvider Protection = DataProtectionProvider.Create("mail-server-tests");

    private static MailKitTransport Transport(string? trustedCertificate) => new(
        Microsoft.Extensions.Options.Options.Create(new MailOptions { TrustedCertificatePath = trustedCertificate, OutboxPath = Path.GetTempPath() }), Protection);

    private static MailSettings Settings(int port, MailSecurity security, string? user = null, string? password = null)
    {
        var settings = new MailSettings();
        var input = new MailSettingsInput("127.0.0.1", port, security, user, password, "compliance@example.test", "Compliance");
        MailSettings.Validate(input).Should().BeEmpty();
        settings.Apply(input, Protection.CreateProtector(MailKitTransport.PasswordPurpose).Protect, DateTime.UtcNow);
        return settings;
    }

    private static OutboxMessage Message(string to) =>
        new(to, "Hana Human", new RenderedEmail("Risk assessment review due: Bar & Kitchen", "<p>Review <strong>Bar &amp; Kitchen</strong></p>", "Review Bar & Kitchen"), "test", null, DateTime.UtcNow);

    [Fact]
    public async Task A_server_that_demands_STARTTLS_gets_an_encrypted_multipart_message_with_the_apps_Message_ID_and_nothing_in_clear()
    {
        await using var server = await TestSmtpServer.StartAsync(new(RequireStartTls: true));
        var message = Message("hana@example.test");
        (await Transport(server.CertificatePath).DeliverAsync(message, Settings(server.Port, MailSecurity.StartTls), CancellationToken.None)).Should().BeNull();

        var received = MimeKit.MimeMessage.Load(Directory.EnumerateFiles(Path.Combine(server.MailDirectory, "new")).Single());
        received.MessageId.Should().Be($"{message.Id:N}@example.test");
        received.Body?.ContentType.MimeType.Should().Be("multipart/alternative");
        received.TextBody?.Trim().Should().Be("Review Bar & Kitchen");
        received.HtmlBody.Should().Contain("<strong>Bar &amp; Kitchen</strong>");
        received.Subject.Should().Be("Risk assessment review due: Bar & Kitchen");
        received.To.ToString().Should().Be("\"Hana Human\" <hana@example.test>");

        // Set to send without encryption, the same server refuses, and the failure says what the server said.
        var clear = (await FluentActions.Awaiting(() => Transport(server.CertificatePath).DeliverAsync(Message("hana@example.test"), Settings(server.Port, MailSecurity.None), CancellationToken.None)).Should().ThrowExactlyAsync<MailDeliveryException>()).Which;
        clear.Message.Should().Be("The mail server refused to go on: Must issue a STARTTLS command first. Check the encryption setting, or set a user name and password.");

        // A certificate nobody said to trust is refused before anything is sent.
        var untrusted = (await FluentActions.Awaiting(() => Transport(null).DeliverAsync(Message("hana@example.test"), Settings(server.Port, MailSecurity.StartTls), CancellationToken.None)).Should().ThrowExactlyAsync<MailDeliveryException>()).Which;
        untrusted.Message.Should().Contain("certificate is not trusted");
        Directory.EnumerateFiles(Path.Combine(server.MailDirectory, "new")).Should().ContainSingle();
    }

    [Fact]
    public async Task STARTTLS_is_never_given_up_for_a_plain_connection_when_the_server_does_not_offer_it()
    {
        await using var server = await TestSmtpServer.StartAsync();
        var error = (await FluentActions.Awaiting(() => Transport(null).DeliverAsync(Message("hana@example.test"), Settings(server.Port, MailSecurity.StartTls), CancellationToken.None)).Should().ThrowExactlyAsync<MailDeliveryException>()).Which;
        error.Message.Should().Contain("does not offer STARTTLS, so nothing was sent unencrypted");
        server.Messages().Should().BeEmpty();
    }

    [Fact]
    public async Task A_server_speaking_TLS_from_the_first_byte_gets_the_message()
    {
        await using var server = await TestSmtpServer.StartAsync(new(TlsOnConnect: true));
        (await Transport(server.CertificatePath).DeliverAsync(Message("hana@example.test"), Settings(server.Port, MailSecurity.TlsOnConnect), CancellationToken.None)).Should().BeNull();
        (await server.WaitForAsync(1)).Should().Contain(m => m.Contains("Review Bar & Kitchen"));
    }

    [Fact]
    public async Task The_app_signs_in_with_the_stored_password_and_a_wrong_one_is_a_clear_failure()
    {
        await using var server = await TestSmtpServer.StartAsync(new(RequireStartTls: true, User: "mailer", Password: "s3cret-smtp"));
        (await Transport(server.CertificatePath).DeliverAsync(Message("hana@example.test"), Settings(server.Port, MailSecurity.StartTls, "mailer", "s3cret-smtp"), CancellationToken.None)).Should().BeNull();
        (await server.WaitForAsync(1)).Should().ContainSingle();

        var wrong = (await FluentActions.Awaiting(() => Transport(server.CertificatePath).DeliverAsync(Message("hana@example.test"), Settings(server.Port, MailSecurity.StartTls, "mailer", "wrong"), CancellationToken.None)).Should().ThrowExactlyAsync<MailDeliveryException>()).Which;
        wrong.Message.Should().Be("The mail server did not accept the user name and password for mailer.");
        wrong.Message.Should().NotContain("wrong");
        server.Messages().Should().ContainSingle();
    }

    [Fact]
    public async Task A_refused_recipient_is_a_failure_naming_the_refusal_and_nothing_is_delivered()
    {
        await using var server = await TestSmtpServer.StartAsync(new(RefuseRecipientsContaining: "left-the-company"));
        var error = (await FluentActions.Awaiting(() => Transport(null).DeliverAsync(Message("left-the-company@example.test"), Settings(server.Port, MailSecurity.None), CancellationToken.None)).Should().ThrowExactlyAsync<MailDeliveryException>()).Which;
        error.Message.Should().Be("The server refused the recipient (550: 5.1.1 No such mailbox here).");
        server.Messages().Should().BeEmpty();
        // The next recipient on the same server is not affected.
        (await Transport(null).DeliverAsync(Message("hana@example.test"), Settings(server.Port, MailSecurity.None), CancellationToken.None)).Should().BeNull();
        (await server.WaitForAsync(1)).Should().ContainSingle();
    }
}
