using Compliance.Core.Cases;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Reminders;

public sealed class CasePurgeTests(ReminderApp app) : IClassFixture<ReminderApp>
{
    [Fact]
    public async Task The_purge_removes_an_expired_closed_case_completely_keeps_one_under_legal_hold_and_records_each_purge()
    {
        var png = Convert.FromHexString("89504E470D0A1A0A0000000D49484452000000010000000108060000001F15C4890000000A49444154789C6300010000050001");
        app.Clock.Set(DateTimeOffset.Parse("2026-11-21T07:00:00Z"));
        var (expiredRef, _, _) = await app.ReportAsync(app.ReportFields("Expired purge words"), [("photo.png", png)]);
        var (heldRef, _, _) = await app.ReportAsync(app.ReportFields("Held purge words"), [("photo.png", png)]);
        var (recentRef, _, _) = await app.ReportAsync(app.ReportFields("Recent purge words"));
        var expired = await app.CaseIdAsync(expiredRef);
        var held = await app.CaseIdAsync(heldRef);
        var recent = await app.CaseIdAsync(recentRef);
        var wrappedKey = (await app.CaseAsync(expiredRef)).WrappedDataKey;

        // Closed over six years ago (and the other within six years), each assigned to Hattie.
        await using (var db = app.NewDbContext())
        {
            foreach (var (id, closed) in new[] { (expired, new DateOnly(2020, 11, 1)), (held, new DateOnly(2020, 10, 1)), (recent, new DateOnly(2021, 1, 1)) })
            {
                db.CaseAssignments.Add(new CaseAssignment(id, app.Hattie.Id, DateTime.UtcNow, "Test"));
                await db.SaveChangesAsync();
                await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE report_cases SET state = {(int)CaseState.Closed}, closed_on = {closed} WHERE id = {id}");
            }
        }
        // A reminder about the expired case, to go with it.
        await using (var db = app.NewDbContext())
        {
            db.Notifications.Add(new Core.Reminders.Notification(app.Hattie.Id, "case-check-in", expired.ToString(), "Check-in due", $"/cases/{expired}", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        // Hattie puts one under legal hold from the case page.
        var hattie = await app.SignedInAsync(app.Hattie);
        var noReason = await hattie.SubmitFormAsync($"/cases/{held}", [new("HoldReason", " ")], postUrl: $"/cases/{held}?handler=Hold");
        Html.Text(await noReason.Content.ReadAsStringAsync()).Should().Contain("Say why the case must be kept");
        var hold = await hattie.SubmitFormAsync($"/cases/{held}", [new("HoldReason", "Employment tribunal claim received")], postUrl: $"/cases/{held}?handler=Hold");
        hold.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        (await app.CaseAsync(heldRef)).LegalHold.Should().BeTrue();

        // Before the purge the key is in the database as a backup would hold it (the check below can fail).
        (await TestDatabase.DumpAsync(app.ConnectionString)).Should().Contain(KeyAsDumped(wrappedKey));
        Guid expiredFile;
        await using (var before = app.NewDbContext())
        {
            expiredFile = await before.CaseFiles.Where(f => f.CaseId == expired).Select(f => f.Id).FirstAsync();
            (await before.CaseFileBlobs.AnyAsync(b => b.FileId == expiredFile)).Should().BeTrue();
        }
        var result = await app.WithServiceAsync<CasePurge, PurgeResult>(p => p.RunAsync(CancellationToken.None));
        (result.Purged, result.Held).Should().Be((1, 1));

        await using var after = app.NewDbContext();
        (await after.ReportCases.AnyAsync(c => c.Id == expired)).Should().BeFalse();
        (await after.CaseEntries.AnyAsync(e => e.CaseId == expired)).Should().BeFalse();
        (await after.CaseFiles.AnyAsync(f => f.CaseId == expired)).Should().BeFalse();
        (await after.CaseAssignments.AnyAsync(a => a.CaseId == expired)).Should().BeFalse();
        (await after.Notifications.AnyAsync(n => n.Subject == expired.ToString())).Should().BeFalse();
        (await after.CaseFileBlobs.AnyAsync(b => b.FileId == expiredFile)).Should().BeFalse();
        var dump = await TestDatabase.DumpAsync(app.ConnectionString);
        dump.Should().NotContain(KeyAsDumped(wrappedKey));

        // The held case and the recent one are untouched, files and all.
        (await after.CaseEntries.AnyAsync(e => e.CaseId == held)).Should().BeTrue();
        (await after.CaseFiles.AnyAsync(f => f.CaseId == held)).Should().BeTrue();
        (await after.CaseFileBlobs.AnyAsync(b => after.CaseFiles.Any(f => f.Id == b.FileId && f.CaseId == held))).Should().BeTrue();
        (await after.ReportCases.AnyAsync(c => c.Id == recent)).Should().BeTrue();

        var purged = await after.AuditEntries.AsNoTracking().Where(a => a.Action == "case.purged").ToListAsync();
        var entry = purged.Should().ContainSingle().Which;
        entry.EntityId.Should().Be(expired.ToString());
        entry.Summary.Should().Contain("6-year retention period");
        entry.Summary.Should().NotContain("purge words");

        // A second run finds nothing more to do.
        (await app.WithServiceAsync<CasePurge, PurgeResult>(p => p.RunAsync(CancellationToken.None))).Purged.Should().Be(0);
    }

    [Fact]
    public async Task Lifting_a_legal_hold_says_when_the_case_will_be_purged_and_waits_for_a_yes()
    {
        app.Clock.Set(DateTimeOffset.Parse("2026-11-21T07:00:00Z"));
        var (reference, _, _) = await app.ReportAsync(app.ReportFields("Hold lifting words"));
        var id = await app.CaseIdAsync(reference);
        await using (var db = app.NewDbContext())
        {
            db.CaseAssignments.Add(new CaseAssignment(id, app.Hattie.Id, DateTime.UtcNow, "Test"));
            await db.SaveChangesAsync();
            // Closed on 1 January 2021: six years' retention ends on 1 January 2027.
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE report_cases SET state = {(int)CaseState.Closed}, closed_on = {new DateOnly(2021, 1, 1)} WHERE id = {id}");
        }
        var hattie = await app.SignedInAsync(app.Hattie);
        Html.Text(await hattie.GetPageAsync($"/cases/{id}")).Should().Contain("this one is due to be purged from 2 January 2027");
        var hold = await hattie.SubmitFormAsync($"/cases/{id}", [new("HoldReason", "Tribunal claim")], postUrl: $"/cases/{id}?handler=Hold");
        hold.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);

        // Placed again from a second tab: refused, and the reason is shown in the summary at the top.
        var again = await hattie.SubmitFormAsync($"/cases/{id}", [new("HoldReason", "Tribunal claim")], postUrl: $"/cases/{id}?handler=Hold");
        again.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        Html.Text(await again.Content.ReadAsStringAsync()).Should().Contain("The case is already under legal hold.");

        // Past the end of retention, lifting the hold means the case goes tonight: the page says so and waits.
        app.Clock.Set(DateTimeOffset.Parse("2027-01-10T07:00:00Z"));
        hattie = await app.SignedInAsync(app.Hattie); // weeks later, a new session
        var ask = await hattie.SubmitFormAsync($"/cases/{id}", [new("HoldReason", "Claim settled")], postUrl: $"/cases/{id}?handler=LiftHold");
        ask.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        var askPage = await ask.Content.ReadAsStringAsync();
        Html.Text(askPage).Should().Contain("Once the hold is lifted, this case will be purged at the next nightly purge, as its retention period has ended");
        askPage.Should().Contain("value=\"Claim settled\"");
        (await app.CaseAsync(reference)).LegalHold.Should().BeTrue();

        var yes = await hattie.SubmitFormAsync($"/cases/{id}", [new("HoldReason", "Claim settled"), new("ConfirmLift", "true")], postUrl: $"/cases/{id}?handler=LiftHold");
        yes.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        (await app.CaseAsync(reference)).LegalHold.Should().BeFalse();
        await using var after = app.NewDbContext();
        (await after.AuditEntries.AnyAsync(a => a.Action == "case.legal-hold-lifted" && a.EntityId == id.ToString())).Should().BeTrue();
        app.Clock.Set(DateTimeOffset.Parse("2026-11-21T07:00:00Z"));
    }

    /// <summary>The wrapped key as a dump holds it: hex in pg_dump's text, the bytes themselves in the SQLite file and its log.</summary>
    private static string KeyAsDumped(byte[] key) =>
        TestDatabase.IsSqlite ? System.Text.Encoding.Latin1.GetString(key) : Convert.ToHexString(key).ToLowerInvariant();
}
