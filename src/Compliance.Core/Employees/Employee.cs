namespace Compliance.Core.Employees;

/// <summary>A person in the employee directory. The employee number is the key that imports update by.</summary>
public sealed class Employee
{
    private Employee() { }

    public Employee(ValidEmployee details, DateTime nowUtc)
    {
        Id = RecordId.New();
        CreatedAtUtc = nowUtc;
        Apply(details, nowUtc);
    }

    public Guid Id { get; private set; }
    public string EmployeeNumber { get; private set; } = "";
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public string? WorkEmail { get; private set; }
    public Guid SiteId { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public string? JobTitle { get; private set; }
    public DateOnly? StartDate { get; private set; }
    public DateOnly? LeavingDate { get; private set; }
    public bool IsManager { get; private set; }
    public bool IsCustomerFacing { get; private set; }
    public bool IsLoneWorker { get; private set; }
    public bool IsNightWorker { get; private set; }
    public bool IsAgencyOrContractor { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    public string FullName => $"{FirstName} {LastName}";

    public bool HasLeft(DateOnly today) => LeavingDate is { } left && left <= today;

    public void Apply(ValidEmployee d, DateTime nowUtc)
    {
        EmployeeNumber = d.EmployeeNumber;
        FirstName = d.FirstName;
        LastName = d.LastName;
        WorkEmail = d.WorkEmail;
        SiteId = d.SiteId;
        DepartmentId = d.DepartmentId;
        JobTitle = d.JobTitle;
        StartDate = d.StartDate;
        LeavingDate = d.LeavingDate;
        IsManager = d.IsManager;
        IsCustomerFacing = d.IsCustomerFacing;
        IsLoneWorker = d.IsLoneWorker;
        IsNightWorker = d.IsNightWorker;
        IsAgencyOrContractor = d.IsAgencyOrContractor;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>Marks the person as a leaver. A leaving date before the start date is refused.</summary>
    public void MarkAsLeaver(DateOnly leavingDate, DateTime nowUtc)
    {
        if (StartDate is { } start && leavingDate < start)
        {
            throw new InvalidOperationException("The leaving date cannot be before the start date.");
        }
        LeavingDate = leavingDate;
        UpdatedAtUtc = nowUtc;
    }
}

/// <summary>Employee details that have passed validation, with the site and department resolved.</summary>
public sealed record ValidEmployee(
    string EmployeeNumber,
    string FirstName,
    string LastName,
    string? WorkEmail,
    Guid SiteId,
    Guid? DepartmentId,
    string? JobTitle,
    DateOnly? StartDate,
    DateOnly? LeavingDate,
    bool IsManager,
    bool IsCustomerFacing,
    bool IsLoneWorker,
    bool IsNightWorker,
    bool IsAgencyOrContractor);
