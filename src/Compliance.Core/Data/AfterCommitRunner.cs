using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Compliance.Core.Data;

/// <summary>
/// Runs what a use case asked to happen only once its transaction has committed (moving the audit chain's signed
/// head on), whether the transaction was begun by the use case or by its caller; a rollback drops it.
/// </summary>
public sealed class AfterCommitRunner : IDbTransactionInterceptor
{
    public static readonly AfterCommitRunner Instance = new();

    private AfterCommitRunner()
    {
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Run(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Run(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Run(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is not ComplianceDbContext db || db.AfterCommit.Count == 0) return;
        var actions = db.AfterCommit.ToList();
        db.AfterCommit.Clear();
        foreach (var action in actions) action();
    }

    private static void Drop(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is ComplianceDbContext db) db.AfterCommit.Clear();
    }
}
