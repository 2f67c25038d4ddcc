using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Compliance.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for tests: Debian's aiosmtpd on a free loopback port, keeping every message it accepts in a
/// maildir, so a test counts what truly arrived. It can be stopped and started again on the same port (the
/// "server down" test).
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private Process? _process;

    /// <summary>How the server behaves: plain (the default), demanding STARTTLS, TLS from the first byte, a sign-in, or refusing recipients.</summary>
    public sealed record Behaviour(bool RequireStartTls = false, bool TlsOnConnect = false, string? User = null, string? Password = null, string? RefuseRecipientsContaining = null);

    private readonly Behaviour _behaviour = new();

    public TestSmtpServer(Behaviour? behaviour = null) => _behaviour = behaviour ?? new Behaviour();

    /// <summary>The server's self-signed certificate (PEM), when it speaks TLS: the app is told to trust exactly this one.</summary>
    public string CertificatePath => Path.Combine(MailDirectory + "-tls", "server.crt");

    public int Port { get; } = FreePort();
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "compliance-test-mail", Guid.NewGuid().ToString("N"));

    public static async Task<TestSmtpServer> StartAsync(Behaviour? behaviour = null)
    {
        var server = new TestSmtpServer(behaviour);
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        // The Mailbox handler makes the maildir (with its tmp, new and cur folders) when it is not there.
        Directory.CreateDirectory(Path.GetDirectoryName(MailDirectory)!);
        var script = Path.Combine(Path.GetDirectoryName(MailDirectory)!, "smtp-server.py");
        await File.WriteAllTextAsync(script, Script);
        var arguments = new List<string> { script, "--port", Port.ToString(), "--maildir", MailDirectory };
        if (_behaviour.RequireStartTls || _behaviour.TlsOnConnect || _behaviour.User is not null)
        {
            var folder = Path.GetDirectoryName(CertificatePath)!;
            Directory.CreateDirectory(folder);
            if (!File.Exists(CertificatePath))
            {
                using var key = System.Security.Cryptography.RSA.Create(2048);
                var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=127.0.0.1", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
                var names = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
                names.AddIpAddress(IPAddress.Loopback);
                request.CertificateExtensions.Add(names.Build());
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
                await File.WriteAllTextAsync(CertificatePath, certificate.ExportCertificatePem());
                await File.WriteAllTextAsync(Path.Combine(folder, "server.key"), key.ExportPkcs8PrivateKeyPem());
            }
            arguments.AddRange(["--cert", CertificatePath, "--key", Path.Combine(folder, "server.key")]);
        }
        if (_behaviour.RequireStartTls) arguments.Add("--require-starttls");
        if (_behaviour.TlsOnConnect) arguments.Add("--tls-on-connect");
        if (_behaviour.User is not null) arguments.AddRange(["--user", _behaviour.User, "--password", _behaviour.Password ?? ""]);
        if (_behaviour.RefuseRecipientsContaining is not null) arguments.AddRange(["--refuse", _behaviour.RefuseRecipientsContaining]);
        var start = new ProcessStartInfo("/usr/bin/python3", arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd (install python3-aiosmtpd).");
        for (var i = 0; i < 100; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException("aiosmtpd stopped at once: " + await _process.StandardError.ReadToEndAsync());
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("aiosmtpd did not start listening.");
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process = null;
    }

    /// <summary>Every message received so far: its raw text, followed by its base64 parts and headers decoded.</summary>
    public List<string> Messages() =>
        [.. new[] { "new", "cur" }.Select(d => Path.Combine(MailDirectory, d)).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles).Select(File.ReadAllText).Select(Decoded)];

    /// <summary>The raw message, then its subject and bodies decoded (whatever transfer encoding the sender chose).</summary>
    public static string Decoded(string raw)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw));
        var message = MimeKit.MimeMessage.Load(stream);
        return string.Join('\n', raw, message.Subject, message.To.ToString(), message.TextBody, message.HtmlBody);
    }

    /// <summary>Waits until at least this many messages have arrived, then returns them all; fails the test when they have not arrived in time (30 s unless given).</summary>
    public Task<List<string>> WaitForAsync(int count, TimeSpan? timeout = null) =>
        Poll.UntilAsync($"{count} message(s) at the mail server", () => Task.FromResult(Messages()), m => m.Count >= count,
            timeout ?? TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));

    /// <summary>aiosmtpd with a maildir, and the options a test asks for.</summary>
    private const string Script = """
        import argparse, asyncio, ssl
        from aiosmtpd.handlers import Mailbox
        from aiosmtpd.smtp import SMTP, AuthResult

        p = argparse.ArgumentParser()
        p.add_argument("--port", type=int, required=True)
        p.add_argument("--maildir", required=True)
        p.add_argument("--cert")
        p.add_argument("--key")
        p.add_argument("--require-starttls", action="store_true")
        p.add_argument("--tls-on-connect", action="store_true")
        p.add_argument("--user")
        p.add_argument("--password")
        p.add_argument("--refuse")
        a = p.parse_args()

        class Handler(Mailbox):
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if a.refuse and a.refuse in address:
                    return "550 5.1.1 No such mailbox here"
                envelope.rcpt_tos.append(address)
                return "250 OK"

        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login == a.user.encode() and auth_data.password == a.password.encode()
            return AuthResult(success=ok, handled=False)

        tls = None
        if a.cert:
            tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            tls.load_cert_chain(a.cert, a.key)
        handler = Handler(a.maildir)

        def factory():
            return SMTP(handler, hostname="test-smtp",
                        tls_context=None if a.tls_on_connect else tls,
                        require_starttls=a.require_starttls,
                        authenticator=authenticate if a.user else None,
                        auth_required=bool(a.user),
                        auth_require_tls=True)

        loop = asyncio.new_event_loop()
        server = loop.run_until_complete(loop.create_server(factory, "127.0.0.1", a.port, ssl=tls if a.tls_on_connect else None))
        loop.run_forever()
        """;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(MailDirectory)) Directory.Delete(MailDirectory, recursive: true);
        if (Directory.Exists(MailDirectory + "-tls")) Directory.Delete(MailDirectory + "-tls", recursive: true);
    }
}
