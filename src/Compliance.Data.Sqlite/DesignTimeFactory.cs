using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace Compliance.Data.Sqlite;

/// <summary>Lets the migration tool build the model for SQLite without starting the app; it never connects.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ComplianceDbContext>
{
    public ComplianceDbContext CreateDbContext(string[] args) =>
        new(new DatabaseTarget(DatabaseProvider.Sqlite, "Data Source=design-time-only.db").Options());
}
