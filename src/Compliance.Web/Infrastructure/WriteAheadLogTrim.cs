using Compliance.Core.Data;
using Microsoft.Data.Sqlite;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// With SQLite, the write-ahead log (<c>compliance.db-wal</c>) holds each new write, in the order written, until it
/// is copied into the database file; its modification time is the time of the last write. Soon after any write
/// (every <see cref="Every"/>, 30 seconds by default) the log is copied into the file and emptied, so no reader of
/// the data directory can place a report nearer than that window, or read it from the log's frames. A reader
/// part-way through keeps the log until it ends: the next round empties it. The attempt never waits for readers, so
/// it never holds up a reporter.
/// </summary>
public sealed class WriteAheadLogTrim(DatabaseTarget target, IConfiguration configuration, ILogger<WriteAheadLogTrim> logger) : BackgroundService
{
    public TimeSpan Every => configuration.GetValue("Compliance:Database:TrimLogEvery", TimeSpan.FromSeconds(30));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (target.Provider != DatabaseProvider.Sqlite) return;
        var settings = new SqliteConnectionStringBuilder(target.ConnectionString);
        var log = settings.DataSource + "-wal";
        // A connection of its own, never pooled: its no-waiting setting must not reach the app's connections.
        settings.Pooling = false;
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (!File.Exists(log) || new FileInfo(log).Length == 0) continue;
                await using var connection = new SqliteConnection(settings.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                await using var command = connection.CreateCommand();
                // No waiting: when a reader or writer is busy, try again next round.
                command.CommandText = "PRAGMA busy_timeout = 0; PRAGMA wal_checkpoint(TRUNCATE);";
                command.CommandTimeout = 1;
                await command.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
            {
                // SQLITE_BUSY or SQLITE_LOCKED: the next round tries again.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("The write-ahead log could not be emptied ({Reason}); the next round tries again.", e.GetType().Name);
            }
        }
    }
}
