using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Web.Infrastructure;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.Auditing;

/// <summary>The app with its log kept and a checkpoint every second, as the hourly one would be.</summary>
public sealed class CheckpointRecordApp : Accounts.VerboseLogsAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Compliance:Audit:CheckpointEvery", "00:00:01");
    }
}

/// <summary>
/// Every checkpoint is recorded in the chain itself, so an insider who deletes only the newest checkpoint file, or
/// all of them and restarts, leaves a link the chain names; and no checkpoint is written over a chain that fails.
/// </summary>
public sealed class AuditCheckpointRecordTests(CheckpointRecordApp app) : IClassFixture<CheckpointRecordApp>
{
    private string Folder => Path.Combine(app.DataDirectory, "anchor", "checkpoints");

    private async Task<List<(long Sequence, string? EntityId, string Summary)>> RecordsAsync()
    {
        await using var db = app.NewDbContext();
        return [.. (await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAnchor.CheckpointAction).OrderBy(e => e.Sequence).ToListAsync())
            .Select(e => (e.Sequence, e.EntityId, e.Summary))];
    }

    private Task<bool> UpToDateAsync() => app.WithServiceAsync<AuditAnchor, bool>(a => a.IsUpToDateAsync(app.NewDbContext(), CancellationToken.None));

    [Fact]
    public async Task Checkpoints_are_written_hourly_recorded_in_the_chain_and_a_deleted_file_or_a_restart_over_a_failed_chain_is_named()
    {
        // The hourly checkpoint comes once there is something new, and records itself; with nothing new after it, none.
        await Checkpoints.AddSitesAsync(app, "Hourly", 2);
        await Poll.UntilAsync("an hourly checkpoint of the new entries", UpToDateAsync, done => done, TimeSpan.FromSeconds(30));
        var records = await RecordsAsync();
        records.Should().NotBeEmpty();
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await RecordsAsync()).Should().HaveCount(records.Count, "with nothing written since, the next rounds write no checkpoint");
        var files = Directory.GetFiles(Folder).Select(Path.GetFileName).Order().ToList();
        files.Should().HaveCount(records.Count);
        records[^1].EntityId.Should().EndWith("/" + files[^1]);
        records[^1].Summary.Should().Be($"Signed checkpoint of entry {records[^1].Sequence - 1} kept as anchor/checkpoints/{files[^1]} (hourly)");
        (await Checkpoints.VerifyAsync(app)).IsValid.Should().BeTrue();

        // Another entry, and the next round's checkpoint of it; then only the newest file is deleted: the chain's record of it is a broken link.
        await Checkpoints.AddSitesAsync(app, "Later", 1);
        await Poll.UntilAsync("the next round's checkpoint of the new entry", UpToDateAsync, done => done, TimeSpan.FromSeconds(30));
        records = await RecordsAsync();
        // The newest checkpoint the chain records: a round may write the next file before its record is committed,
        // so the file is the one the record names, not the newest in the folder.
        var record = records[^1];
        var newestFile = Path.Combine(Folder, record.EntityId![(record.EntityId!.IndexOf('/') + 1)..]);
        File.Exists(newestFile).Should().BeTrue();
        File.Delete(newestFile);
        var verdict = await Checkpoints.VerifyAsync(app);
        verdict.Problem.Should().Be($"entry {record.Sequence} records the checkpoint {Path.GetFileName(newestFile)}, which is missing from anchor/checkpoints: it was deleted");
        var admin = await app.SignedInAdministratorAsync();
        Html.Text(await admin.GetPageAsync("/audit")).Should().Contain($"records the checkpoint {Path.GetFileName(newestFile)}, which is missing");
        var command = await AppProcess.RunCommandAsync(app.ConnectionString, app.DataDirectory, "verify-audit");
        command.ExitCode.Should().Be(1);

        // Every checkpoint and the record of the newest entry deleted, then a restart: no checkpoint is written over
        // the chain, and the log says so loudly; the hourly round writes none either.
        foreach (var f in Directory.GetFiles(Folder)) File.Delete(f);
        File.Delete(Path.Combine(app.DataDirectory, "anchor", "head.json"));
        await Checkpoints.AddSitesAsync(app, "After", 1);
        await DatabaseStartup.WriteStartCheckpointAsync(app.Services);
        app.Messages.Should().Contain(m => m.Contains("THE AUDIT TRAIL FAILED ITS CHECK") && m.Contains("missing from anchor/checkpoints"));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Directory.GetFiles(Folder).Should().BeEmpty();
        var problem = (await Checkpoints.VerifyAsync(app)).Problem;
        problem.Should().Contain("missing from anchor/checkpoints");

        // Only a director may acknowledge it, with a reason; then the record starts again and the check passes.
        var director = await app.SignedInAsync(await app.CreateAccountAsync("ack-director@example.test", [Roles.Director], twoFactor: false, "Dana Director"));
        Html.Text(await director.GetPageAsync("/audit")).Should().Contain("Acknowledge the failed check");
        Html.Text(await director.GetPageAsync("/audit/acknowledge")).Should().Contain(problem!);
        var refused = await director.SubmitFormAsync("/audit/acknowledge", [new("Reason", "  ")]);
        Html.Text(await refused.Content.ReadAsStringAsync()).Should().Contain("Say why the failed check is expected");
        (await RecordsAsync()).Should().HaveCount(records.Count, "a refused acknowledgement changes nothing, and no round writes over the failed chain");
        var done = await director.SubmitFormAsync("/audit/acknowledge", [new("Reason", "Checkpoints deleted in a test, investigated")]);
        done.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        (await Checkpoints.VerifyAsync(app)).IsValid.Should().BeTrue();
        var audit = Html.Text(await director.GetPageAsync("/audit"));
        audit.Should().Contain("The chain is intact").And.Contain("Failed checks acknowledged")
            .And.Contain("Failed check of the audit trail acknowledged by Dana Director (Checkpoints deleted in a test, investigated): " + problem);
        Directory.GetDirectories(Path.Combine(app.DataDirectory, "anchor", "set-aside")).Should().ContainSingle();
        (await AppProcess.RunCommandAsync(app.ConnectionString, app.DataDirectory, "verify-audit")).ExitCode.Should().Be(0);

        // After a restore, the operator acknowledges at the command line; a chain whose own entries were altered cannot be.
        File.Delete(Path.Combine(app.DataDirectory, "anchor", "head.json"));
        var byCommand = await AppProcess.RunCommandAsync(app.ConnectionString, app.DataDirectory, "acknowledge-audit", "Restored from the backup of 1 December 2026");
        byCommand.ExitCode.Should().Be(0, byCommand.Errors);
        byCommand.Output.Should().Contain("The audit chain is intact");
        await TestDatabase.AsInsiderAsync(app.ConnectionString, "UPDATE audit_entries SET summary = 'Nothing' WHERE sequence = 2");
        var broken = await AppProcess.RunCommandAsync(app.ConnectionString, app.DataDirectory, "acknowledge-audit", "Hide it");
        broken.ExitCode.Should().Be(1);
        broken.Errors.Should().Contain("The chain itself is broken (entry 2 was altered");
    }
}
