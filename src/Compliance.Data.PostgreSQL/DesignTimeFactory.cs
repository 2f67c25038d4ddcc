using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace Compliance.Data.PostgreSQL;

/// <summary>Lets the migration tool build the model for PostgreSQL without starting the app; it never connects.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ComplianceDbContext>
{
    public ComplianceDbContext CreateDbContext(string[] args) =>
        new(new DatabaseTarget(DatabaseProvider.PostgreSQL, "Host=design-time-only").Options());
}
