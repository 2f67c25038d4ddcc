using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Compliance.Web.Tests.Data;

/// <summary>One model, two migration sets: each must describe the model exactly, or a change was added to one only.</summary>
public sealed class MigrationSetsTests
{
    public static TheoryData<DatabaseProvider, string> Providers => new()
    {
        { DatabaseProvider.Sqlite, "Data Source=never-opened.db" },
        { DatabaseProvider.PostgreSQL, "Host=never-connected" },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Each_providers_migrations_are_up_to_date_with_the_model(DatabaseProvider provider, string connectionString)
    {
        using var db = new ComplianceDbContext(new DatabaseTarget(provider, connectionString).Options());
        db.Database.HasPendingModelChanges().Should().BeFalse(
            $"The {provider} migrations are behind the model: run scripts/add-migration.sh NameOfChange, which adds the change to both sets.");
        var migrations = db.GetService<IMigrationsAssembly>();
        migrations.Assembly.GetName().Name.Should().Be(new DatabaseTarget(provider, connectionString).MigrationsAssembly);
        migrations.Migrations.Should().NotBeEmpty();
    }

    [Fact]
    public void Both_sets_make_the_same_tables_and_columns()
    {
        static SortedSet<string> Columns(DatabaseProvider provider, string cs)
        {
            using var db = new ComplianceDbContext(new DatabaseTarget(provider, cs).Options());
            var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot!.Model;
            var model = db.GetService<IModelRuntimeInitializer>().Initialize(snapshot, designTime: true, validationLogger: null);
            return [.. model.GetRelationalModel().Tables.SelectMany(t => t.Columns.Select(c => $"{t.Name}.{c.Name}"))];
        }
        var sqlite = Columns(DatabaseProvider.Sqlite, "Data Source=never-opened.db");
        var postgres = Columns(DatabaseProvider.PostgreSQL, "Host=never-connected");
        sqlite.Should().Equal(postgres);
    }
}
