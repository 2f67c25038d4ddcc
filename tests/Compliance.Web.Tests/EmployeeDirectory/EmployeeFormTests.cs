using System.Net;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.EmployeeDirectory;

public sealed class EmployeeFormTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    private async Task<AppClient> WithSiteAsync(string site)
    {
        var client = await app.SignedInAdministratorAsync();
        await client.SubmitFormAsync("/admin/sites", [new("Input.Name", site), new("Input.Nation", "Scotland")]);
        return client;
    }

    private static List<KeyValuePair<string, string>> Form(string number, string site, string email = "kim@example.test", string start = "2022-02-01") =>
    [
        new("Input.EmployeeNumber", number), new("Input.FirstName", "Kim"), new("Input.LastName", "Park"),
        new("Input.WorkEmail", email), new("Input.Site", site), new("Input.StartDate", start),
        new("Input.CustomerFacing", "true"), new("Input.NightWorking", "true"),
    ];

    [Fact]
    public async Task An_employee_added_by_hand_with_bad_details_is_refused_naming_the_fields_and_nothing_is_saved()
    {
        var client = await WithSiteAsync("Glasgow Hotel");
        var response = await client.SubmitFormAsync("/admin/employees/edit", Form("H-BAD", "Nowhere", email: "kim@", start: "32/01/2022"));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("href=\"#Input_Site\"");
        html.Should().Contain("href=\"#Input_WorkEmail\"");
        html.Should().Contain("href=\"#Input_StartDate\"");
        await using var db = app.NewDbContext();
        (await db.Employees.AnyAsync(e => e.EmployeeNumber == "H-BAD")).Should().BeFalse();
    }

    [Fact]
    public async Task An_employee_is_added_changed_and_marked_as_a_leaver()
    {
        var client = await WithSiteAsync("Aberdeen Hotel");
        (await client.SubmitFormAsync("/admin/employees/edit", Form("H-001", "aberdeen hotel"))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        await using var db = app.NewDbContext();
        var kim = await db.Employees.AsNoTracking().SingleAsync(e => e.EmployeeNumber == "H-001");
        kim.IsCustomerFacing.Should().BeTrue();
        kim.IsNightWorker.Should().BeTrue();
        kim.IsManager.Should().BeFalse();

        var changed = Form("H-001", "Aberdeen Hotel").Where(f => f.Key != "Input.NightWorking").Append(new("Id", kim.Id.ToString()));
        (await client.SubmitFormAsync($"/admin/employees/edit?id={kim.Id}", changed)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await db.Employees.AsNoTracking().SingleAsync(e => e.Id == kim.Id)).IsNightWorker.Should().BeFalse();

        var early = await client.SubmitFormAsync($"/admin/employees/edit?id={kim.Id}", [new("Id", kim.Id.ToString()), new("LeavingDate", "2021-01-01")], $"/admin/employees/edit?id={kim.Id}&handler=Leaver");
        Html.Text(await early.Content.ReadAsStringAsync()).Should().Contain("The leaving date cannot be before the start date.");
        (await db.Employees.AsNoTracking().SingleAsync(e => e.Id == kim.Id)).LeavingDate.Should().BeNull();

        await client.SubmitFormAsync($"/admin/employees/edit?id={kim.Id}", [new("Id", kim.Id.ToString()), new("LeavingDate", "2024-06-30")], $"/admin/employees/edit?id={kim.Id}&handler=Leaver");
        (await db.Employees.AsNoTracking().SingleAsync(e => e.Id == kim.Id)).LeavingDate.Should().Be(new DateOnly(2024, 6, 30));
        (await client.GetPageAsync("/admin/employees?q=H-001")).Should().NotContain("<td>H-001</td>");
        (await client.GetPageAsync("/admin/employees?q=H-001&leavers=true")).Should().Contain("<td>H-001</td>");

        var actions = await db.AuditEntries.Where(a => a.EntityId == kim.Id.ToString()).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
        actions.Should().Equal("employee.added", "employee.changed", "employee.leaver");
    }

    [Fact]
    public async Task A_second_employee_cannot_take_an_existing_employee_number()
    {
        var client = await WithSiteAsync("Dundee Hotel");
        await client.SubmitFormAsync("/admin/employees/edit", Form("H-777", "Dundee Hotel"));
        var response = await client.SubmitFormAsync("/admin/employees/edit", Form("H-777", "Dundee Hotel", email: "other@example.test"));

        Html.Text(await response.Content.ReadAsStringAsync()).Should().Contain("Employee number \"H-777\" already belongs to someone else.");
        await using var db = app.NewDbContext();
        (await db.Employees.CountAsync(e => e.EmployeeNumber == "H-777")).Should().Be(1);
    }
}
