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
            errors.Should().BeEmpty();
        }
    }

    private async Task<(AppClient Client, string PreviewUrl)> UploadAsync(string csv, bool bom = false)
    {
        var client = await app.SignedInAdministratorAsync();
        var bytes = Encoding.UTF8.GetBytes(csv);
        var response = await client.UploadAsync("/admin/import", "Upload", "staff.csv", bom ? [.. Encoding.UTF8.GetPreamble(), .. bytes] : bytes);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
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

        text.Should().Contain("The file has 5 errors in 6 rows. Nothing has been saved.");
        text.Should().Contain("2 3 employee_number Employee number is required.");
        text.Should().Contain("3 4 work_email \"no-at-sign.example.test\" is not a valid email address.");
        text.Should().Contain("4 5 site There is no site called \"Atlantis\"");
        text.Should().Contain("5 6 employee_number Employee number \"ERR001\" is also on row 1");
        text.Should().Contain("6 7 start_date \"2021-13-45\" is not a date.");
        (await client.GetPageAsync(preview)).Should().NotContain("handler=Confirm");

        // Posting the confirmation anyway writes nothing.
        var id = preview.Split("id=")[1];
        var confirm = await client.SubmitFormAsync(preview, [new("Id", id)], $"/admin/import/preview?handler=Confirm");
        confirm.StatusCode.Should().Be(HttpStatusCode.OK);
        (await CountAsync("ERR")).Should().Be(0);
    }

    [Fact]
    public async Task A_valid_file_is_only_written_when_the_administrator_confirms_and_a_second_import_updates_by_number()
    {
        await EnsureSiteAsync("Ipswich Hotel");
        var csv = "Employee Number,FIRST NAME,Last_Name,Site,Work Email\nOK0001,Ann,Ash,ipswich hotel,ann@example.test\nOK0002,Bob,Birch,Ipswich Hotel,\n";
        var (client, preview) = await UploadAsync(csv, bom: true);
        var text = Html.Text(await client.GetPageAsync(preview));

        text.Should().Contain("The file has 2 rows and no errors. Importing it will add 2 people and update 0");
        text.Should().Contain("OK0001 Ann Ash Ipswich Hotel New");
        (await CountAsync("OK")).Should().Be(0);

        var id = preview.Split("id=")[1];
        var confirm = await client.SubmitFormAsync(preview, [new("Id", id)], "/admin/import/preview?handler=Confirm");
        confirm.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await CountAsync("OK")).Should().Be(2);

        var (client2, preview2) = await UploadAsync("employee_number,first_name,last_name,site\nOK0001,Annie,Ash,Ipswich Hotel\nOK0003,Cy,Cedar,Ipswich Hotel\n");
        Html.Text(await client2.GetPageAsync(preview2)).Should().Contain("add 1 person and update 1");
        await client2.SubmitFormAsync(preview2, [new("Id", preview2.Split("id=")[1])], "/admin/import/preview?handler=Confirm");

        await using var db = app.NewDbContext();
        (await db.Employees.SingleAsync(e => e.EmployeeNumber == "OK0001")).FirstName.Should().Be("Annie");
        (await CountAsync("OK")).Should().Be(3);
        (await db.AuditEntries.AnyAsync(a => a.Action == "employees.imported" && a.Summary.Contains("1 created, 1 updated"))).Should().BeTrue();
    }

    [Fact]
    public async Task Cancelling_an_import_discards_the_uploaded_file()
    {
        await EnsureSiteAsync("Ely Hotel");
        var (client, preview) = await UploadAsync(EmployeeCsv.Rows("CAN", 3, "Ely Hotel"));
        var id = preview.Split("id=")[1];
        // While it waits, the upload (a list of staff) is readable by the app's own account only.
        var waiting = Directory.GetFiles(Path.Combine(app.DataDirectory, "imports")).Should().ContainSingle(f => f.Contains(Guid.Parse(id).ToString("N"))).Which;
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(waiting).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await client.SubmitFormAsync(preview, [new("Id", id)], "/admin/import/preview?handler=Cancel");

        (await client.GetAsync(preview)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await CountAsync("CAN")).Should().Be(0);
    }

    [Fact]
    public async Task An_error_in_row_7345_of_10000_is_named_and_the_directory_is_left_as_it_was()
    {
        await EnsureSiteAsync("Cambridge Hotel");
        var before = await app.WithServiceAsync<ImportEmployees, ImportResult>(i =>
            i.ImportAsync(EmployeeCsv.Opener(EmployeeCsv.Rows("BIG", 100, "Cambridge Hotel")), "first.csv"));
        before.Imported.Should().BeTrue();

        var csv = EmployeeCsv.Rows("BIG", 10_000, "Cambridge Hotel",
            spoil: i => i == 7345 ? EmployeeCsv.Row($"BIG{i:D6}", "Cambridge Hotel", start: "7345-99-01") : null);
        var result = await app.WithServiceAsync<ImportEmployees, ImportResult>(i => i.ImportAsync(EmployeeCsv.Opener(csv), "big.csv"));

        result.Imported.Should().BeFalse();
        var error = result.Analysis.Errors.Should().ContainSingle().Which;
        error.Row.Should().Be(7345);
        error.Line.Should().Be(7346);
        error.Column.Should().Be(EmployeeField.StartDate);
        (await CountAsync("BIG")).Should().Be(100);
    }

    [Fact]
    public async Task A_file_of_100000_rows_imports_in_one_go()
    {
        await EnsureSiteAsync("Oxford Hotel");
        var csv = EmployeeCsv.Rows("HUGE", 100_000, "Oxford Hotel");
        var result = await app.WithServiceAsync<ImportEmployees, ImportResult>(i => i.ImportAsync(EmployeeCsv.Opener(csv), "huge.csv"));

        result.Imported.Should().BeTrue(string.Join("; ", result.Analysis.Errors.Take(3)));
        result.Created.Should().Be(100_000);
        (await CountAsync("HUGE")).Should().Be(100_000);
    }

    [Fact]
    public async Task A_file_that_is_not_UTF8_or_is_empty_is_explained()
    {
        var client = await app.SignedInAdministratorAsync();
        var latin1 = Encoding.Latin1.GetBytes("employee_number,first_name,last_name,site\nLAT1,Zoë,B,Ely Hotel\n");
        var response = await client.UploadAsync("/admin/import", "Upload", "latin1.csv", latin1);
        Html.Text(await client.GetPageAsync(response.Headers.Location!.OriginalString)).Should().Contain("is not UTF-8 text");

        var empty = await client.UploadAsync("/admin/import", "Upload", "empty.csv", []);
        empty.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await empty.Content.ReadAsStringAsync()).Should().Contain("Choose a CSV file to upload.");
    }

    [Fact]
    public async Task The_employee_list_is_paged_fifty_at_a_time_keeping_the_search()
    {
        await EnsureSiteAsync("Bath Hotel");
        var result = await app.WithServiceAsync<ImportEmployees, ImportResult>(i => i.ImportAsync(EmployeeCsv.Opener(EmployeeCsv.Rows("PAGE", 120, "Bath Hotel")), "paged.csv"));
        result.Imported.Should().BeTrue();
        var client = await app.SignedInAdministratorAsync();

        var first = await client.GetPageAsync("/admin/employees?q=PAGE");
        Html.Text(first).Should().Contain("120 people found.");
        Html.Text(first).Should().Contain("Page 1 of 3");
        first.Should().Contain("href=\"/admin/employees?q=PAGE&amp;p=2\"");

        var last = await client.GetPageAsync("/admin/employees?q=PAGE&p=3");
        System.Text.RegularExpressions.Regex.Matches(last, "<td>PAGE").Count.Should().Be(20);
        last.Should().Contain("Previous page");
        last.Should().NotContain("Next page");
    }
}
