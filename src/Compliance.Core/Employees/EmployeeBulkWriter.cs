using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Compliance.Core.Employees;

/// <summary>
/// Writes many employees at once: binary COPY into a temporary table, then one upsert by employee number.
/// Runs inside the caller's transaction; rows are streamed, never held all at once.
/// </summary>
internal static class EmployeeBulkWriter
{
    public static async Task<(int Created, int Updated)> WriteAsync(ComplianceDbContext db, IEnumerable<ValidEmployee> rows, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.ExecuteSqlRawAsync("""
            CREATE TEMP TABLE employee_import (
                employee_number text, first_name text, last_name text, work_email text, site_id uuid,
                department_id uuid, job_title text, start_date date, leaving_date date, is_manager boolean,
                is_customer_facing boolean, is_lone_worker boolean, is_night_worker boolean,
                is_agency_or_contractor boolean) ON COMMIT DROP
            """, ct);

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY employee_import FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var e in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(e.EmployeeNumber, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(e.FirstName, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(e.LastName, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, e.WorkEmail, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(e.SiteId, NpgsqlDbType.Uuid, ct);
                await WriteNullableAsync(copy, e.DepartmentId, NpgsqlDbType.Uuid, ct);
                await WriteNullableAsync(copy, e.JobTitle, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, e.StartDate, NpgsqlDbType.Date, ct);
                await WriteNullableAsync(copy, e.LeavingDate, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(e.IsManager, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(e.IsCustomerFacing, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(e.IsLoneWorker, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(e.IsNightWorker, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(e.IsAgencyOrContractor, NpgsqlDbType.Boolean, ct);
            }
            await copy.CompleteAsync(ct);
        }

        await using var upsert = connection.CreateCommand();
        upsert.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        upsert.CommandText = """
            WITH written AS (
                INSERT INTO employees (id, employee_number, first_name, last_name, work_email, site_id, department_id,
                    job_title, start_date, leaving_date, is_manager, is_customer_facing, is_lone_worker, is_night_worker,
                    is_agency_or_contractor, created_at_utc, updated_at_utc)
                SELECT gen_random_uuid(), employee_number, first_name, last_name, work_email, site_id, department_id, job_title,
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

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : class =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);
}
