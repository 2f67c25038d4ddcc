using System.Net;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.EmployeeDirectory;

public sealed class SitesAndDepartmentsTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    [Fact]
    public async Task An_administrator_adds_sites_and_a_Northern_Ireland_site_is_flagged_as_outside_the_duty()
    {
        var client = await app.SignedInAdministratorAsync();
        (await client.SubmitFormAsync("/admin/sites", [new("Input.Name", "Leeds Station Hotel"), new("Input.Nation", "England"), new("Input.Postcode", "ls1 4dy")])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.SubmitFormAsync("/admin/sites", [new("Input.Name", "Derry Quay Hotel"), new("Input.Nation", "NorthernIreland")])).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var text = Html.Text(await client.GetPageAsync("/admin/sites"));
        text.Should().Contain("Leeds Station Hotel England LS1 4DY");
        text.Should().Contain("Derry Quay Hotel Northern Ireland Outside the duty");
        await using var db = app.NewDbContext();
        (await db.AuditEntries.CountAsync(a => a.Action == "site.added" && (a.Summary.Contains("Leeds Station") || a.Summary.Contains("Derry Quay")))).Should().Be(2);
    }

    [Fact]
    public async Task A_second_site_with_the_same_name_in_other_case_is_refused_and_nothing_is_saved()
    {
        var client = await app.SignedInAdministratorAsync();
        await client.SubmitFormAsync("/admin/sites", [new("Input.Name", "York Minster Inn"), new("Input.Nation", "England")]);
        var response = await client.SubmitFormAsync("/admin/sites", [new("Input.Name", "YORK MINSTER INN"), new("Input.Nation", "Wales")]);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await response.Content.ReadAsStringAsync()).Should().Contain("There is already a site called \"YORK MINSTER INN\".");
        await using var db = app.NewDbContext();
        var site = await db.Sites.SingleAsync(s => s.Name.ToLower() == "york minster inn");
        site.Nation.Should().Be(Compliance.Core.Organisation.Nation.England);
    }

    [Fact]
    public async Task A_site_without_a_name_or_nation_is_refused_naming_both_fields()
    {
        var client = await app.SignedInAdministratorAsync();
        var response = await client.SubmitFormAsync("/admin/sites", [new("Input.Name", "  "), new("Input.Nation", "Atlantis")]);
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Enter the site&#x27;s name.");
        html.Should().Contain("Choose the nation the site is in.");
        html.Should().Contain("href=\"#Input_Name\"");
    }

    [Fact]
    public async Task Departments_are_added_and_renamed()
    {
        var client = await app.SignedInAdministratorAsync();
        await client.SubmitFormAsync("/admin/departments", [new("Name", "Housekeeping")]);
        await using var db = app.NewDbContext();
        var department = await db.Departments.SingleAsync(d => d.Name == "Housekeeping");

        var response = await client.SubmitFormAsync($"/admin/departments?edit={department.Id}", [new("Name", "Rooms Division"), new("Edit", department.Id.ToString())]);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetPageAsync("/admin/departments")).Should().Contain("Rooms Division");
        (await db.AuditEntries.AnyAsync(a => a.Action == "department.renamed" && a.EntityId == department.Id.ToString())).Should().BeTrue();
    }
}
