namespace Compliance.Core.Data;

/// <summary>
/// The scheduler's tables (qrtz_*), from the PostgreSQL script Quartz ships inside its own assembly, so the
/// tables match the version the app runs. A migration runs it; the scheduler itself only checks them.
/// A Quartz upgrade that changes its schema comes with a migration of its own.
/// </summary>
public static class QuartzSchema
{
    public const string TablePrefix = "qrtz_";
    private const string Resource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    public static string CreateScript()
    {
        using var stream = typeof(Quartz.IJob).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The Quartz assembly has no {Resource}.");
        using var reader = new StreamReader(stream);
        // {0} is the table prefix and {1} the same prefix without a schema name; the tables live in the app's schema.
        return reader.ReadToEnd().Replace("{0}", TablePrefix).Replace("{1}", TablePrefix);
    }
}
