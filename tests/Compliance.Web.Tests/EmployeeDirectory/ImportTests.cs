using System.Net;
using System.Text;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.EmployeeDirectory;

public sealed class ImportTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    private async Task EnsureSiteAsync(string name)
    {
        await using var db = app.NewDbContext();
        if (!await db.Sites.AnyAsync(s => s.Name == name))
        {
            var (_, errors) = await app.WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, name, Nation.England, null)));
            Assert.Empty(errors);
        }
    }

    private async Task<(AppClient Client, string PreviewUrl)> UploadAsync(string csv, bool bom = false)
    {
        var client = await app.SignedInAdministratorAsync();
        var bytes = Encoding.UTF8.GetBytes(csv);
        var response = await client.UploadAsync("/admin/import", "Upload", "staff.csv", bom ? [.. Encoding.UTF8.GetPreamble(), .. bytes] : bytes);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, response.Headers.Location!.OriginalString);
    }

    private async Task<int> CountAsync(string prefix)
    {
        await using var db = app.NewDbContext();
        return await db.Employees.CountAsync(e => e.EmployeeNumber.StartsWith(prefix));
    }

    [Fact]
    public async Task The_preview_lists_every_error_by_row_and_column_and_the_file_cannot_be_imported()
    {
        await EnsureSiteAsync("Norwich Hotel");
        var csv = string.Join('\n',
            EmployeeCsv.Header,
            EmployeeCsv.Row("ERR001", "Norwich Hotel"),
            EmployeeCsv.Row("", "Norwich Hotel"),
            EmployeeCsv.Row("ERR003", "Norwich Hotel", email: "no-at-sign.example.test"),
            EmployeeCsv.Row("ERR004", "Atlantis"),
            EmployeeCsv.Row("ERR001", "Norwich Hotel"),
            EmployeeCsv.Row("ERR006", "Norwich Hotel", start: "2021-13-45"));
        var (client, preview) = await UploadAsync(csv);
        var text = Html.Text(await client.GetPageAsync(preview));

        Assert.Contains("The file has 5 errors in 6 rows. Nothing has been saved.", text);
        Assert.Contains("2 3 employee_number Employee number is required.", text);
        Assert.Contains("3 4 work_email \"no-at-sign.example.test\" is not a valid email address.", text);
        Assert.Contains("4 5 site There is no site called \"Atlantis\"", text);
        Assert.Contains("5 6 employee_number Employee number \"ERR001\" is also on row 1", text);
        Assert.Contains("6 7 start_date \"2021-13-45\" is not a date.", text);
        Assert.DoesNotContain("handler=Confirm", await client.GetPageAsync(preview));

        // Posting the confirmation anyway writes nothing.
        var id = preview.Split("id=")[1];
        var confirm = await client.SubmitFormAsync(preview, [new("Id", id)], $"/admin/import/preview?handler=Confirm");
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(0, await CountAsync("ERR"));
    }

    [Fact]
    public async Task A_valid_file_is_only_written_when_the_administrator_confirms_and_a_second_import_updates_by_number()
    {
        await EnsureSiteAsync("Ipswich Hotel");
        var csv = "Employee Number,FIRST NAME,Last_Name,Site,Work Email\nOK0001,Ann,Ash,ipswich hotel,ann@example.test\nOK0002,Bob,Birch,Ipswich Hotel,\n";
        var (client, preview) = await UploadAsync(csv, bom: true);
        var text = Html.Text(await client.GetPageAsync(preview));

        Assert.Contains("The file has 2 rows and no errors. Importing it will add 2 people and update 0", text);
        Assert.Contains("OK0001 Ann Ash Ipswich Hotel New", text);
        Assert.Equal(0, await CountAsync("OK"));

        var id = preview.Split("id=")[1];
        var confirm = await client.SubmitFormAsync(preview, [new("Id", id)], "/admin/import/preview?handler=Confirm");
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal(2, await CountAsync("OK"));

        var (client2, preview2) = await UploadAsync("employee_number,first_name,last_name,site\nOK0001,Annie,Ash,Ipswich Hotel\nOK0003,Cy,Cedar,Ipswich Hotel\n");
        Assert.Contains("add 1 person and update 1", Html.Text(await client2.GetPageAsync(preview2)));
        await client2.SubmitFormAsync(preview2, [new("Id", preview2.Split("id=")[1])], "/admin/import/preview?handler=Confirm");

        await using var db = app.NewDbContext();
        Assert.Equal("Annie", (await db.Employees.SingleAsync(e => e.EmployeeNumber == "OK0001")).FirstName);
        Assert.Equal(3, await CountAsync("OK"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "employees.imported" && a.Summary.Contains("1 created, 1 updated")));
    }

    [Fact]
    public async Task Cancelling_an_import_discards_the_uploaded_file()
    {
        await EnsureSiteAsync("Ely Hotel");
        var (client, preview) = await UploadAsync(EmployeeCsv.Rows("CAN", 3, "Ely Hotel"));
        var id = preview.Split("id=")[1];
        await client.SubmitFormAsync(preview, [new("Id", id)], "/admin/import/preview?handler=Cancel");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(preview)).StatusCode);
        Assert.Equal(0, await CountAsync("CAN"));
    }

    [Fact]
    public async Task An_error_in_row_7345_of_10000_is_named_and_the_directory_is_left_as_it_was()
    {
        await EnsureSiteAsync("Cambridge Hotel");
        var before = await app.WithServiceAsync<ImportEmployees, ImportResult>(i =>
            i.ImportAsync(EmployeeCsv.Opener(EmployeeCsv.Rows("BIG", 100, "Cambridge Hotel")), "first.csv"));
        Assert.True(before.Imported);

        var csv = EmployeeCsv.Rows("BIG", 10_000, "Cambridge Hotel",
            spoil: i => i == 7345 ? EmployeeCsv.Row($"BIG{i:D6}", "Cambridge Hotel", start: "7345-99-01") : null);
        var result = await app.WithServiceAsync<ImportEmployees, ImportResult>(i => i.ImportAsync(EmployeeCsv.Opener(csv), "big.csv"));

        Assert.False(result.Imported);
        var error = Assert.Single(result.Analysis.Errors);
        Assert.Equal(7345, error.Row);
        Assert.Equal(7346, error.Line);
        Assert.Equal(EmployeeField.StartDate, error.Column);
        Assert.Equal(100, await CountAsync("BIG"));
    }

    [Fact]
    public async Task A_file_of_100000_rows_imports_in_one_go()
    {
        await EnsureSiteAsync("Oxford Hotel");
        var csv = EmployeeCsv.Rows("HUGE", 100_000, "Oxford Hotel");
        var result = await app.WithServiceAsync<ImportEmployees, ImportResult>(i => i.ImportAsync(EmployeeCsv.Opener(csv), "huge.csv"));

        Assert.True(result.Imported, string.Join("; ", result.Analysis.Errors.Take(3)));
        Assert.Equal(100_000, result.Created);
        Assert.Equal(100_000, await CountAsync("HUGE"));
    }

    [Fact]
    public async Task A_file_that_is_not_UTF8_or_is_empty_is_explained()
    {
        var client = await app.SignedInAdministratorAsync();
        var latin1 = Encoding.Latin1.GetBytes("employee_number,first_name,last_name,site\nLAT1,Zoë,B,Ely Hotel\n");
        var response = await client.UploadAsync("/admin/import", "Upload", "latin1.csv", latin1);
        Assert.Contains("is not UTF-8 text", Html.Text(await client.GetPageAsync(response.Headers.Location!.OriginalString)));

        var empty = await client.UploadAsync("/admin/import", "Upload", "empty.csv", []);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Choose a CSV file to upload.", Html.Text(await empty.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_employee_list_is_paged_fifty_at_a_time_keeping_the_search()
    {
        await EnsureSiteAsync("Bath Hotel");
        var result = await app.WithServiceAsync<ImportEmployees, ImportResult>(i => i.ImportAsync(EmployeeCsv.Opener(EmployeeCsv.Rows("PAGE", 120, "Bath Hotel")), "paged.csv"));
        Assert.True(result.Imported);
        var client = await app.SignedInAdministratorAsync();

        var first = await client.GetPageAsync("/admin/employees?q=PAGE");
        Assert.Contains("120 people found.", Html.Text(first));
        Assert.Contains("Page 1 of 3", Html.Text(first));
        Assert.Contains("href=\"/admin/employees?q=PAGE&amp;p=2\"", first);

        var last = await client.GetPageAsync("/admin/employees?q=PAGE&p=3");
        Assert.Equal(20, System.Text.RegularExpressions.Regex.Matches(last, "<td>PAGE").Count);
        Assert.Contains("Previous page", last);
        Assert.DoesNotContain("Next page", last);
    }
}
