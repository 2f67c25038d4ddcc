using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Web.Tests.Data;

/// <summary>
/// Several instances on one PostgreSQL database share one key ring, kept in the database and encrypted with a
/// certificate each instance is given; an instance with a key ring of its own refuses to start.
/// </summary>
public sealed class SharedKeyRingTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "compliance-test-data", "keyring-" + Guid.NewGuid().ToString("N"));
    private string _connection = "";
    private Dictionary<string, string> _shared = [];

    public async Task InitializeAsync()
    {
        if (TestDatabase.IsSqlite) return;
        Directory.CreateDirectory(_folder);
        _connection = await TestDatabase.CreateDatabaseAsync();
        var certificate = Path.Combine(_folder, "key-ring.pfx");
        await TestCertificate.WritePfxAsync(certificate, "CN=Compliance key ring", "shared secret");
        _shared = new Dictionary<string, string>
        {
            ["Compliance__KeyRing__Store"] = "Database",
            ["Compliance__KeyRing__Certificate"] = certificate,
            ["Compliance__KeyRing__CertificatePassword"] = "shared secret",
            ["Compliance__Cases__ReportsPerClientPerHour"] = "1000000",
        };
        var (exit, _, errors) = await AppProcess.RunCommandAsync(_connection, Path.Combine(_folder, "seed"), ["seed-demo", "--employees", "20"], _folder, _shared);
        (exit == 0).Should().BeTrue(errors);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [PostgreSqlFact]
    public async Task A_report_taken_by_one_instance_is_followed_up_on_another_and_an_instance_with_its_own_key_ring_refuses_to_start()
    {
        // Two instances, each with a data directory of its own (as on two servers), sharing the database.
        await using var first = await AppProcess.StartAsync(_connection, Path.Combine(_folder, "first"), _shared, _folder);
        await using var second = await AppProcess.StartAsync(_connection, Path.Combine(_folder, "second"), _shared, _folder);
        ReportLoad.Issued issued;
        using (var browser = ReportLoad.NewBrowser(first.BaseUrl)) issued = await ReportLoad.SubmitAsync(browser, 1);
        using (var browser = ReportLoad.NewBrowser(second.BaseUrl)) (await ReportLoad.OpensAsync(browser, issued)).Should().BeTrue();

        // The keys in the database are encrypted with the certificate: the database alone does not open them.
        var keys = await TestDatabase.ScalarAsync<string>(_connection, "SELECT string_agg(xml, '') FROM key_ring");
        keys.Should().Contain("encryptedSecret");
        keys.Should().NotContain("<value>");
        (Directory.Exists(Path.Combine(_folder, "first", "keys")) && Directory.GetFiles(Path.Combine(_folder, "first", "keys")).Length > 0).Should().BeFalse();

        // A key written into the table by someone with access to the database (who could encrypt one to the
        // certificate's public key, but cannot sign it) is refused, and said so.
        await TestDatabase.ExecuteAsync(_connection,
            "INSERT INTO key_ring (id, name, xml, signature, created_at_utc) SELECT gen_random_uuid(), 'planted', xml, '\\x00'::bytea, now() FROM key_ring LIMIT 1");
        await using (var third = await AppProcess.StartAsync(_connection, Path.Combine(_folder, "planted"), _shared, _folder))
        {
            using var browser = ReportLoad.NewBrowser(third.BaseUrl);
            (await ReportLoad.OpensAsync(browser, issued)).Should().BeTrue();
            third.AllOutput.Should().Contain("is not signed with this instance's certificate and is not used");
        }

        // An instance left on a key ring of its own would fail on every case: it refuses to start, saying why.
        var refused = (await FluentActions.Awaiting(() => AppProcess.StartAsync(_connection, Path.Combine(_folder, "third"), null, _folder)).Should().ThrowExactlyAsync<TimeoutException>()).Which;
        refused.Message.Should().Contain("key ring cannot open the reports already in the database");

        // And the shared store without the certificate is refused too: the database would hold its own keys.
        var withoutCertificate = new Dictionary<string, string> { ["Compliance__KeyRing__Store"] = "Database" };
        var noCertificate = (await FluentActions.Awaiting(() => AppProcess.StartAsync(_connection, Path.Combine(_folder, "fourth"), withoutCertificate, _folder)).Should().ThrowExactlyAsync<TimeoutException>()).Which;
        noCertificate.Message.Should().Contain("Compliance:KeyRing:Certificate must name the certificate");
    }
}
