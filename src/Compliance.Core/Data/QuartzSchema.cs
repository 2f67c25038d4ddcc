namespace Compliance.Core.Data;

/// <summary>
/// The scheduler's tables (qrtz_*), from the script Quartz ships for each database inside its own assembly, so the
/// tables match the version the app runs. A migration runs it; the scheduler itself only checks them.
/// A Quartz upgrade that changes its schema comes with a migration of its own.
/// </summary>
public static class QuartzSchema
{
    public const string TablePrefix = "qrtz_";
    public static string CreateScript(DatabaseProvider provider = DatabaseProvider.PostgreSQL)
    {
        var resource = provider == DatabaseProvider.Sqlite
            ? "Quartz.Impl.AdoJobStore.Schema.create_sqlite.sql"
            : "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";
        using var stream = typeof(Quartz.IJob).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The Quartz assembly has no {resource}.");
        using var reader = new StreamReader(stream);
        // {0} is the table prefix and {1} the same prefix without a schema name; the tables live in the app's schema.
        return reader.ReadToEnd().Replace("{0}", TablePrefix).Replace("{1}", TablePrefix);
    }

    /// <summary>The script's statements one by one (Quartz separates them with a line reading <c>--;;</c>, and not
    /// every one ends with a semicolon, so they cannot be sent as one command).</summary>
    public static IEnumerable<string> CreateStatements(DatabaseProvider provider) =>
        CreateScript(provider).ReplaceLineEndings("\n").Split("\n--;;\n")
            .Where(piece => piece.Split('\n').Any(line => line.Trim() is { Length: > 0 } t && !t.StartsWith("--", StringComparison.Ordinal)));
}
