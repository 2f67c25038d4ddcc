using System.Globalization;
using System.Net.Mail;
using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Employees;

/// <summary>Sites and departments by name (case-insensitive), so each row is checked without a query.</summary>
public sealed class DirectoryLookup(IEnumerable<(Guid Id, string Name)> sites, IEnumerable<(Guid Id, string Name)> departments)
{
    private readonly Dictionary<string, Guid> _sites = ToMap(sites);
    private readonly Dictionary<string, Guid> _departments = ToMap(departments);

    public static async Task<DirectoryLookup> LoadAsync(ComplianceDbContext db, CancellationToken ct)
    {
        var sites = await db.Sites.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        return new DirectoryLookup(sites.Select(s => (s.Id, s.Name)), departments.Select(d => (d.Id, d.Name)));
    }

    public bool TryFindSite(string name, out Guid id) => _sites.TryGetValue(name.Trim(), out id);
    public bool TryFindDepartment(string name, out Guid id) => _departments.TryGetValue(name.Trim(), out id);

    private static Dictionary<string, Guid> ToMap(IEnumerable<(Guid Id, string Name)> items)
    {
        var map = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, name) in items)
        {
            map.TryAdd(name.Trim(), id);
        }
        return map;
    }
}

public static class EmployeeValidator
{
    public const int MaxNumberLength = 50;
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MaxJobTitleLength = 150;

    public static (ValidEmployee? Employee, List<FieldError> Errors) Validate(EmployeeFields f, DirectoryLookup lookup)
    {
        var errors = new List<FieldError>();
        var number = Text(f.EmployeeNumber, EmployeeField.EmployeeNumber, "Employee number", MaxNumberLength, true, errors);
        var first = Text(f.FirstName, EmployeeField.FirstName, "First name", MaxNameLength, true, errors);
        var last = Text(f.LastName, EmployeeField.LastName, "Last name", MaxNameLength, true, errors);
        var (email, emailErrors) = ValidateEmail(f.WorkEmail, required: false);
        errors.AddRange(emailErrors);
        var jobTitle = Text(f.JobTitle, EmployeeField.JobTitle, "Job title", MaxJobTitleLength, false, errors);

        var siteId = Guid.Empty;
        var siteName = Text(f.Site, EmployeeField.Site, "Site", 200, true, errors);
        if (siteName is not null && !lookup.TryFindSite(siteName, out siteId))
        {
            errors.Add(new(EmployeeField.Site, $"There is no site called \"{siteName}\". Add the site first, or correct the name."));
        }
        Guid? departmentId = null;
        var departmentName = Text(f.Department, EmployeeField.Department, "Department", 200, false, errors);
        if (departmentName is not null)
        {
            if (lookup.TryFindDepartment(departmentName, out var d))
            {
                departmentId = d;
            }
            else
            {
                errors.Add(new(EmployeeField.Department, $"There is no department called \"{departmentName}\". Add the department first, or correct the name."));
            }
        }

        var start = Date(f.StartDate, EmployeeField.StartDate, errors);
        var leaving = Date(f.LeavingDate, EmployeeField.LeavingDate, errors);
        if (start is not null && leaving is not null && leaving < start)
        {
            errors.Add(new(EmployeeField.LeavingDate, "The leaving date cannot be before the start date."));
        }

        var manager = Flag(f.Manager, EmployeeField.Manager, errors);
        var customerFacing = Flag(f.CustomerFacing, EmployeeField.CustomerFacing, errors);
        var lone = Flag(f.LoneWorking, EmployeeField.LoneWorking, errors);
        var night = Flag(f.NightWorking, EmployeeField.NightWorking, errors);
        var agency = Flag(f.AgencyOrContractor, EmployeeField.AgencyOrContractor, errors);

        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new ValidEmployee(number!, first!, last!, email?.ToLowerInvariant(), siteId, departmentId, jobTitle,
            start, leaving, manager, customerFacing, lone, night, agency), errors);
    }

    private static string? Text(string? value, string field, string label, int maxLength, bool required, List<FieldError> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                errors.Add(new(field, $"{label} is required."));
            }
            return null;
        }
        if (trimmed.Length > maxLength)
        {
            errors.Add(new(field, $"{label} must be {maxLength} characters or fewer."));
            return null;
        }
        if (trimmed.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') >= 0 || trimmed.Contains('\u007f'))
        {
            errors.Add(new(field, $"{label} contains a control character."));
            return null;
        }
        return trimmed;
    }

    public static (string? Email, List<FieldError> Errors) ValidateEmail(string? value, bool required)
    {
        var errors = new List<FieldError>();
        var email = Text(value, EmployeeField.WorkEmail, "Email address", MaxEmailLength, required, errors);
        if (email is not null && !IsEmail(email))
        {
            errors.Add(new(EmployeeField.WorkEmail, $"\"{email}\" is not a valid email address."));
            email = null;
        }
        return (email, errors);
    }

    /// <summary>One address, as people type them: a single @, a dot in the domain, nothing MailAddress would rewrite.</summary>
    public static bool IsEmail(string value)
    {
        var at = value.IndexOf('@');
        if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1 || value.Contains(' ')
            || !value[(at + 1)..].Contains('.') || value.EndsWith('.'))
        {
            return false;
        }
        return MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;
    }

    public static DateOnly? ParseDate(string? value) => UkDates.Parse(value);

    private static DateOnly? Date(string? value, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var parsed = ParseDate(value);
        if (parsed is null)
        {
            errors.Add(new(field, $"\"{value.Trim()}\" is not a date. Use a UK date such as 31/03/2025 or 31 March 2025 (or 2025-03-31)."));
        }
        return parsed;
    }

    private static readonly string[] Yes = ["yes", "y", "true", "1"];
    private static readonly string[] No = ["no", "n", "false", "0"];

    private static bool Flag(string? value, string field, List<FieldError> errors)
    {
        var v = value.AsSpan().Trim();
        if (v.IsEmpty || Matches(v, No))
        {
            return false;
        }
        if (Matches(v, Yes))
        {
            return true;
        }
        errors.Add(new(field, $"\"{v}\" is not yes or no."));
        return false;
    }

    private static bool Matches(ReadOnlySpan<char> value, string[] words)
    {
        foreach (var word in words)
        {
            if (value.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
