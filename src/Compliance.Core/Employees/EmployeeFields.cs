namespace Compliance.Core.Employees;

/// <summary>
/// Employee details as typed by a person or read from a CSV row: every value is raw text, so the form,
/// the import and the API share one set of rules and one set of messages.
/// </summary>
public sealed record EmployeeFields
{
    public string? EmployeeNumber { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? WorkEmail { get; init; }
    public string? Site { get; init; }
    public string? Department { get; init; }
    public string? JobTitle { get; init; }
    public string? StartDate { get; init; }
    public string? LeavingDate { get; init; }
    public string? Manager { get; init; }
    public string? CustomerFacing { get; init; }
    public string? LoneWorking { get; init; }
    public string? NightWorking { get; init; }
    public string? AgencyOrContractor { get; init; }
}

/// <summary>The names of the fields, as they appear in a CSV header and in error messages.</summary>
public static class EmployeeField
{
    public const string EmployeeNumber = "employee_number";
    public const string FirstName = "first_name";
    public const string LastName = "last_name";
    public const string WorkEmail = "work_email";
    public const string Site = "site";
    public const string Department = "department";
    public const string JobTitle = "job_title";
    public const string StartDate = "start_date";
    public const string LeavingDate = "leaving_date";
    public const string Manager = "manager";
    public const string CustomerFacing = "customer_facing";
    public const string LoneWorking = "lone_working";
    public const string NightWorking = "night_working";
    public const string AgencyOrContractor = "agency_or_contractor";

    public static readonly IReadOnlyList<string> All =
    [
        EmployeeNumber, FirstName, LastName, WorkEmail, Site, Department, JobTitle, StartDate, LeavingDate,
        Manager, CustomerFacing, LoneWorking, NightWorking, AgencyOrContractor,
    ];

    public static readonly IReadOnlyList<string> Required = [EmployeeNumber, FirstName, LastName, Site];
}

