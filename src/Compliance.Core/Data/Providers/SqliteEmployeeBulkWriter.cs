using System.Globalization;
using Compliance.Core.Employees;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Compliance.Core.Data.Providers;

/// <summary>
/// Writes many employees at once on SQLite: one prepared insert per row into a temporary table inside the
/// caller's transaction, then one upsert by employee number. Values are written in the forms EF Core stores
/// (GUIDs and dates as text, flags as 0 or 1). Rows are streamed, never held all at once; disposing it without
/// <see cref="FinishAsync"/> leaves nothing in the employees table, and the caller's rollback removes the rest.
/// </summary>
internal sealed class SqliteEmployeeBulkWriter : IEmployeeBulkWriter
{
    private const string Columns = "id, employee_number, first_name, last_name, work_email, site_id, department_id, job_title, " +
        "start_date, leaving_date, is_manager, is_customer_facing, is_lone_worker, is_night_worker, is_agency_or_contractor";

    private readonly ComplianceDbContext _db;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _values;

    private SqliteEmployeeBulkWriter(ComplianceDbContext db, SqliteCommand insert)
    {
        _db = db;
        _insert = insert;
        _values = [.. insert.Parameters.Cast<SqliteParameter>()];
    }

    public static async Task<IEmployeeBulkWriter> BeginAsync(ComplianceDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("An employee import runs inside a transaction.");
        await db.Database.ExecuteSqlRawAsync($"CREATE TEMP TABLE employee_import ({Columns})", ct);
        var insert = (SqliteCommand)db.Database.GetDbConnection().CreateCommand();
        insert.Transaction = (SqliteTransaction)db.Database.CurrentTransaction.GetDbTransaction();
        var names = Columns.Split(", ");
        insert.CommandText = $"INSERT INTO temp.employee_import ({Columns}) VALUES ({string.Join(", ", names.Select(n => "$" + n))})";
        foreach (var name in names) insert.Parameters.Add(new SqliteParameter("$" + name, null));
        insert.Prepare();
        return new SqliteEmployeeBulkWriter(db, insert);
    }

    public void Write(ValidEmployee e)
    {
        // Time-ordered ids keep the primary-key index appending rather than splitting pages at random.
        Set(0, Text(RecordId.New()));
        Set(1, e.EmployeeNumber);
        Set(2, e.FirstName);
        Set(3, e.LastName);
        Set(4, e.WorkEmail);
        Set(5, Text(e.SiteId));
        Set(6, e.DepartmentId is { } d ? Text(d) : null);
        Set(7, e.JobTitle);
        Set(8, Text(e.StartDate));
        Set(9, Text(e.LeavingDate));
        Set(10, e.IsManager ? 1 : 0);
        Set(11, e.IsCustomerFacing ? 1 : 0);
        Set(12, e.IsLoneWorker ? 1 : 0);
        Set(13, e.IsNightWorker ? 1 : 0);
        Set(14, e.IsAgencyOrContractor ? 1 : 0);
        _insert.ExecuteNonQuery();
    }

    private void Set(int index, object? value) => _values[index].Value = value ?? DBNull.Value;

    /// <summary>EF Core keeps a GUID on SQLite as upper-case text.</summary>
    internal static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static string? Text(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<(int Created, int Updated)> FinishAsync(CancellationToken ct)
    {
        var total = await Scalar("SELECT count(*) FROM temp.employee_import", ct);
        var updated = await Scalar("SELECT count(*) FROM temp.employee_import i WHERE EXISTS (SELECT 1 FROM employees e WHERE e.employee_number = i.employee_number)", ct);
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        await _db.Database.ExecuteSqlRawAsync($$"""
            INSERT INTO employees ({{Columns}}, created_at_utc, updated_at_utc)
            SELECT {{Columns}}, {0}, {0} FROM temp.employee_import WHERE true
            ON CONFLICT (employee_number) DO UPDATE SET
                first_name = excluded.first_name, last_name = excluded.last_name, work_email = excluded.work_email,
                site_id = excluded.site_id, department_id = excluded.department_id, job_title = excluded.job_title,
                start_date = excluded.start_date, leaving_date = excluded.leaving_date,
                is_manager = excluded.is_manager, is_customer_facing = excluded.is_customer_facing,
                is_lone_worker = excluded.is_lone_worker, is_night_worker = excluded.is_night_worker,
                is_agency_or_contractor = excluded.is_agency_or_contractor, updated_at_utc = excluded.updated_at_utc
            """, [now], ct);
        await _db.Database.ExecuteSqlRawAsync("DROP TABLE temp.employee_import", ct);
        return (total - updated, updated);
    }

    private async Task<int> Scalar(string sql, CancellationToken ct)
    {
        await using var command = _db.Database.GetDbConnection().CreateCommand();
        command.Transaction = _insert.Transaction;
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync()
    {
        _insert.Dispose();
        return ValueTask.CompletedTask;
    }
}
