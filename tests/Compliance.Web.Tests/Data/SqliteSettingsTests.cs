using Compliance.Core.Data.Providers;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.Data;

/// <summary>The settings every SQLite connection of the app has, and what they give.</summary>
public sealed class SqliteSettingsTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    [SqliteFact]
    public async Task Every_connection_the_app_opens_has_wal_full_sync_foreign_keys_a_busy_timeout_secure_delete_and_temporary_files_in_memory()
    {
        // Several connections from the app's own pool and new ones on its pooled handles, each checked: a handle is
        // given the settings once and keeps them, and every connection folds every letter in lower().
        var handles = new List<object>();
        for (var i = 0; i < 6; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await using var own = i % 2 == 0 ? null : app.NewDbContext();
            var db = own ?? scope.ServiceProvider.GetRequiredService<Compliance.Core.Data.ComplianceDbContext>();
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            handles.Add(connection.Handle!);
            SqliteConnectionSettings.Check(connection).Should().BeEmpty();
            await using (var lower = connection.CreateCommand())
            {
                lower.CommandText = "SELECT lower('ÉMILE ÆRØ')";
                (await lower.ExecuteScalarAsync()).Should().Be("émile ærø");
            }
            await db.Database.CloseConnectionAsync();
        }
        handles.Distinct().Count().Should().BeLessThan(handles.Count, "the pool hands a handle out again, already set");
    }

    [SqliteFact]
    public async Task A_write_transaction_holds_the_write_lock_from_its_start_so_a_second_writer_waits_instead_of_failing_later()
    {
        await using var first = app.NewDbContext();
        await using var tx = await first.Database.BeginTransactionAsync();
        // Nothing written yet; a second writer that will not wait is refused at once: the lock was taken at BEGIN.
        // Microsoft.Data.Sqlite retries a busy BEGIN for its default timeout: make it one second here.
        await using (var other = new SqliteConnection(new SqliteConnectionStringBuilder(app.ConnectionString) { DefaultTimeout = 1 }.ToString()))
        {
            await other.OpenAsync();
            await using var noWait = other.CreateCommand();
            noWait.CommandText = "PRAGMA busy_timeout = 0;";
            await noWait.ExecuteNonQueryAsync();
            var refused = FluentActions.Invoking(() => other.BeginTransaction(deferred: false)).Should().ThrowExactly<SqliteException>().Which;
            refused.SqliteErrorCode.Should().Be(5); // SQLITE_BUSY
        }
        // A second writer of the app's own waits its turn, and succeeds once the first commits.
        var second = Task.Run(async () =>
        {
            await using var db = app.NewDbContext();
            await using var tx2 = await db.Database.BeginTransactionAsync();
            await tx2.CommitAsync();
        });
        await Task.Delay(300);
        second.IsCompleted.Should().BeFalse();
        await tx.CommitAsync();
        await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [SqliteFact]
    public async Task A_deleted_row_leaves_nothing_readable_in_the_file()
    {
        const string canary = "Secure-delete canary 7Q2";
        // A row written straight to a table and deleted again, as a purge deletes a report's rows.
        var id = TestDatabase.Literal(Guid.NewGuid());
        await TestDatabase.ExecuteAsync(app.ConnectionString, $"INSERT INTO key_ring (id, name, xml, created_at_utc) VALUES ({id}, 'test', '{canary}', '2026-01-01 00:00:00')");
        await TestDatabase.ExecuteAsync(app.ConnectionString, $"DELETE FROM key_ring WHERE id = {id}");
        await TestDatabase.ExecuteAsync(app.ConnectionString, "PRAGMA wal_checkpoint(TRUNCATE);");
        var file = new SqliteConnectionStringBuilder(app.ConnectionString).DataSource;
        var bytes = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
        bytes.Should().NotContain(canary);
    }

    [Fact]
    public async Task Searching_and_matching_names_ignore_case_for_every_letter_on_both_databases()
    {
        await using (var db = app.NewDbContext())
        {
            db.Sites.Add(new Compliance.Core.Organisation.Site("Émile Zola Ærø House", Compliance.Core.Organisation.Nation.England, null));
            await db.SaveChangesAsync();
        }
        await using (var db = app.NewDbContext())
        {
            (await db.Sites.CountAsync(s => s.Name.ToLower().Contains("émile zola ærø"))).Should().Be(1);
        }
        // The page's own "same name, ignoring case" check refuses the lower-case twin.
        var (id, errors) = await app.WithServiceAsync<Compliance.Core.Organisation.SaveSite, (Guid? Id, List<FieldError> Errors)>(s =>
            s.HandleAsync(new Compliance.Core.Organisation.SaveSiteInput(null, "émile zola ærø house", Compliance.Core.Organisation.Nation.England, null)));
        id.Should().BeNull();
        errors.Should().NotBeEmpty();
    }
}
