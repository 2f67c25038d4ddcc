using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Compliance.Testing;

/// <summary>
/// A time-stamping authority on 127.0.0.1 as RFC 3161 describes it over HTTP (a query posted as
/// <c>application/timestamp-query</c>, the reply as <c>application/timestamp-reply</c>), each answer made by
/// <c>openssl ts -reply</c> with a certificate for time-stamping issued by a test certificate authority
/// (<see cref="AuthorityCertificateFile"/> is what a reader checks a token against). It can refuse (500) or answer
/// with bytes that are no reply, as an authority in trouble does.
/// </summary>
public sealed class OpensslTimeStampAuthority : IDisposable
{
    public const string Name = "Test Time-Stamping Authority";

    private readonly HttpListener _listener = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "compliance-tsa-" + Guid.NewGuid().ToString("N"));
    private int _requests;

    public string Url { get; }

    public string AuthorityCertificateFile => Path.Combine(_folder, "ca.crt");

    public int Requests => Volatile.Read(ref _requests);

    public bool Refuse { get; set; }

    public bool AnswerNonsense { get; set; }

    /// <summary>Answers with a well-formed refusal (PKIStatus "rejection", no token), as an authority that will not stamp does.</summary>
    public bool Reject { get; set; }

    public OpensslTimeStampAuthority()
    {
        Directory.CreateDirectory(_folder);
        Openssl("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt -days 30 -subj /CN=Test-CA "
            + "-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign");
        Openssl($"req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout tsa.key -out tsa.csr -subj \"/CN={Name}\"");
        File.WriteAllText(Path.Combine(_folder, "ext.cnf"), "extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\n");
        Openssl("x509 -req -in tsa.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out tsa.crt -days 30 -extfile ext.cnf");
        File.WriteAllText(Path.Combine(_folder, "serial"), "01\n");
        File.WriteAllText(Path.Combine(_folder, "ts.cnf"), $"""
            [ tsa ]
            default_tsa = tsa1
            [ tsa1 ]
            serial = {_folder}/serial
            crypto_device = builtin
            signer_cert = {_folder}/tsa.crt
            signer_key = {_folder}/tsa.key
            signer_digest = sha256
            default_policy = 1.2.3.4.1
            other_policies = 1.2.3.4.2
            digests = sha256
            accuracy = secs:1
            ordering = yes
            tsa_name = yes
            ess_cert_id_chain = no
            ess_cert_id_alg = sha256
            """);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/tsa/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            Interlocked.Increment(ref _requests);
            try
            {
                var name = Guid.NewGuid().ToString("N");
                var query = Path.Combine(_folder, name + ".tsq");
                await using (var file = File.Create(query)) await context.Request.InputStream.CopyToAsync(file);
                byte[] answer;
                if (Refuse)
                {
                    context.Response.StatusCode = 500;
                    answer = "The authority is unavailable"u8.ToArray();
                }
                else if (Reject)
                {
                    // TimeStampResp ::= SEQUENCE { status PKIStatusInfo ::= SEQUENCE { status INTEGER 2 (rejection) } }
                    answer = [0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02];
                }
                else if (AnswerNonsense)
                {
                    answer = "<html>Not a time-stamp reply</html>"u8.ToArray();
                }
                else
                {
                    Openssl($"ts -reply -config ts.cnf -queryfile {name}.tsq -out {name}.tsr");
                    answer = await File.ReadAllBytesAsync(Path.Combine(_folder, name + ".tsr"));
                }
                context.Response.ContentType = "application/timestamp-reply";
                await context.Response.OutputStream.WriteAsync(answer);
            }
            catch (Exception)
            {
                context.Response.StatusCode = 500;
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    /// <summary>What <c>openssl ts -verify</c> says of a token for the data in a file, checked against the authority's certificate authority.</summary>
    public (int ExitCode, string Output) Verify(string dataFile, string tokenFile)
    {
        var (code, output) = Run($"ts -verify -data \"{dataFile}\" -in \"{tokenFile}\" -CAfile \"{AuthorityCertificateFile}\"");
        return (code, output);
    }

    private void Openssl(string arguments)
    {
        var (code, output) = Run(arguments);
        if (code != 0) throw new InvalidOperationException($"openssl {arguments} failed: {output}");
    }

    private (int, string) Run(string arguments)
    {
        var start = new ProcessStartInfo("openssl", arguments) { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + errors);
    }

    public void Dispose()
    {
        _listener.Close();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
