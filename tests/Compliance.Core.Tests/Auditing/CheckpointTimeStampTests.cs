using Compliance.Core.Auditing;
using Compliance.Core.Tests.Scoring.Database;
using Compliance.Testing;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Tests.Auditing;

/// <summary>
/// Checkpoints vouched for by a time-stamping authority outside the installation (RFC 3161), against an authority
/// answered by <c>openssl ts</c>, on a real SQLite file made by the migrations and an anchor folder of its own; each
/// token is checked with <c>openssl ts -verify</c> as a reader without the app would.
/// </summary>
public sealed class CheckpointTimeStampTests : IDisposable
{
    private readonly EvidenceDatabase _data = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "compliance-anchor-" + Guid.NewGuid().ToString("N"));
    private readonly OpensslTimeStampAuthority _authority = new();
    private readonly AuditAnchor _anchor;
    private readonly HttpClient _http = new();

    public CheckpointTimeStampTests() =>
        _anchor = new AuditAnchor(Options.Create(new AuditAnchorOptions { Folder = _folder }), _data.Clock);

    public void Dispose()
    {
        _http.Dispose();
        _authority.Dispose();
        _data.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private CheckpointTimeStampOptions Settings(string? authority = null, bool trust = true) =>
        new() { Authority = authority ?? _authority.Url, AuthorityCertificate = trust ? _authority.AuthorityCertificateFile : "" };

    private CheckpointTimeStamps Stamps(string? authority = null, ITimeStampTransport? transport = null, bool trust = true) =>
        new(Options.Create(Settings(authority, trust)), _anchor, transport ?? new Post(_http));

    /// <summary>The query posted as RFC 3161 says (the web app's own transport is tested in the web tests).</summary>
    private sealed class Post(HttpClient http) : ITimeStampTransport
    {
        public async Task<byte[]?> AskAsync(Uri authority, byte[] query, CancellationToken ct)
        {
            using var content = new ByteArrayContent(query);
            content.Headers.ContentType = new("application/timestamp-query");
            using var answer = await http.PostAsync(authority, content, ct);
            return answer.IsSuccessStatusCode ? await answer.Content.ReadAsByteArrayAsync(ct) : null;
        }
    }

    /// <summary>An authority out of reach or too slow, as the transport reports it.</summary>
    private sealed class OutOfReach : ITimeStampTransport
    {
        public int Asked { get; private set; }

        public Task<byte[]?> AskAsync(Uri authority, byte[] query, CancellationToken ct)
        {
            Asked++;
            return Task.FromResult<byte[]?>(null);
        }
    }

    private AuditVerifier Verifier => new(_data.Db, _anchor, Options.Create(Settings()));

    private async Task<(AuditCheckpoint Checkpoint, string Name)> CheckpointAsync()
    {
        await new AuditTrail(_data.Clock, new Person(), _anchor).SaveAsync(_data.Db, new AuditEvent("site.created", "Site", Guid.NewGuid().ToString(), "Site added"));
        _data.Clock.Now = _data.Clock.Now.AddMinutes(1);
        var checkpoint = await _anchor.WriteAsync(_data.Db, "hourly", CancellationToken.None);
        checkpoint.Should().NotBeNull();
        var name = _anchor.ReadAll().Should().NotBeEmpty().And.Subject.Last(c => c.Checkpoint == checkpoint).File;
        return (checkpoint!, name);
    }

    private sealed class Person : IAuditActor
    {
        public AuditActorInfo Current => new("hr-1", "Harriet Human");
    }

    private string TokenOf(string name) => CheckpointTimeStamps.TokenFile(_anchor.CheckpointsFolder, name);

    /// <summary>The statement a checkpoint signs, as a file for openssl.</summary>
    private string StatementFile(AuditCheckpoint checkpoint)
    {
        var file = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllBytes(file, CheckpointTimeStamps.Statement(checkpoint));
        return file;
    }

    [Fact]
    public async Task A_checkpoint_is_vouched_for_by_the_authority_and_its_token_checks_out_with_openssl()
    {
        var (checkpoint, name) = await CheckpointAsync();
        var before = DateTime.UtcNow.AddSeconds(-2);
        (await Stamps().StampMissingAsync(default)).Should().Be(1);
        File.Exists(TokenOf(name)).Should().BeTrue();

        var (code, output) = _authority.Verify(StatementFile(checkpoint), TokenOf(name));
        output.Should().Contain("Verification: OK");
        code.Should().Be(0);
        var stamp = CheckpointTimeStamps.Examine(await File.ReadAllBytesAsync(TokenOf(name)), checkpoint, CheckpointTimeStamps.TrustedCertificates(Settings()));
        stamp.Problem.Should().BeNull();
        stamp.Trusted.Should().BeTrue("its signer was issued by the authority's certificate named in the settings");
        stamp.Authority.Should().Contain(OpensslTimeStampAuthority.Name);
        CheckpointTimeStamps.Examine(await File.ReadAllBytesAsync(TokenOf(name)), checkpoint).Described.Should().EndWith("(its certificate not checked: no authority certificate is named in the settings)");
        stamp.StampedAtUtc.Should().BeOnOrAfter(before).And.BeOnOrBefore(DateTime.UtcNow.AddSeconds(2), "the authority's clock, not the installation's, dates it");

        var verdict = await Verifier.VerifyAsync();
        verdict.IsValid.Should().BeTrue(verdict.Problem);
        verdict.TimeStamped.Should().StartWith($"entry {checkpoint.Sequence}, time-stamped by ").And.Contain(OpensslTimeStampAuthority.Name);

        // A checkpoint already vouched for is not sent again.
        var asked = _authority.Requests;
        (await Stamps().StampMissingAsync(default)).Should().Be(0);
        _authority.Requests.Should().Be(asked);
    }

    [Fact]
    public async Task A_token_moved_to_another_checkpoint_or_altered_is_named_by_the_check_and_by_openssl()
    {
        var (first, firstName) = await CheckpointAsync();
        var (second, secondName) = await CheckpointAsync();
        (await Stamps().StampMissingAsync(default)).Should().Be(2);
        (await Verifier.VerifyAsync()).IsValid.Should().BeTrue();

        // The first checkpoint's token put beside the second: it vouches for another statement. The chain itself is
        // checked by the checkpoints, so the check holds and says so beside it.
        File.Copy(TokenOf(firstName), TokenOf(secondName), overwrite: true);
        var verdict = await Verifier.VerifyAsync();
        verdict.IsValid.Should().BeTrue();
        verdict.TimeStampWarning.Should().Contain($"the time-stamp kept for the checkpoint of").And.Contain("it vouches for something other than this checkpoint");
        _authority.Verify(StatementFile(second), TokenOf(secondName)).ExitCode.Should().NotBe(0);

        // A byte of the first token's signature changed.
        var token = await File.ReadAllBytesAsync(TokenOf(firstName));
        token[^3] ^= 0x5A;
        await File.WriteAllBytesAsync(TokenOf(secondName), token);
        verdict = await Verifier.VerifyAsync();
        verdict.TimeStampWarning.Should().Contain("its signature does not hold");
        _authority.Verify(StatementFile(first), TokenOf(secondName)).ExitCode.Should().NotBe(0);

        // Bytes that are no token at all.
        await File.WriteAllTextAsync(TokenOf(secondName), "not a token");
        (await Verifier.VerifyAsync()).TimeStampWarning.Should().Contain("its signature does not hold");
    }

    [Fact]
    public async Task A_token_from_another_authority_or_a_refusal_is_never_kept_and_one_put_there_by_hand_is_named()
    {
        var (checkpoint, name) = await CheckpointAsync();
        // Someone holding the checkpoint key runs an authority of their own: its token is not kept against the one named.
        using var forger = new OpensslTimeStampAuthority();
        (await Stamps(authority: forger.Url).StampMissingAsync(default)).Should().Be(0);
        File.Exists(TokenOf(name)).Should().BeFalse();
        // Nor is a refusal.
        _authority.Reject = true;
        (await Stamps().StampMissingAsync(default)).Should().Be(0);
        File.Exists(TokenOf(name)).Should().BeFalse();
        _authority.Reject = false;

        // The forger's token put there by hand (kept by an installation that names no certificate) is named by the check.
        (await Stamps(authority: forger.Url, trust: false).StampMissingAsync(default)).Should().Be(1);
        var verdict = await Verifier.VerifyAsync();
        verdict.IsValid.Should().BeTrue();
        verdict.TimeStamped.Should().BeNull();
        verdict.TimeStampWarning.Should().Contain("it is not signed by the authority whose certificate is named in the settings");
        forger.Verify(StatementFile(checkpoint), TokenOf(name)).ExitCode.Should().Be(0, "it is a good token of the forger's own authority");
        _authority.Verify(StatementFile(checkpoint), TokenOf(name)).ExitCode.Should().NotBe(0, "which openssl, given the named authority's certificate, refuses too");
    }

    [Fact]
    public async Task An_authority_out_of_reach_refusing_or_answering_nonsense_never_stops_a_checkpoint_and_is_asked_again()
    {
        var (_, firstName) = await CheckpointAsync();
        var (_, secondName) = await CheckpointAsync();

        // None named: nothing is asked, nothing kept.
        (await Stamps(authority: "").StampMissingAsync(default)).Should().Be(0);
        (await Stamps(authority: "file:///etc/passwd").StampMissingAsync(default)).Should().Be(0);
        _authority.Requests.Should().Be(0);

        // Out of reach, refusing, or answering with what is not a reply: no token, no error, and the checkpoints still hold.
        var outOfReach = new OutOfReach();
        (await Stamps(transport: outOfReach).StampMissingAsync(default)).Should().Be(0);
        outOfReach.Asked.Should().Be(1, "the round stops at the first checkpoint the authority does not answer");
        _authority.Refuse = true;
        (await Stamps().StampMissingAsync(default)).Should().Be(0);
        _authority.Requests.Should().Be(1, "the round stops at the first checkpoint the authority refuses");
        _authority.Refuse = false;
        _authority.AnswerNonsense = true;
        (await Stamps().StampMissingAsync(default)).Should().Be(0);
        Directory.GetFiles(_anchor.CheckpointsFolder, "*" + CheckpointTimeStamps.TokenExtension).Should().BeEmpty();
        var verdict = await Verifier.VerifyAsync();
        verdict.IsValid.Should().BeTrue(verdict.Problem);
        verdict.TimeStamped.Should().BeNull();

        // Once it answers again, both are vouched for on the next round.
        _authority.AnswerNonsense = false;
        (await Stamps().StampMissingAsync(default)).Should().Be(2);
        File.Exists(TokenOf(firstName)).Should().BeTrue();
        File.Exists(TokenOf(secondName)).Should().BeTrue();
    }
}
