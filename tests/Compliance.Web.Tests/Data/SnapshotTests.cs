using Compliance.Core.Jobs;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Data;

/// <summary>
/// The read an evidence pack is made from: one view of the database as it stood at its first read, whatever is
/// committed meanwhile, without holding up the writer; and once it is over, the connection reads and writes as usual.
/// </summary>
public sealed class SnapshotTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    [Fact]
    public async Task A_snapshot_sees_the_database_as_at_its_first_read_while_a_writer_commits_and_ends_when_disposed()
    {
        const string job = "snapshot-test";
        await using (var db = app.NewDbContext())
        {
            db.JobRuns.Add(new JobRun(job, "instance-1", manual: true, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        await using var reader = app.NewDbContext();
        await using (var snapshot = await reader.Dialect.BeginSnapshotAsync(reader, CancellationToken.None))
        {
            (await reader.JobRuns.CountAsync(r => r.Job == job)).Should().Be(1);

            // Another connection writes and commits while the snapshot is open: it is not held up (SQLite would
            // time out here if the snapshot took the write lock), and the snapshot does not see what it wrote.
            await using (var writer = app.NewDbContext())
            {
                await using var tx = await writer.Database.BeginTransactionAsync();
                writer.JobRuns.Add(new JobRun(job, "instance-2", manual: true, DateTime.UtcNow));
                await writer.SaveChangesAsync();
                await tx.CommitAsync();
            }
            (await reader.JobRuns.CountAsync(r => r.Job == job)).Should().Be(1, "the snapshot sees the database as at its first read");
            (await reader.JobRuns.AsNoTracking().Where(r => r.Job == job).Select(r => r.Instance).ToListAsync()).Should().Equal("instance-1");
        }

        // Over: the same context sees the writer's row, and can begin a transaction of its own.
        (await reader.JobRuns.CountAsync(r => r.Job == job)).Should().Be(2);
        await using (var tx = await reader.Database.BeginTransactionAsync())
        {
            reader.JobRuns.Add(new JobRun(job, "instance-4", manual: true, DateTime.UtcNow));
            await reader.SaveChangesAsync();
            await tx.CommitAsync();
        }
        await using var check = app.NewDbContext();
        (await check.JobRuns.CountAsync(r => r.Job == job)).Should().Be(3);
    }
}
