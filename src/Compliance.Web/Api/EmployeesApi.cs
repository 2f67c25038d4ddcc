using System.Text.Json;
using System.Text.Json.Serialization;
using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Api;

/// <summary>One employee as the API reads and writes it: the CSV import's columns, as JSON.</summary>
public sealed record EmployeeRecord
{
    public string? EmployeeNumber { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? WorkEmail { get; init; }
    public string? Site { get; init; }
    public string? Department { get; init; }
    public string? JobTitle { get; init; }

    /// <summary>YYYY-MM-DD.</summary>
    public string? StartDate { get; init; }

    /// <summary>YYYY-MM-DD.</summary>
    public string? LeavingDate { get; init; }

    public bool? Manager { get; init; }
    public bool? CustomerFacing { get; init; }
    public bool? LoneWorking { get; init; }
    public bool? NightWorking { get; init; }
    public bool? AgencyOrContractor { get; init; }
}

public static class EmployeesApi
{
    /// <summary>snake_case like the CSV columns; an unknown field is refused by name rather than ignored.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private const int MaxBodyBytes = 64 * 1024;

    public static void MapEmployeesApi(this RouteGroupBuilder api)
    {
        var employees = api.MapGroup("/employees").WithTags("Employees");

        employees.MapPut("/{employeeNumber}", PutAsync)
            .RequireAuthorization(ApiTokenAuthentication.Policy(ApiScopes.EmployeesWrite))
            .WithName("PutEmployee")
            .WithSummary("Create or update one employee")
            .WithDescription("Creates the employee with this employee number, or changes them if they exist. The same rules as the CSV import apply; errors name the field.")
            // Described for OpenAPI without a content-type constraint on routing, so other bodies get a 415 from the handler.
            .WithMetadata(new JsonRequestBody(typeof(EmployeeRecord)))
            .Produces<EmployeeRecord>(StatusCodes.Status200OK)
            .Produces<EmployeeRecord>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        employees.MapGet("/{employeeNumber}", GetAsync)
            .RequireAuthorization(ApiTokenAuthentication.Policy(ApiScopes.Read))
            .WithName("GetEmployee")
            .WithSummary("Read one employee")
            .Produces<EmployeeRecord>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> GetAsync(string employeeNumber, ComplianceDbContext db, CancellationToken ct)
    {
        var record = await FindAsync(db, employeeNumber.Trim(), ct);
        return record is null ? NotFound(employeeNumber) : Results.Json(record, Json);
    }

    private static async Task<IResult> PutAsync(string employeeNumber, HttpRequest request, ComplianceDbContext db, SaveEmployee save, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }
        // A chunked body has no length to check up front: read at most one byte past the limit.
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return TooLarge();
            }
        }
        buffer.Position = 0;
        if (!request.HasJsonContentType())
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send JSON", detail: "Set 'Content-Type: application/json'.");
        }
        EmployeeRecord? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<EmployeeRecord>(buffer, Json, ct);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            return Invalid(field, e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"\"{field}\" is not a field of an employee."
                : $"The value of \"{field}\" is not valid JSON of the right type.");
        }
        if (body is null)
        {
            return Invalid("body", "Send the employee as a JSON object.");
        }
        var number = employeeNumber.Trim();
        if (body.EmployeeNumber is { } inBody && inBody.Trim() != number)
        {
            return Invalid(EmployeeField.EmployeeNumber, $"The employee number in the body (\"{inBody}\") differs from the one in the address (\"{number}\").");
        }

        var existingId = await db.Employees.Where(e => e.EmployeeNumber == number).Select(e => (Guid?)e.Id).SingleOrDefaultAsync(ct);
        var (id, errors) = await save.HandleAsync(existingId, ToFields(number, body), ct);
        if (errors.Count > 0 || id is null)
        {
            return Results.ValidationProblem(
                errors.GroupBy(e => e.Field.Length == 0 ? "body" : e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "The employee was not saved", statusCode: StatusCodes.Status400BadRequest);
        }
        var saved = await FindAsync(db, number, ct);
        return existingId is null
            ? Results.Json(saved, Json, statusCode: StatusCodes.Status201Created)
            : Results.Json(saved, Json);
    }

    private static EmployeeFields ToFields(string number, EmployeeRecord r) => new()
    {
        EmployeeNumber = number,
        FirstName = r.FirstName,
        LastName = r.LastName,
        WorkEmail = r.WorkEmail,
        Site = r.Site,
        Department = r.Department,
        JobTitle = r.JobTitle,
        StartDate = r.StartDate,
        LeavingDate = r.LeavingDate,
        Manager = Flag(r.Manager),
        CustomerFacing = Flag(r.CustomerFacing),
        LoneWorking = Flag(r.LoneWorking),
        NightWorking = Flag(r.NightWorking),
        AgencyOrContractor = Flag(r.AgencyOrContractor),
    };

    private static string? Flag(bool? value) => value switch { true => "yes", false => "no", null => null };

    private static Task<EmployeeRecord?> FindAsync(ComplianceDbContext db, string number, CancellationToken ct) =>
        (from e in db.Employees
         join s in db.Sites on e.SiteId equals s.Id
         join d in db.Departments on e.DepartmentId equals d.Id into ds
         from d in ds.DefaultIfEmpty()
         where e.EmployeeNumber == number
         select new EmployeeRecord
         {
             EmployeeNumber = e.EmployeeNumber,
             FirstName = e.FirstName,
             LastName = e.LastName,
             WorkEmail = e.WorkEmail,
             Site = s.Name,
             Department = d == null ? null : d.Name,
             JobTitle = e.JobTitle,
             StartDate = e.StartDate == null ? null : e.StartDate.Value.ToString("yyyy-MM-dd"),
             LeavingDate = e.LeavingDate == null ? null : e.LeavingDate.Value.ToString("yyyy-MM-dd"),
             Manager = e.IsManager,
             CustomerFacing = e.IsCustomerFacing,
             LoneWorking = e.IsLoneWorker,
             NightWorking = e.IsNightWorker,
             AgencyOrContractor = e.IsAgencyOrContractor,
         }).SingleOrDefaultAsync(ct);

    private static IResult TooLarge() =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large", detail: $"Send at most {MaxBodyBytes / 1024} KB per employee.");

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The employee was not saved");

    private static IResult NotFound(string number) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such employee", detail: $"There is no employee with number \"{number}\".");
}
