using Compliance.Core.Data.Providers;
using Compliance.Core.Organisation;
using Compliance.Core.Tests.Scoring.Database;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Tests.Data;

/// <summary>The queue in front of SQLite's one writer: in order, without a thread, refused rather than left to hang.</summary>
public sealed class SqliteWriteGateTests
{
    private static SqliteWriteGate NewGate(TimeSpan? limit = null) =>
        new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Guid.NewGuid():N}.db") is var c && SqliteWriteGate.For(c) is var g
            ? Configured(g, limit ?? TimeSpan.FromSeconds(20))
            : throw new InvalidOperationException();

    private static SqliteWriteGate Configured(SqliteWriteGate gate, TimeSpan limit)
    {
        gate.WaitLimit = limit;
        return gate;
    }

    private static async Task UntilWaitingAsync(SqliteWriteGate gate, int count)
    {
        for (var i = 0; i < 500 && gate.Waiting < count; i++) await Task.Delay(10);
        gate.Waiting.Should().Be(count, "the writers should have queued");
    }

    [Fact]
    public async Task Writers_take_their_turns_one_at_a_time_in_the_order_they_arrived()
    {
        var gate = NewGate();
        var first = await gate.EnterAsync(default);
        var order = new List<int>();
        var inside = 0;
        var most = 0;
        var writers = new List<Task>();
        for (var i = 0; i < 20; i++)
        {
            var n = i;
            writers.Add(Task.Run(async () =>
            {
                using var turn = await gate.EnterAsync(default);
                most = Math.Max(most, Interlocked.Increment(ref inside));
                lock (order) order.Add(n);
                await Task.Delay(1);
                Interlocked.Decrement(ref inside);
            }));
            // Each queued before the next arrives.
            await UntilWaitingAsync(gate, i + 1);
        }
        first.Dispose();
        await Task.WhenAll(writers);
        order.Should().Equal(Enumerable.Range(0, 20));
        most.Should().Be(1);
        gate.Waiting.Should().Be(0);
    }

    [Fact]
    public async Task A_writer_still_waiting_at_the_limit_is_refused_and_leaves_the_queue_for_the_next()
    {
        using var person = SqliteWriteGate.ForRequest();
        var gate = NewGate(TimeSpan.FromMilliseconds(300));
        var holder = await gate.EnterAsync(default);
        var refused = async () => await gate.EnterAsync(default);
        (await refused.Should().ThrowAsync<DatabaseBusyException>()).Which.Ahead.Should().Be(0);
        gate.Waiting.Should().Be(0);
        gate.WaitLimit = TimeSpan.FromSeconds(20);
        var next = gate.EnterAsync(default).AsTask();
        await UntilWaitingAsync(gate, 1);
        holder.Dispose();
        using (await next)
        {
            gate.Waiting.Should().Be(0);
        }
        // Passed on twice by mistake, a turn is passed on once: the gate is free, not given away twice.
        holder.Dispose();
        using var again = await gate.EnterAsync(default);
        var queued = gate.EnterAsync(default).AsTask();
        await UntilWaitingAsync(gate, 1);
        queued.IsCompleted.Should().BeFalse();
        again.Dispose();
        (await queued).Dispose();
    }

    [Fact]
    public async Task A_writer_is_refused_at_once_when_those_ahead_would_outlast_the_limit()
    {
        using var person = SqliteWriteGate.ForRequest();
        var gate = NewGate();
        // Until it knows 32 turns, the gate judges nobody on arrival: five slow first turns (a process starting) do not
        // turn away a queue that they would say outlasts the limit.
        for (var i = 0; i < 5; i++)
        {
            using var turn = await gate.EnterAsync(default);
            await Task.Delay(250);
        }
        gate.WaitLimit = TimeSpan.FromSeconds(1);
        var holder = await gate.EnterAsync(default);
        var early = Enumerable.Range(0, 5).Select(_ => gate.EnterAsync(default).AsTask()).ToList();
        early.Should().OnlyContain(t => !t.IsFaulted);
        holder.Dispose();
        foreach (var t in early) (await t).Dispose();
        gate.WaitLimit = TimeSpan.FromSeconds(20);
        // Turns of 20 ms or more teach it how long a turn lasts (a full window of them).
        for (var i = 0; i < 32; i++)
        {
            using var turn = await gate.EnterAsync(default);
            await Task.Delay(20);
        }
        var typical = gate.TypicalTurnMilliseconds;
        typical.Should().BeGreaterThanOrEqualTo(19);
        // Room for two turns and a half: behind the one with the turn, two may wait; a third would have three turns ahead.
        gate.WaitLimit = TimeSpan.FromMilliseconds(typical * 2.5);
        holder = await gate.EnterAsync(default);
        var queued = new[] { gate.EnterAsync(default).AsTask(), gate.EnterAsync(default).AsTask() };
        gate.Waiting.Should().Be(2);
        var refused = gate.EnterAsync(default).AsTask();
        refused.IsFaulted.Should().BeTrue("the refusal comes on arrival, not after waiting");
        (await refused.Invoking(t => t).Should().ThrowAsync<DatabaseBusyException>()).Which.Ahead.Should().Be(3);
        gate.Waiting.Should().Be(2);
        holder.Dispose();
        foreach (var t in queued)
        {
            // Each had its turn, or waited out the short limit meanwhile.
            try
            {
                (await t).Dispose();
            }
            catch (DatabaseBusyException)
            {
            }
        }
    }

    [Fact]
    public async Task Background_work_is_never_turned_away_on_arrival_and_waits_past_a_persons_limit()
    {
        var gate = NewGate(TimeSpan.FromMilliseconds(300));
        // A full window of slow turns, and a queue a person would be refused for at once.
        for (var i = 0; i < 32; i++)
        {
            using var turn = await gate.EnterAsync(default);
            await Task.Delay(20);
        }
        var holder = await gate.EnterAsync(default);
        var jobs = Enumerable.Range(0, 30).Select(_ => gate.EnterAsync(default).AsTask()).ToList();
        using (SqliteWriteGate.ForRequest())
        {
            var person = gate.EnterAsync(default).AsTask();
            person.IsFaulted.Should().BeTrue("a person's request is told at once");
        }
        // The jobs wait longer than a person may, and each has its turn.
        await Task.Delay(600);
        jobs.Should().OnlyContain(t => !t.IsCompleted);
        holder.Dispose();
        foreach (var t in jobs) (await t).Dispose();
    }

    [Fact]
    public async Task One_long_turn_does_not_turn_away_the_writers_after_it()
    {
        var gate = NewGate(TimeSpan.FromSeconds(2));
        for (var i = 0; i < 5; i++) (await gate.EnterAsync(default)).Dispose();
        // An import holds the file for longer than the limit; twenty writers queue meanwhile (each waits up to the limit).
        var import = await gate.EnterAsync(default);
        var queued = new List<Task<SqliteWriteGate.Turn>>();
        for (var i = 0; i < 20; i++) queued.Add(gate.EnterAsync(default).AsTask());
        await Task.Delay(1500);
        import.Dispose();
        foreach (var t in queued) (await t).Dispose();
        gate.TypicalTurnMilliseconds.Should().BeLessThan(100);
        // After it, a queue of twenty short turns is still taken.
        var holder = await gate.EnterAsync(default);
        var more = Enumerable.Range(0, 20).Select(_ => gate.EnterAsync(default).AsTask()).ToList();
        more.Should().OnlyContain(t => !t.IsFaulted);
        holder.Dispose();
        foreach (var t in more) (await t).Dispose();
    }

    [Fact]
    public async Task A_writer_whose_request_ends_leaves_the_queue_without_taking_a_turn()
    {
        var gate = NewGate();
        var holder = await gate.EnterAsync(default);
        using var gone = new CancellationTokenSource();
        var leaving = gate.EnterAsync(gone.Token).AsTask();
        var staying = gate.EnterAsync(default).AsTask();
        await UntilWaitingAsync(gate, 2);
        await gone.CancelAsync();
        await leaving.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        gate.Waiting.Should().Be(1);
        holder.Dispose();
        (await staying).Dispose();
        gate.Waiting.Should().Be(0);
    }

    [Fact]
    public async Task Through_EF_Core_every_kind_of_write_waits_for_the_turn_and_passes_it_on_however_it_ends()
    {
        using var person = SqliteWriteGate.ForRequest();
        using var database = new EvidenceDatabase();
        var db = database.Db;
        var gate = SqliteWriteGate.For(db.Database.GetDbConnection());
        gate.WaitLimit = TimeSpan.FromSeconds(20);

        // A transaction waits for the turn before it begins.
        var holder = await gate.EnterAsync(default);
        var begun = db.Database.BeginTransactionAsync();
        await UntilWaitingAsync(gate, 1);
        begun.IsCompleted.Should().BeFalse();
        holder.Dispose();
        var tx = await begun;
        gate.Waiting.Should().Be(0);
        db.Sites.Add(new Site("Gate Street", Nation.England, null));
        await db.SaveChangesAsync();
        // Held until the commit: another writer waits meanwhile.
        var other = gate.EnterAsync(default).AsTask();
        await UntilWaitingAsync(gate, 1);
        await tx.CommitAsync();
        (await other).Dispose();
        await tx.DisposeAsync();

        // A transaction ended by an exception inside "await using" passes the turn on as it is disposed.
        try
        {
            await using var failing = await db.Database.BeginTransactionAsync();
            throw new InvalidOperationException("the use case failed");
        }
        catch (InvalidOperationException)
        {
        }
        (await gate.EnterAsync(default).AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Dispose();

        // A single write outside a transaction (one row saved, or a statement) waits too, and passes the turn on.
        db.ChangeTracker.Clear();
        holder = await gate.EnterAsync(default);
        db.Sites.Add(new Site("Single Row", Nation.Wales, null));
        var saving = db.SaveChangesAsync();
        await UntilWaitingAsync(gate, 1);
        holder.Dispose();
        (await saving).Should().Be(1);
        holder = await gate.EnterAsync(default);
        var statement = db.Sites.Where(s => s.Name == "Single Row").ExecuteDeleteAsync();
        await UntilWaitingAsync(gate, 1);
        holder.Dispose();
        (await statement).Should().Be(1);
        (await gate.EnterAsync(default).AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Dispose();

        // Reads never wait, however long the queue.
        holder = await gate.EnterAsync(default);
        (await db.Sites.CountAsync(s => s.Name == "Gate Street")).Should().Be(1);
        await using (var snapshot = await SqliteDialect.Instance.BeginSnapshotAsync(db, default))
        {
            (await db.Sites.CountAsync()).Should().BeGreaterThan(0);
        }
        holder.Dispose();

        // Refused when the turn does not come in time: nothing saved, and the gate still works afterwards.
        gate.WaitLimit = TimeSpan.FromSeconds(1);
        holder = await gate.EnterAsync(default);
        db.ChangeTracker.Clear();
        db.Sites.Add(new Site("Too Late", Nation.Scotland, null));
        db.Sites.Add(new Site("Too Late Too", Nation.Scotland, null));
        var late = async () => await db.SaveChangesAsync();
        (await late.Should().ThrowAsync<Exception>()).Which.Should().Match<Exception>(e => DatabaseBusyException.IsIn(e));
        holder.Dispose();
        db.ChangeTracker.Clear();
        (await db.Sites.CountAsync(s => s.Name.StartsWith("Too Late"))).Should().Be(0);
        gate.WaitLimit = TimeSpan.FromSeconds(20);
        db.Sites.Add(new Site("In Time", Nation.Scotland, null));
        db.Sites.Add(new Site("In Time Too", Nation.Scotland, null));
        (await db.SaveChangesAsync()).Should().Be(2);
        gate.Waiting.Should().Be(0);
    }

    [Theory]
    [InlineData("SELECT 1", false)]
    [InlineData("  select * from sites", false)]
    [InlineData("PRAGMA foreign_keys = ON;", false)]
    [InlineData("PRAGMA busy_timeout = 0; PRAGMA wal_checkpoint(TRUNCATE);", true)]
    [InlineData("-- tag\nSELECT 1", false)]
    [InlineData("INSERT INTO sites VALUES (1)", true)]
    [InlineData("-- tag\n  UPDATE sites SET name = 'x'", true)]
    [InlineData("DELETE FROM sites", true)]
    [InlineData("WITH x AS (SELECT 1) DELETE FROM sites", true)]
    [InlineData("-- only a comment", false)]
    public void A_statement_is_taken_as_a_write_unless_it_is_a_read(string sql, bool write) => SqliteWriteTurns.MayWrite(sql).Should().Be(write);
}
