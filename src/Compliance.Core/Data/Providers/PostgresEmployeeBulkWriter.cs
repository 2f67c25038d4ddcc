using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Compliance.Core.Data.Providers;

/// <summary>
/// Writes many employees at once: binary COPY into a temporary table, then one upsert by employee number.
/// Runs inside the caller's transaction; rows are streamed, never held all at once. Disposing it without
/// <see cref="FinishAsync"/> abandons the COPY, so nothing reaches the employees table.
/// </summary>
internal sealed class PostgresEmployeeBulkWriter : IEmployeeBulkWriter
{
    private readonly ComplianceDbContext _db;
    private readonly NpgsqlBinaryImporter _copy;

    private PostgresEmployeeBulkWriter(ComplianceDbContext db, NpgsqlBinaryImporter copy)
    {
        _db = db;
        _copy = copy;
    }

    public static async Task<IEmployeeBulkWriter> BeginAsync(ComplianceDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("""
            CREATE TEMP TABLE employee_import (
                id uuid, employee_number text, first_name text, last_name text, work_email text, site_id uuid,
                department_id uuid, job_title text, start_date date, leaving_date date, is_manager boolean,
                is_customer_facing boolean, is_lone_worker boolean, is_night_worker boolean,
                is_agency_or_contractor boolean) ON COMMIT DROP
            """, ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        return new PostgresEmployeeBulkWriter(db, await connection.BeginBinaryImportAsync("COPY employee_import FROM STDIN (FORMAT BINARY)", ct));
    }

    /// <summary>Buffers one row; the importer sends a full buffer as it goes.</summary>
    public void Write(ValidEmployee e)
    {
        _copy.StartRow();
        // Time-ordered ids keep the primary-key index appending rather than splitting pages at random.
        _copy.Write(RecordId.New(), NpgsqlDbType.Uuid);
        _copy.Write(e.EmployeeNumber, NpgsqlDbType.Text);
        _copy.Write(e.FirstName, NpgsqlDbType.Text);
        _copy.Write(e.LastName, NpgsqlDbType.Text);
        WriteNullable(e.WorkEmail, NpgsqlDbType.Text);
        _copy.Write(e.SiteId, NpgsqlDbType.Uuid);
        WriteNullable(e.DepartmentId, NpgsqlDbType.Uuid);
        WriteNullable(e.JobTitle, NpgsqlDbType.Text);
        WriteNullable(e.StartDate, NpgsqlDbType.Date);
        WriteNullable(e.LeavingDate, NpgsqlDbType.Date);
        _copy.Write(e.IsManager, NpgsqlDbType.Boolean);
        _copy.Write(e.IsCustomerFacing, NpgsqlDbType.Boolean);
        _copy.Write(e.IsLoneWorker, NpgsqlDbType.Boolean);
        _copy.Write(e.IsNightWorker, NpgsqlDbType.Boolean);
        _copy.Write(e.IsAgencyOrContractor, NpgsqlDbType.Boolean);
    }

    public async Task<(int Created, int Updated)> FinishAsync(CancellationToken ct)
    {
        await _copy.CompleteAsync(ct);
        await _copy.CloseAsync(ct);
        var connection = (NpgsqlConnection)_db.Database.GetDbConnection();
        await using var upsert = connection.CreateCommand();
        upsert.Transaction = (NpgsqlTransaction?)_db.Database.CurrentTransaction?.GetDbTransaction();
        upsert.CommandText = """
            WITH written AS (
                INSERT INTO employees (id, employee_number, first_name, last_name, work_email, site_id, department_id,
                    job_title, start_date, leaving_date, is_manager, is_customer_facing, is_lone_worker, is_night_worker,
                    is_agency_or_contractor, created_at_utc, updated_at_utc)
                SELECT id, employee_number, first_name, last_name, work_email, site_id, department_id, job_title,
                    start_date, leaving_date, is_manager, is_customer_facing, is_lone_worker, is_night_worker,
                    is_agency_or_contractor, now(), now()
                FROM employee_import
                ON CONFLICT (employee_number) DO UPDATE SET
                    first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, work_email = EXCLUDED.work_email,
                    site_id = EXCLUDED.site_id, department_id = EXCLUDED.department_id, job_title = EXCLUDED.job_title,
                    start_date = EXCLUDED.start_date, leaving_date = EXCLUDED.leaving_date,
                    is_manager = EXCLUDED.is_manager, is_customer_facing = EXCLUDED.is_customer_facing,
                    is_lone_worker = EXCLUDED.is_lone_worker, is_night_worker = EXCLUDED.is_night_worker,
                    is_agency_or_contractor = EXCLUDED.is_agency_or_contractor, updated_at_utc = now()
                RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted)::int, count(*) FILTER (WHERE NOT inserted)::int FROM written
            """;
        await using var result = await upsert.ExecuteReaderAsync(ct);
        await result.ReadAsync(ct);
        return (result.GetInt32(0), result.GetInt32(1));
    }

    private void WriteNullable<T>(T? value, NpgsqlDbType type) where T : class
    {
        if (value is null) _copy.WriteNull(); else _copy.Write(value, type);
    }

    private void WriteNullable<T>(T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v) _copy.Write(v, type); else _copy.WriteNull();
    }

    public ValueTask DisposeAsync() => _copy.DisposeAsync();
}
