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
            Assert.Equal(run.Id, back.Id);
            Assert.Equal(started, back.StartedAtUtc);
            Assert.Equal(DateTimeKind.Utc, back.StartedAtUtc.Kind);
            // Compared in the database, not only in memory.
            Assert.Equal(1, await db.JobRuns.CountAsync(r => r.StartedAtUtc == started && r.Id == run.Id));
            Assert.Equal(1, await db.JobRuns.CountAsync(r => r.StartedAtUtc > started.AddTicks(-10) && r.StartedAtUtc < started.AddTicks(10) && r.Id == run.Id));
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
            Assert.Equal(start, e.StartDate);
            Assert.Equal(leaving, e.LeavingDate);
            Assert.True(e.IsManager);
            Assert.Equal(1, await db.Employees.CountAsync(x => x.StartDate == start && x.LeavingDate > new DateOnly(2027, 12, 30) && x.SiteId == site.Id));
        }

        // Every audit entry written so far hashes the same when read back through a fresh connection.
        await using (var db = app.NewDbContext())
        {
            var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            Assert.NotEmpty(entries);
            Assert.All(entries, e => Assert.Equal(DateTimeKind.Utc, e.OccurredAtUtc.Kind));
            var previous = AuditHash.Genesis;
            foreach (var e in entries)
            {
                Assert.Equal(e.Hash, AuditHash.Compute(previous, e));
                previous = e.Hash;
            }
        }
    }
}
