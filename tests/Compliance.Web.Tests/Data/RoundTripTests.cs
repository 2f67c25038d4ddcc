using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Jobs;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Data;

/// <summary>Values come back from either database exactly as they went in (SQLite keeps them as text).</summary>
public sealed class RoundTripTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    [Fact]
    public async Task Times_dates_and_ids_come_back_as_written_and_audit_hashes_still_verify_from_a_new_connection()
    {
        var started = new DateTime(2026, 3, 29, 0, 59, 59, DateTimeKind.Utc).AddTicks(1234560); // the microsecond PostgreSQL keeps
        var run = new JobRun("round-trip", "instance-1", manual: true, started);
        await using (var db = app.NewDbContext())
        {
            db.JobRuns.Add(run);
            await db.SaveChangesAsync();
        }
        await using (var db = app.NewDbContext())
        {
            var back = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id);
            back.Id.Should().Be(run.Id);
            back.StartedAtUtc.Should().Be(started);
            back.StartedAtUtc.Kind.Should().Be(DateTimeKind.Utc);
            // Compared in the database, not only in memory.
            (await db.JobRuns.CountAsync(r => r.StartedAtUtc == started && r.Id == run.Id)).Should().Be(1);
            (await db.JobRuns.CountAsync(r => r.StartedAtUtc > started.AddTicks(-10) && r.StartedAtUtc < started.AddTicks(10) && r.Id == run.Id)).Should().Be(1);
        }

        // Dates, and ids written by the bulk writer (as text on SQLite) that EF Core then reads and compares.
        var site = new Compliance.Core.Organisation.Site("Round Trip House", Compliance.Core.Organisation.Nation.Wales, null);
        var start = new DateOnly(2024, 2, 29);
        var leaving = new DateOnly(2027, 12, 31);
        await using (var db = app.NewDbContext())
        {
            db.Sites.Add(site);
            await db.SaveChangesAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Dialect.WriteAllAsync(db, [new Compliance.Core.Employees.ValidEmployee("RT-1", "Ffion", "Roundtrip", "ffion@example.test",
                site.Id, null, null, start, leaving, true, false, true, false, false)], CancellationToken.None);
            await tx.CommitAsync();
        }
        await using (var db = app.NewDbContext())
        {
            var e = await db.Employees.AsNoTracking().SingleAsync(x => x.EmployeeNumber == "RT-1" && x.SiteId == site.Id);
            e.StartDate.Should().Be(start);
            e.LeavingDate.Should().Be(leaving);
            e.IsManager.Should().BeTrue();
            (await db.Employees.CountAsync(x => x.StartDate == start && x.LeavingDate > new DateOnly(2027, 12, 30) && x.SiteId == site.Id)).Should().Be(1);
        }

        // Every audit entry written so far hashes the same when read back through a fresh connection.
        await using (var db = app.NewDbContext())
        {
            var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            entries.Should().NotBeEmpty();
            entries.Should().AllSatisfy(e => e.OccurredAtUtc.Kind.Should().Be(DateTimeKind.Utc));
            var previous = AuditHash.Genesis;
            foreach (var e in entries)
            {
                AuditHash.Compute(previous, e).Should().Be(e.Hash);
                previous = e.Hash;
            }
        }
    }
}
