using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Compliance.Core.Data;

/// <summary>
/// Counts the writes in this process that can change the position: any command that is not a plain read and names
/// a table the scores read, and any committed transaction (bulk loads write through the connection inside one).
/// A cache of today's position is good only while this count has not moved. Each database has its own count.
/// </summary>
public sealed class EvidenceWrites : IDbCommandInterceptor, IDbTransactionInterceptor
{
    public static readonly EvidenceWrites Instance = new();

    /// <summary>
    /// The tables today's position and training coverage read (a test checks every table their queries name is
    /// here), with the accounts and roles (a course for case handlers counts those who hold the role).
    /// </summary>
    public static readonly IReadOnlyList<string> Tables =
    [
        "sites", "departments", "employees", "policies", "policy_versions", "policy_recipients", "policy_acknowledgements", "policy_consultations",
        "policy_links", "courses", "course_versions", "training_completions", "risk_assessments", "assessment_revisions", "risk_factors",
        "factor_ratings", "risk_actions", "third_party_incidents", "report_cases", "board_sign_offs", "plan_actions", "engagement_activities",
        "scoring_settings", "legal_provisions", "identity_users", "identity_user_roles", "identity_roles",
    ];

    private readonly ConcurrentDictionary<string, long> versions = new();

    private EvidenceWrites()
    {
    }

    /// <summary>Names a database the same way whether its connection is open or not (a password never goes in it).</summary>
    public static string KeyOf(DbConnection connection) => connection switch
    {
        // A SQLite connection names its file as given while closed and in full once open: the full path either way.
        Microsoft.Data.Sqlite.SqliteConnection sqlite when new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(sqlite.ConnectionString).DataSource is var file
            => "sqlite|" + (file.Length == 0 || file == ":memory:" || file.StartsWith("file:", StringComparison.Ordinal) ? file : Path.GetFullPath(file)),
        _ => $"{connection.DataSource}|{connection.Database}",
    };

    public long VersionOf(DbConnection connection) => versions.GetValueOrDefault(KeyOf(connection));

    private void Changed(DbConnection? connection)
    {
        if (connection is not null) versions.AddOrUpdate(KeyOf(connection), 1, (_, v) => v + 1);
    }

    private void Seen(DbCommand command)
    {
        var text = command.CommandText.AsSpan().TrimStart();
        if (text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase)) return;
        foreach (var table in Tables)
        {
            if (text.Contains(table, StringComparison.OrdinalIgnoreCase))
            {
                Changed(command.Connection);
                return;
            }
        }
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Seen(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return ValueTask.FromResult(result);
    }

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Seen(command);
        return result;
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return ValueTask.FromResult(result);
    }

    /// <summary>
    /// A write outside a transaction that returns rows (SQLite saves one row this way) is committed only when its
    /// reader closes: counted again then, so a read between the two cannot keep what was there before.
    /// </summary>
    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (command.Transaction is null) Seen(command);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Changed(eventData.Context?.Database.GetDbConnection());

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Changed(eventData.Context?.Database.GetDbConnection());
        return Task.CompletedTask;
    }
}
