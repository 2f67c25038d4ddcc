using System.Net;
using System.Net.Sockets;
using Compliance.Core.Auditing;
using Compliance.Testing;
using Compliance.Web.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Tests.Auditing;

/// <summary>The app's way to an RFC 3161 authority, against one answered by openssl: out of reach, refusing, too slow, answering.</summary>
public sealed class HttpTimeStampTransportTests : IDisposable
{
    private readonly OpensslTimeStampAuthority _authority = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _authority.Dispose();
    }

    private HttpTimeStampTransport Transport(double timeoutSeconds = 10) =>
        new(_http, Options.Create(new CheckpointTimeStampOptions { Timeout = TimeSpan.FromSeconds(timeoutSeconds) }), NullLogger<HttpTimeStampTransport>.Instance);

    /// <summary>A query for the SHA-256 of some data, asking for the authority's certificate.</summary>
    private static byte[] Query()
    {
        var generator = new Org.BouncyCastle.Tsp.TimeStampRequestGenerator();
        generator.SetCertReq(true);
        return generator.Generate(Org.BouncyCastle.Tsp.TspAlgorithms.Sha256, System.Security.Cryptography.SHA256.HashData("checkpoint"u8)).GetEncoded();
    }

    [Fact]
    public async Task An_answer_comes_back_whole_and_an_authority_out_of_reach_refusing_or_silent_gives_nothing_and_no_error()
    {
        var answer = await Transport().AskAsync(new Uri(_authority.Url), Query(), default);
        answer.Should().NotBeNull();
        new Org.BouncyCastle.Tsp.TimeStampResponse(answer!).TimeStampToken.Should().NotBeNull("the reply holds a token");
        _authority.Requests.Should().Be(1);

        _authority.Refuse = true;
        (await Transport().AskAsync(new Uri(_authority.Url), Query(), default)).Should().BeNull();
        _authority.Requests.Should().Be(2);

        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        (await Transport().AskAsync(new Uri($"http://127.0.0.1:{port}/"), Query(), default)).Should().BeNull();

        // One that accepts the connection and never answers is given up after the timeout.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var started = DateTime.UtcNow;
        (await Transport(timeoutSeconds: 1).AskAsync(new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/"), Query(), default)).Should().BeNull();
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(8));
    }
}
