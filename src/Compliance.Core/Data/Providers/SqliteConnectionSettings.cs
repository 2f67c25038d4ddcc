using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Compliance.Core.Data.Providers;

/// <summary>
/// The settings every SQLite connection gets as it opens: foreign keys enforced, writes flushed to disk before a
/// commit returns (<c>synchronous=FULL</c>), deleted rows overwritten in the file (<c>secure_delete</c>: a purged
/// report leaves no readable trace), temporary files kept in memory (<c>temp_store</c>: a transaction's statement
/// journal, which holds pages of the file as they were, and a large sort would otherwise be written to the
/// temporary folder, dating what was written), and a busy timeout so a writer waits its turn rather than failing
/// with "database is locked". The WAL journal is a property of the file, set once when the database is prepared.
/// <c>lower()</c> is replaced by one that folds every letter, as PostgreSQL's does.
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();

    /// <summary>How long a writer waits for the one before it, in milliseconds.</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    public static readonly IReadOnlyDictionary<string, string> Required = new Dictionary<string, string>
    {
        ["journal_mode"] = "wal",
        ["synchronous"] = "2",
        ["foreign_keys"] = "1",
        ["busy_timeout"] = BusyTimeoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["secure_delete"] = "1",
        ["temp_store"] = "2",
    };

    private static readonly string PerConnection =
        $"PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The database handles already given the settings, and the connections already given <c>lower()</c>. A pooled
    /// handle keeps its settings when its connection closes, so they are sent once per handle, not at every open (a
    /// statement each time, several times a page); a connection registers its functions again itself at every open, and the
    /// pool removes them from the handle when it closes, so <c>lower()</c> is given once per connection object.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = new();

    public static void Apply(DbConnection connection)
    {
        var sqlite = connection as Microsoft.Data.Sqlite.SqliteConnection;
        if (sqlite?.Handle is not { } handle || !Configured.TryGetValue(handle, out _))
        {
            using var command = connection.CreateCommand();
            command.CommandText = PerConnection;
            command.ExecuteNonQuery();
            if (sqlite?.Handle is { } opened) Configured.AddOrUpdate(opened, true);
        }
        // SQLite's own lower() folds ASCII letters only; PostgreSQL's folds every letter. Searches and the
        // "same name, ignoring case" checks use lower(), so both databases fold "É" to "é".
        if (sqlite is not null && !Configured.TryGetValue(sqlite, out _))
        {
            sqlite.CreateFunction("lower", (string? value) => value?.ToLowerInvariant(), isDeterministic: true);
            Configured.AddOrUpdate(sqlite, true);
        }
    }

    /// <summary>Makes the file use the WAL journal (readers never wait for the writer); kept by the file from then on.</summary>
    public static void UseWriteAheadLog(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }

    /// <summary>Each required setting as this connection has it, with what it should be; empty when all hold.</summary>
    public static List<string> Check(DbConnection connection)
    {
        var wrong = new List<string>();
        foreach (var (name, expected) in Required)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name};";
            var actual = Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase)) wrong.Add($"{name} is {actual}, not {expected}");
        }
        return wrong;
    }
}
