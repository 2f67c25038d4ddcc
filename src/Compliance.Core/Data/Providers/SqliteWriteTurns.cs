using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Compliance.Core.Data.Providers;

/// <summary>
/// Puts every SQLite write this app makes through EF Core behind the file's <see cref="SqliteWriteGate"/>: a write
/// transaction (Microsoft.Data.Sqlite begins one with <c>BEGIN IMMEDIATE</c>, taking the write lock at once) waits for
/// its turn before it begins and passes it on when it commits, rolls back or is disposed (every save is in one); a
/// single statement that writes outside a transaction waits before it runs and passes the turn on when it has
/// finished. Reads, and the deferred read transactions of <see cref="SqliteDialect.BeginSnapshotAsync"/>, never wait here: in WAL mode they do not need the
/// write lock.
/// </summary>
public sealed class SqliteWriteTurns : IDbTransactionInterceptor, IDbCommandInterceptor, ISaveChangesInterceptor
{
    public static readonly SqliteWriteTurns Instance = new();

    private static readonly ConditionalWeakTable<DbTransaction, SqliteWriteGate.Turn> TransactionTurns = new();
    private static readonly ConditionalWeakTable<DbCommand, SqliteWriteGate.Turn> CommandTurns = new();

    private SqliteWriteTurns()
    {
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (connection is not Microsoft.Data.Sqlite.SqliteConnection sqlite || result.HasResult) return result;
        var turn = await SqliteWriteGate.For(connection).EnterAsync(cancellationToken);
        return InterceptionResult<DbTransaction>.SuppressWithResult(Begin(sqlite, eventData.IsolationLevel, turn));
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (connection is not Microsoft.Data.Sqlite.SqliteConnection sqlite || result.HasResult) return result;
        var turn = SqliteWriteGate.For(connection).Enter();
        return InterceptionResult<DbTransaction>.SuppressWithResult(Begin(sqlite, eventData.IsolationLevel, turn));
    }

    /// <summary>
    /// Every save in a transaction, even of one row: its turn is then passed on as the transaction commits, where the
    /// writer also leaves the hand-off thread, rather than as a reader closes.
    /// </summary>
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavingChanges(eventData, result));

    /// <summary>Begins the transaction here, holding the turn, so a failure to begin passes the turn straight on.</summary>
    private static DbTransaction Begin(Microsoft.Data.Sqlite.SqliteConnection connection, IsolationLevel isolation, SqliteWriteGate.Turn turn)
    {
        try
        {
            var transaction = connection.BeginTransaction(isolation);
            TransactionTurns.AddOrUpdate(transaction, turn);
            return transaction;
        }
        catch
        {
            turn.Dispose();
            throw;
        }
    }

    /// <summary>Passes on the turn a transaction holds; safe to call more than once.</summary>
    internal static void Release(DbTransaction? transaction)
    {
        if (transaction is not null && TransactionTurns.TryGetValue(transaction, out var turn))
        {
            TransactionTurns.Remove(transaction);
            turn.Dispose();
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        PassOnAsync(transaction);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        PassOnAsync(transaction);

    private static async Task PassOnAsync(DbTransaction transaction)
    {
        Release(transaction);
        await SqliteWriteGate.LeaveHandOffThreadAsync();
    }

    /// <summary>
    /// A statement that may write: anything but a read, a setting or a plan, after any leading comment lines. A
    /// checkpoint of the write-ahead log takes the write lock, so it is a write.
    /// </summary>
    public static bool MayWrite(string commandText)
    {
        var text = commandText.AsSpan().TrimStart();
        while (text.StartsWith("--", StringComparison.Ordinal))
        {
            var end = text.IndexOf('\n');
            if (end < 0) return false;
            text = text[(end + 1)..].TrimStart();
        }
        if (text.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase)) return text.Contains("wal_checkpoint", StringComparison.OrdinalIgnoreCase);
        return !(text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("EXPLAIN", StringComparison.OrdinalIgnoreCase));
    }

    private static bool Gated(DbCommand command) =>
        command.Connection is Microsoft.Data.Sqlite.SqliteConnection && command.Transaction is null && MayWrite(command.CommandText);

    private static async ValueTask<T> EnterAsync<T>(DbCommand command, T result, CancellationToken ct)
    {
        if (Gated(command)) CommandTurns.AddOrUpdate(command, await SqliteWriteGate.For(command.Connection!).EnterAsync(ct));
        return result;
    }

    private static T Enter<T>(DbCommand command, T result)
    {
        if (Gated(command)) CommandTurns.AddOrUpdate(command, SqliteWriteGate.For(command.Connection!).Enter());
        return result;
    }

    private static async ValueTask LeaveAsync(DbCommand command)
    {
        Leave(command);
        await SqliteWriteGate.LeaveHandOffThreadAsync();
    }

    private static void Leave(DbCommand command)
    {
        if (CommandTurns.TryGetValue(command, out var turn))
        {
            CommandTurns.Remove(command);
            turn.Dispose();
        }
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        EnterAsync(command, result, cancellationToken);

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) => Enter(command, result);

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        EnterAsync(command, result, cancellationToken);

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) => Enter(command, result);

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        EnterAsync(command, result, cancellationToken);

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) => Enter(command, result);

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Leave(command);
        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await LeaveAsync(command);
        return result;
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Leave(command);
        return result;
    }

    public async ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        await LeaveAsync(command);
        return result;
    }

    /// <summary>
    /// A write that returns rows outside a transaction (SQLite saves one row this way) commits as its reader closes,
    /// which EF Core does just before disposing it.
    /// </summary>
    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Leave(command);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Leave(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default) =>
        LeaveAsync(command).AsTask();

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Leave(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default) =>
        LeaveAsync(command).AsTask();
}

/// <summary>
/// EF Core's transaction, which also passes on the write turn when it is disposed without a commit or rollback
/// (an exception inside <c>await using</c>: Microsoft.Data.Sqlite rolls back then, and EF Core tells no interceptor).
/// </summary>
public sealed class SqliteGatedTransactionFactory(RelationalTransactionFactoryDependencies dependencies) : RelationalTransactionFactory(dependencies)
{
    public override RelationalTransaction Create(IRelationalConnection connection, DbTransaction transaction, Guid transactionId,
        IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger, bool transactionOwned) =>
        new GatedTransaction(connection, transaction, transactionId, logger, transactionOwned, Dependencies.SqlGenerationHelper);

    private sealed class GatedTransaction(IRelationalConnection connection, DbTransaction transaction, Guid transactionId,
        IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger, bool transactionOwned, ISqlGenerationHelper sql)
        : RelationalTransaction(connection, transaction, transactionId, logger, transactionOwned, sql)
    {
        public override void Dispose()
        {
            var owned = this.GetDbTransaction();
            try
            {
                base.Dispose();
            }
            finally
            {
                SqliteWriteTurns.Release(owned);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            var owned = this.GetDbTransaction();
            try
            {
                await base.DisposeAsync();
            }
            finally
            {
                SqliteWriteTurns.Release(owned);
            }
            await SqliteWriteGate.LeaveHandOffThreadAsync();
        }
    }
}
