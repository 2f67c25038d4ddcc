using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Employees;

/// <summary>Adds one employee or changes one, with the same rules as the CSV import.</summary>
public sealed class SaveEmployee(ComplianceDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<(Guid? Id, List<FieldError> Errors)> HandleAsync(Guid? id, EmployeeFields fields, CancellationToken ct = default)
    {
        var lookup = await DirectoryLookup.LoadAsync(db, ct);
        var (valid, errors) = EmployeeValidator.Validate(fields, lookup);
        Employee? employee = null;
        if (id is { } existingId && (employee = await db.Employees.FindAsync([existingId], ct)) is null)
        {
            errors.Add(new("", "That employee no longer exists."));
        }
        if (valid is not null && await db.Employees.AnyAsync(e => e.Id != id && e.EmployeeNumber == valid.EmployeeNumber, ct))
        {
            errors.Add(new(EmployeeField.EmployeeNumber, $"Employee number \"{valid.EmployeeNumber}\" already belongs to someone else."));
        }
        if (errors.Count > 0 || valid is null)
        {
            return (null, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (employee is null)
        {
            employee = new Employee(valid, now);
            db.Employees.Add(employee);
        }
        else
        {
            employee.Apply(valid, now);
        }
        var action = id is null ? "employee.added" : "employee.changed";
        await audit.SaveAsync(db, AuditEvent.For(action, "Employee", employee.Id, $"Employee {employee.EmployeeNumber}"), ct);
        return (employee.Id, []);
    }
}

/// <summary>Records that someone has left (or will leave) on a date; their records stay for the evidence.</summary>
public sealed class MarkEmployeeAsLeaver(ComplianceDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<List<FieldError>> HandleAsync(Guid id, string? leavingDate, CancellationToken ct = default)
    {
        var employee = await db.Employees.FindAsync([id], ct);
        if (employee is null)
        {
            return [new("", "That employee no longer exists.")];
        }
        var date = EmployeeValidator.ParseDate(leavingDate);
        if (date is null)
        {
            return [new("LeavingDate", "Enter the leaving date as a UK date, such as 31/03/2026 or 31 March 2026.")];
        }
        if (employee.StartDate is { } start && date < start)
        {
            return [new("LeavingDate", "The leaving date cannot be before the start date.")];
        }
        employee.MarkAsLeaver(date.Value, clock.GetUtcNow().UtcDateTime);
        await audit.SaveAsync(db, AuditEvent.For("employee.leaver", "Employee", employee.Id, $"Employee {employee.EmployeeNumber} marked as leaving on {UkDates.Long(date)}"), ct);
        return [];
    }
}
