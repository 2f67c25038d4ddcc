using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Compliance.Core.Auditing;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Tests.Auditing;

/// <summary>Reading the checkpoints kept outside the database, and whether each one's signature holds, from files alone.</summary>
public sealed class AuditAnchorReadingTests : IDisposable
{
    private static readonly DateTime At = new(2026, 11, 30, 2, 0, 0, DateTimeKind.Utc);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "anchor-" + Guid.NewGuid().ToString("N"));
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        key.Dispose();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private AuditAnchor Anchor => new(Options.Create(new AuditAnchorOptions { Folder = folder }), TimeProvider.System);

    private string Checkpoints => Path.Combine(folder, "checkpoints");

    private void KeepPublicKey() => File.WriteAllText(Path.Combine(folder, "checkpoint-signing-key.pub.pem"), key.ExportSubjectPublicKeyInfoPem());

    private void KeepPrivateKeyOnly() => File.WriteAllText(Path.Combine(folder, "checkpoint-signing-key.pem"), key.ExportPkcs8PrivateKeyPem());

    private AuditCheckpoint Signed(long sequence, string reason = "daily")
    {
        var unsigned = new AuditCheckpoint(sequence, new string('c', 64), At, reason, "");
        return unsigned with { Signature = Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(unsigned.Signed), HashAlgorithmName.SHA256)) };
    }

    private void Write(string name, object checkpoint) => WriteText(name, JsonSerializer.Serialize(checkpoint));

    private void WriteText(string name, string text)
    {
        Directory.CreateDirectory(Checkpoints);
        File.WriteAllText(Path.Combine(Checkpoints, name), text);
    }

    [Fact]
    public void With_no_checkpoints_folder_there_is_nothing_to_read_and_no_key()
    {
        Anchor.ReadAll().Should().BeEmpty();
        Anchor.HasKey.Should().BeFalse();
        Anchor.PublicKeyFile.Should().Be(Path.Combine(folder, "checkpoint-signing-key.pub.pem"));
    }

    [Fact]
    public void Checkpoints_are_read_oldest_first_and_a_signature_made_by_the_key_holds()
    {
        Directory.CreateDirectory(folder);
        KeepPublicKey();
        Write("20261130T020000Z-12.json", Signed(12));
        Write("20261129T020000Z-9.json", Signed(9));
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Checkpoints).FullName, "notes.txt"), "not a checkpoint");
        var all = Anchor.ReadAll();
        all.Select(c => c.File).Should().Equal("20261129T020000Z-9.json", "20261130T020000Z-12.json");
        all.Should().OnlyContain(c => c.SignatureHolds);
        all[1].Checkpoint.Should().Be(Signed(12) with { Signature = all[1].Checkpoint!.Signature });
        Anchor.HasKey.Should().BeFalse();
    }

    [Fact]
    public void The_private_key_alone_is_enough_to_check_a_signature()
    {
        Directory.CreateDirectory(folder);
        KeepPrivateKeyOnly();
        Write("a.json", Signed(3));
        Anchor.HasKey.Should().BeTrue();
        Anchor.ReadAll().Single().SignatureHolds.Should().BeTrue();
    }

    [Fact]
    public void A_checkpoint_changed_after_signing_does_not_hold()
    {
        Directory.CreateDirectory(folder);
        KeepPublicKey();
        Write("a.json", Signed(12) with { Sequence = 13 });
        Write("b.json", Signed(12) with { Hash = new string('d', 64) });
        Write("c.json", Signed(12) with { Reason = "pack" });
        Write("d.json", Signed(12) with { AtUtc = At.AddTicks(1) });
        Anchor.ReadAll().Should().HaveCount(4).And.OnlyContain(c => c.Checkpoint != null && !c.SignatureHolds);
    }

    [Fact]
    public void A_signature_by_another_key_or_one_that_is_not_base64_does_not_hold()
    {
        Directory.CreateDirectory(folder);
        KeepPublicKey();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var unsigned = new AuditCheckpoint(5, new string('c', 64), At, "daily", "");
        Write("a.json", unsigned with { Signature = Convert.ToBase64String(other.SignData(Encoding.UTF8.GetBytes(unsigned.Signed), HashAlgorithmName.SHA256)) });
        Write("b.json", unsigned with { Signature = "not base64!" });
        Anchor.ReadAll().Should().OnlyContain(c => !c.SignatureHolds);
    }

    [Fact]
    public void An_unreadable_file_or_one_missing_a_part_is_named_and_does_not_hold()
    {
        Directory.CreateDirectory(folder);
        KeepPublicKey();
        WriteText("a.json", "{ this is not json");
        WriteText("b.json", "{\"Sequence\":5,\"Hash\":null,\"AtUtc\":\"2026-11-30T02:00:00Z\",\"Reason\":\"daily\",\"Signature\":\"AAAA\"}");
        WriteText("c.json", "{\"Sequence\":5,\"Hash\":\"cc\",\"AtUtc\":\"2026-11-30T02:00:00Z\",\"Reason\":null,\"Signature\":\"AAAA\"}");
        WriteText("d.json", "{\"Sequence\":5,\"Hash\":\"cc\",\"AtUtc\":\"2026-11-30T02:00:00Z\",\"Reason\":\"daily\",\"Signature\":null}");
        var all = Anchor.ReadAll();
        all.Select(c => c.File).Should().Equal("a.json", "b.json", "c.json", "d.json");
        all[0].Checkpoint.Should().BeNull();
        all.Should().OnlyContain(c => !c.SignatureHolds);
    }

    [Fact]
    public void Without_any_key_or_with_an_unreadable_one_no_checkpoint_holds()
    {
        Write("a.json", Signed(12));
        Anchor.ReadAll().Single().SignatureHolds.Should().BeFalse();
        File.WriteAllText(Path.Combine(folder, "checkpoint-signing-key.pub.pem"), "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n");
        Anchor.ReadAll().Single().SignatureHolds.Should().BeFalse();
    }
}
