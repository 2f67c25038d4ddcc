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

    public int Port { get; } = FreePort();
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "compliance-test-mail", Guid.NewGuid().ToString("N"));

    public static async Task<TestSmtpServer> StartAsync()
    {
        var server = new TestSmtpServer();
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        // The Mailbox handler makes the maildir (with its tmp, new and cur folders) when it is not there.
        Directory.CreateDirectory(Path.GetDirectoryName(MailDirectory)!);
        var start = new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", MailDirectory])
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

    public static string Decoded(string raw)
    {
        var decoded = new System.Text.StringBuilder(raw);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(raw, @"=\?utf-8\?B\?([^?]+)\?=", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            decoded.Append('\n').Append(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));
        }
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(raw, @"Content-Transfer-Encoding: base64\r?\n(?:\S[^\r\n]*\r?\n)*\r?\n((?:[A-Za-z0-9+/=]+\r?\n)+)"))
        {
            decoded.Append('\n').Append(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(System.Text.RegularExpressions.Regex.Replace(m.Groups[1].Value, @"\s", ""))));
        }
        return decoded.ToString();
    }

    /// <summary>Waits until at least this many messages have arrived (or the time is up), then returns them all.</summary>
    public async Task<List<string>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Messages().Count < count && DateTime.UtcNow < until) await Task.Delay(100);
        return Messages();
    }

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
    }
}
