using System.Security.Cryptography;
using Bogus;
using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Microsoft.AspNetCore.Identity;

namespace Compliance.Core.Demo;

public sealed record DemoAccount(string Role, string Email, string Password);

/// <summary>
/// A realistic demo organisation: a hospitality group with sites across Great Britain (and one in Northern
/// Ireland, outside the duty), departments, synthetic employees with risk flags, and one account per role.
/// </summary>
public sealed class SeedDemo(
    ComplianceDbContext db, UserManager<ApplicationUser> users, RoleManager<IdentityRole<Guid>> roles,
    AuditTrail audit, Cases.CaseKeyring keyring, Microsoft.Extensions.Options.IOptions<Cases.CaseOptions> caseOptions, TimeProvider clock,
    Policies.PolicyWork policyWork, Policies.PolicyTemplates policyTemplates, Scoring.StepEvidence evidence, Scoring.PositionTrend trend)
{
    private static readonly (string Name, Nation Nation, string Postcode)[] DemoSites =
    [
        ("London Bridge Hotel", Nation.England, "SE1 9SG"), ("Manchester Piccadilly Hotel", Nation.England, "M1 2BN"),
        ("Cardiff Bay Hotel", Nation.Wales, "CF10 5AL"), ("Glasgow Central Hotel", Nation.Scotland, "G1 3SF"),
        ("Bristol Harbourside Hotel", Nation.England, "BS1 5DB"), ("Belfast City Hotel", Nation.NorthernIreland, "BT1 6DN"),
        ("Head Office", Nation.England, "EC2A 4NE"),
    ];

    private static readonly string[] DemoDepartments =
        ["Front of House", "Food and Beverage", "Kitchen", "Housekeeping", "Events", "Security", "Finance", "People", "Sales"];

    private static readonly string[] JobTitles =
        ["Receptionist", "Waiter", "Bartender", "Chef", "Kitchen Porter", "Room Attendant", "Night Porter", "Events Coordinator",
         "Security Officer", "Accounts Assistant", "HR Adviser", "Sales Executive", "Duty Manager", "General Manager"];

    public async Task<IReadOnlyList<DemoAccount>> HandleAsync(int employeeCount, CancellationToken ct = default)
    {
        if (employeeCount is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(employeeCount), "The number of employees must be between 1 and 1,000,000.");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccountRules.OrganisationExistsAsync(db, ct))
        {
            throw new InvalidOperationException("This database already holds an organisation; seed-demo only fills an empty one.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var events = new List<AuditEvent>();
        var organisation = new Organisation.Organisation("Northwind Hospitality Group Ltd", Sector.Hospitality, SizeBand.VeryLarge,
            DemoSites.Select(s => s.Nation), now);
        db.Organisations.Add(organisation);
        events.Add(AuditEvent.For("organisation.created", "Organisation", organisation.Id, $"Demo organisation \"{organisation.Name}\" created"));

        var sites = DemoSites.Select(s => new Site(s.Name, s.Nation, s.Postcode)).ToList();
        db.Sites.AddRange(sites);
        events.AddRange(sites.Select(s => AuditEvent.For("site.added", "Site", s.Id, $"Site \"{s.Name}\" in {s.Nation.DisplayName()}")));
        var departments = DemoDepartments.Select(d => new Department(d)).ToList();
        db.Departments.AddRange(departments);
        events.AddRange(departments.Select(d => AuditEvent.For("department.added", "Department", d.Id, $"Department \"{d.Name}\"")));
        await db.SaveChangesAsync(ct);

        await AccountRules.EnsureRolesAsync(roles);
        var accounts = new List<DemoAccount>();
        var byRole = new Dictionary<string, ApplicationUser>();
        foreach (var role in Roles.All)
        {
            var email = $"{role.ToLowerInvariant()}@northwind.example";
            var password = GeneratePassword();
            var user = new ApplicationUser { Id = RecordId.New(), UserName = email, Email = email, DisplayName = $"Demo {Roles.Label(role)}", CreatedAtUtc = now };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }
            await users.AddToRoleAsync(user, role);
            events.Add(AuditEvent.For("account.created", "Account", user.Id, $"Demo account with role {role}"));
            if (role == Roles.Manager)
            {
                // The demo line manager looks after the first site, so their team page has people on it.
                db.ManagerScopes.Add(new ManagerScope(user.Id, sites[0].Id, null));
            }
            accounts.Add(new DemoAccount(role, email, password));
            byRole[role] = user;
        }

        var (created, _) = await db.Dialect.WriteAllAsync(db, GenerateEmployees(employeeCount, sites, departments, DateOnly.FromDateTime(now)), ct);
        events.Add(new AuditEvent("employees.imported", "EmployeeDirectory", null, $"Demo directory of {created} synthetic employees created"));
        await DemoRiskRecords.AddAsync(db, sites, new DemoRiskRecords.People(byRole[Roles.Director].Id, byRole[Roles.Director].DisplayName,
            byRole[Roles.Manager].Id, byRole[Roles.Manager].DisplayName), now, events, ct);
        var handler = byRole[Roles.CaseHandler];
        await DemoPolicies.AddAsync(db, policyTemplates, await policyWork.TemplateModelAsync($"{handler.DisplayName}, who handles reports", ct), sites,
            new DemoPolicies.People(byRole[Roles.Director].Id, byRole[Roles.Director].DisplayName, byRole[Roles.HRManager].DisplayName), now, events, ct);
        await DemoTraining.AddAsync(db, handler.Email!, byRole[Roles.HRManager].DisplayName, now, events, ct);
        DemoCases.Add(db, keyring, sites, new DemoCases.Handler(handler.Id, handler.DisplayName), now, UkCalendar.Today(clock), caseOptions.Value, events);
        await DemoPosition.AddAsync(db, evidence, trend, new DemoPosition.Director(byRole[Roles.Director].Id, byRole[Roles.Director].DisplayName),
            byRole[Roles.HRManager].DisplayName, now, events, ct);
        await audit.SaveAsync(db, events, ct);
        await tx.CommitAsync(ct);
        return accounts;
    }

    private static IEnumerable<ValidEmployee> GenerateEmployees(int count, List<Site> sites, List<Department> departments, DateOnly today)
    {
        var faker = new Faker("en_GB") { Random = new Randomizer(20241026) };
        for (var i = 1; i <= count; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var title = faker.PickRandom(JobTitles);
            var start = today.AddDays(-faker.Random.Int(30, 365 * 15));
            var left = faker.Random.Bool(0.06f) ? start.AddDays(faker.Random.Int(30, Math.Max(31, today.DayNumber - start.DayNumber))) : (DateOnly?)null;
            yield return new ValidEmployee(
                $"E{i:D6}", first, last,
                $"{Slug(first)}.{Slug(last)}.{i}@northwind.example",
                faker.PickRandom(sites).Id, faker.PickRandom(departments).Id, title, start, left,
                IsManager: title.EndsWith("Manager", StringComparison.Ordinal),
                IsCustomerFacing: title is "Receptionist" or "Waiter" or "Bartender" or "Room Attendant" or "Night Porter" or "Security Officer" or "Events Coordinator",
                IsLoneWorker: title is "Room Attendant" or "Night Porter" or "Security Officer",
                IsNightWorker: title is "Night Porter" or "Security Officer" || faker.Random.Bool(0.1f),
                IsAgencyOrContractor: faker.Random.Bool(0.12f));
        }
    }

    private static string Slug(string name) => new(name.ToLowerInvariant().Where(char.IsAsciiLetter).ToArray());

    /// <summary>About 100 bits of randomness in four groups that are easy to type.</summary>
    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var groups = Enumerable.Range(0, 4).Select(_ =>
            new string(Enumerable.Range(0, 5).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray()));
        return string.Join('-', groups);
    }
}
