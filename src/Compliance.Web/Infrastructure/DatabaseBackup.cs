using System.Globalization;
using Compliance.Core.Data;
using Microsoft.Data.Sqlite;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// The <c>backup DIR</c> command: a consistent copy of the SQLite database taken while the app runs
/// (<c>VACUUM INTO</c> reads one snapshot, so writers carry on and the copy holds no deleted rows), checked with
/// <c>PRAGMA integrity_check</c> before it is reported. A PostgreSQL database is backed up with pg_dump instead.
/// </summary>
public static class DatabaseBackup
{
    public sealed record Result(string Path, long Bytes);

    public static Result Write(DatabaseTarget target, string folder, DateTime nowUtc)
    {
        if (target.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException("The database is on PostgreSQL: back it up with pg_dump, as docs/data-and-backups.md shows " +
                "(pg_dump --format=custom --file compliance.dump \"<connection>\"). The backup command copies a SQLite database.");
        }
        var full = System.IO.Path.GetFullPath(folder);
        var directory = OperatingSystem.IsWindows() ? Directory.CreateDirectory(full)
            : Directory.CreateDirectory(full, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = System.IO.Path.Combine(directory.FullName, $"compliance-{nowUtc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.db");
        // The copy is made readable by its owner only before anything is written to it (VACUUM INTO fills an
        // empty file), and removed if it cannot be completed.
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (new FileStream(path, options)) { }
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new InvalidOperationException($"{path} already exists; nothing was written.");
        }
        try
        {
            using var source = new SqliteConnection(target.ConnectionString);
            source.Open();
            using var vacuum = source.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $path";
            vacuum.Parameters.AddWithValue("$path", path);
            vacuum.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            File.Delete(path);
            throw new InvalidOperationException($"The copy could not be written ({e.Message}); nothing was kept, and the database itself is untouched.");
        }
        var check = IntegrityCheck(path);
        if (check != "ok")
        {
            File.Delete(path);
            throw new InvalidOperationException($"The copy failed its integrity check ({check}) and was removed; the database itself is untouched.");
        }
        return new Result(path, new FileInfo(path).Length);
    }

    /// <summary><c>PRAGMA integrity_check</c> of a database file: "ok", or the first problem it names.</summary>
    public static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "no answer";
    }
}
