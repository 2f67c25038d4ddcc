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
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync("/admin/sites", [new("Input.Name", "Leeds Station Hotel"), new("Input.Nation", "England"), new("Input.Postcode", "ls1 4dy")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync("/admin/sites", [new("Input.Name", "Derry Quay Hotel"), new("Input.Nation", "NorthernIreland")])).StatusCode);

        var text = Html.Text(await client.GetPageAsync("/admin/sites"));
        Assert.Contains("Leeds Station Hotel England LS1 4DY", text);
        Assert.Contains("Derry Quay Hotel Northern Ireland Outside the duty", text);
        await using var db = app.NewDbContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "site.added" && (a.Summary.Contains("Leeds Station") || a.Summary.Contains("Derry Quay"))));
    }

    [Fact]
    public async Task A_second_site_with_the_same_name_in_other_case_is_refused_and_nothing_is_saved()
    {
        var client = await app.SignedInAdministratorAsync();
        await client.SubmitFormAsync("/admin/sites", [new("Input.Name", "York Minster Inn"), new("Input.Nation", "England")]);
        var response = await client.SubmitFormAsync("/admin/sites", [new("Input.Name", "YORK MINSTER INN"), new("Input.Nation", "Wales")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is already a site called \"YORK MINSTER INN\".", Html.Text(await response.Content.ReadAsStringAsync()));
        await using var db = app.NewDbContext();
        var site = await db.Sites.SingleAsync(s => s.Name.ToLower() == "york minster inn");
        Assert.Equal(Compliance.Core.Organisation.Nation.England, site.Nation);
    }

    [Fact]
    public async Task A_site_without_a_name_or_nation_is_refused_naming_both_fields()
    {
        var client = await app.SignedInAdministratorAsync();
        var response = await client.SubmitFormAsync("/admin/sites", [new("Input.Name", "  "), new("Input.Nation", "Atlantis")]);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter the site&#x27;s name.", html);
        Assert.Contains("Choose the nation the site is in.", html);
        Assert.Contains("href=\"#Input_Name\"", html);
    }

    [Fact]
    public async Task Departments_are_added_and_renamed()
    {
        var client = await app.SignedInAdministratorAsync();
        await client.SubmitFormAsync("/admin/departments", [new("Name", "Housekeeping")]);
        await using var db = app.NewDbContext();
        var department = await db.Departments.SingleAsync(d => d.Name == "Housekeeping");

        var response = await client.SubmitFormAsync($"/admin/departments?edit={department.Id}", [new("Name", "Rooms Division"), new("Edit", department.Id.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Rooms Division", await client.GetPageAsync("/admin/departments"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "department.renamed" && a.EntityId == department.Id.ToString()));
    }
}
