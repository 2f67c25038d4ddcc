namespace Compliance.Web.Tests.Infrastructure;

/// <summary>A test about SQLite alone (the file, its settings, its backup): it runs in the SQLite pass of the suite.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (!TestDatabase.IsSqlite) Skip = "About SQLite: runs when COMPLIANCE_TEST_DATABASE is Sqlite.";
    }
}

/// <summary>A test that needs PostgreSQL (several instances on one server): it runs in the PostgreSQL pass.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (TestDatabase.IsSqlite) Skip = "Needs several instances on one server: runs when COMPLIANCE_TEST_DATABASE is PostgreSQL.";
    }
}
