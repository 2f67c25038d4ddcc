using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;

namespace Compliance.Core.Data.Providers;

/// <summary>
/// The queue in front of a SQLite file's one writer. SQLite lets one write transaction run at a time; a writer that
/// finds the lock taken sleeps inside SQLite's busy handler, holding a thread, and tries again later, so under a burst
/// the lock stands idle between sleepers while the thread pool runs dry and pages that only read wait for threads.
/// Here every writer in this process waits its turn without a thread, in order of arrival, and the turn passes
/// straight to the next in line. A writer that could not start within <see cref="WaitLimit"/> (judged on arrival from
/// the queue ahead and the typical turn, or found so while waiting) is refused with <see cref="DatabaseBusyException"/>
/// rather than left to wait for the busy timeout and then fail with "database is locked".
/// </summary>
public sealed class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new();

    private readonly object sync = new();
    private readonly LinkedList<Waiter> queue = new();
    private bool held;
    private long heldSince;
    private readonly double[] recentTurns = new double[32];
    private int nextTurn;
    private int turnsKnown;
    private double typicalTurnMs;

    /// <summary>
    /// The longest a person's request waits for its turn; 5 seconds unless <c>Compliance:Database:WriteWaitLimit</c>
    /// says otherwise. Work nobody is waiting at a page for (jobs, commands, timers) waits up to
    /// <see cref="BackgroundWaitLimit"/> and is never turned away on arrival: refusing it would only make it run
    /// again (an email sent twice, a pack's attempt used up) when the burst is the reason it waited.
    /// </summary>
    public TimeSpan WaitLimit { get; set; } = DefaultWaitLimit;

    public static readonly TimeSpan DefaultWaitLimit = TimeSpan.FromSeconds(5);

    /// <summary>How long background work waits for its turn: under SQLite's own busy timeout of 30 seconds.</summary>
    public static readonly TimeSpan BackgroundWaitLimit = TimeSpan.FromSeconds(25);

    private static readonly AsyncLocal<bool> ForAPerson = new();

    /// <summary>
    /// Marks what follows, in this flow, as a person's request (the web app does so for every request): its writes are
    /// refused at once when the queue is too long, and after <see cref="WaitLimit"/> at most.
    /// </summary>
    public static IDisposable ForRequest()
    {
        var before = ForAPerson.Value;
        ForAPerson.Value = true;
        return new Restore(before);
    }

    private sealed class Restore(bool before) : IDisposable
    {
        public void Dispose() => ForAPerson.Value = before;
    }

    private TimeSpan Limit => ForAPerson.Value ? WaitLimit : BackgroundWaitLimit;

    /// <summary>The gate of the file this connection names (open or not).</summary>
    public static SqliteWriteGate For(DbConnection connection) => Gates.GetOrAdd(EvidenceWrites.KeyOf(connection), _ => new SqliteWriteGate());

    /// <summary>The gate of the file this connection string names.</summary>
    public static SqliteWriteGate For(string connectionString)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        return For(connection);
    }

    /// <summary>Writers waiting behind the one that has the turn.</summary>
    public int Waiting
    {
        get
        {
            lock (sync) return queue.Count;
        }
    }

    /// <summary>
    /// The typical length of a turn, in milliseconds: the median of the last 32, so that one long turn (an import, or a
    /// writer that found another process holding the file) does not make the gate turn away writers after it.
    /// </summary>
    public double TypicalTurnMilliseconds
    {
        get
        {
            lock (sync) return typicalTurnMs;
        }
    }

    /// <summary>Waits for the turn to write; dispose what is returned to pass it on.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken ct)
    {
        if (Queue(inline: true) is not { } node) return new Turn(this);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Limit);
        await using (timeout.Token.Register(() => GiveUp(node, ct)))
        {
            return await node.Value.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the turn on this thread (for the few writes EF Core makes without <c>async</c>).</summary>
    public Turn Enter()
    {
        if (Queue(inline: false) is not { } node) return new Turn(this);
        if (!node.Value.Task.Wait(Limit)) GiveUp(node, CancellationToken.None);
        return node.Value.Task.GetAwaiter().GetResult();
    }

    /// <summary>Takes the turn at once (null), or queues for it; refused when those ahead would outlast the limit.</summary>
    private LinkedListNode<Waiter>? Queue(bool inline)
    {
        lock (sync)
        {
            if (!held)
            {
                held = true;
                heldSince = Stopwatch.GetTimestamp();
                return null;
            }
            // Those ahead: the writer with the turn and everyone queued. Only a person's request is judged so, and
            // only once a full window of turns is known: the first turns of a process are slow (code not yet
            // compiled, caches cold) and say little.
            if (ForAPerson.Value && turnsKnown == recentTurns.Length && (queue.Count + 1) * typicalTurnMs > WaitLimit.TotalMilliseconds)
                throw new DatabaseBusyException(queue.Count + 1);
            return queue.AddLast(new Waiter(inline));
        }
    }

    private void GiveUp(LinkedListNode<Waiter> node, CancellationToken callerToken)
    {
        lock (sync)
        {
            // Already given the turn: it is theirs, and they pass it on when done.
            if (node.List is null) return;
            queue.Remove(node);
        }
        if (callerToken.IsCancellationRequested) node.Value.TrySetCanceled(callerToken);
        else node.Value.TrySetException(new DatabaseBusyException(0));
    }

    private void Leave()
    {
        Waiter? next;
        lock (sync)
        {
            var now = Stopwatch.GetTimestamp();
            recentTurns[nextTurn] = Stopwatch.GetElapsedTime(heldSince, now).TotalMilliseconds;
            nextTurn = (nextTurn + 1) % recentTurns.Length;
            turnsKnown = Math.Min(turnsKnown + 1, recentTurns.Length);
            var known = recentTurns.AsSpan(0, turnsKnown).ToArray();
            Array.Sort(known);
            typicalTurnMs = known[known.Length / 2];
            next = queue.First?.Value;
            if (next is null)
            {
                held = false;
                return;
            }
            queue.RemoveFirst();
            heldSince = now;
        }
        // A writer waiting with async is resumed on the hand-off thread, at once, rather than queued behind every
        // request in the thread pool while the file stands idle; one blocked on this thread is simply woken.
        if (next.Inline) HandOff.Add((next, new Turn(this)));
        else next.TrySetResult(new Turn(this));
    }

    /// <summary>
    /// The one thread that resumes writers as their turn comes. A writer runs on it from its turn until its first
    /// real wait; passing the turn on moves it back to the thread pool (<see cref="LeaveHandOffThreadAsync"/>), so
    /// the next writer is not kept waiting by what the last does after writing.
    /// </summary>
    private static readonly System.Collections.Concurrent.BlockingCollection<(Waiter Waiter, Turn Turn)> HandOff = StartHandOff();

    [ThreadStatic]
    private static bool onHandOffThread;

    private static System.Collections.Concurrent.BlockingCollection<(Waiter, Turn)> StartHandOff()
    {
        var work = new System.Collections.Concurrent.BlockingCollection<(Waiter Waiter, Turn Turn)>();
        new Thread(() =>
        {
            onHandOffThread = true;
            foreach (var (waiter, turn) in work.GetConsumingEnumerable()) waiter.TrySetResult(turn);
        })
        { IsBackground = true, Name = "SQLite write turns" }.Start();
        return work;
    }

    /// <summary>Moves a writer that has passed its turn on off the hand-off thread, if it is on it.</summary>
    public static async ValueTask LeaveHandOffThreadAsync()
    {
        if (onHandOffThread) await Task.Yield();
    }

    /// <summary>A queued writer. One that waits with <c>async</c> is resumed where its turn is given (the hand-off thread).</summary>
    private sealed class Waiter(bool inline)
        : TaskCompletionSource<Turn>(inline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public bool Inline { get; } = inline;
    }

    /// <summary>A writer's turn: passed on once, when disposed.</summary>
    public sealed class Turn(SqliteWriteGate gate) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0) gate.Leave();
        }
    }
}

/// <summary>
/// The database could not take a write soon enough, because too many were waiting: nothing was saved. People are
/// told to try again in a minute, with what they typed kept on the page.
/// </summary>
public sealed class DatabaseBusyException(int ahead)
    : Exception(ahead > 0 ? $"Too many writes are waiting for the database ({ahead} ahead); nothing was saved." : "A write waited too long for the database; nothing was saved.")
{
    public int Ahead { get; } = ahead;

    /// <summary>Whether this exception, or one it wraps (EF Core wraps what happens while saving), is this one.</summary>
    public static bool IsIn(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DatabaseBusyException) return true;
        }
        return false;
    }
}
