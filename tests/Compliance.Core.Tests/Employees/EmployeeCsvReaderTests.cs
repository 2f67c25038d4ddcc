using System.Text;
using Compliance.Core.Employees;

namespace Compliance.Core.Tests.Employees;

public sealed class EmployeeCsvReaderTests
{
    private static EmployeeCsvReader Reader(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bom)
        {
            bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        }
        return new EmployeeCsvReader(new MemoryStream(bytes));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_UTF8_with_or_without_a_byte_order_mark(bool bom)
    {
        using var reader = Reader("employee_number,first_name,last_name,site\nE1,Zoë,Ó Briain,Leeds\n", bom);

        Assert.Empty(reader.ReadHeader());
        var row = Assert.Single(reader.ReadRows());
        Assert.Equal("E1", row.Fields!.EmployeeNumber);
        Assert.Equal("Zoë", row.Fields.FirstName);
        Assert.Equal("Ó Briain", row.Fields.LastName);
    }

    [Fact]
    public void Header_names_match_ignoring_case_spaces_and_underscores_and_unknown_columns_are_listed()
    {
        using var reader = Reader("EMPLOYEE NUMBER,First-Name,lastname,Site,Shoe size\nE1,A,B,Leeds,9\n");

        Assert.Empty(reader.ReadHeader());
        Assert.Equal(["Shoe size"], reader.IgnoredColumns);
        Assert.Equal("Leeds", reader.ReadRows().Single().Fields!.Site);
    }

    [Fact]
    public void A_header_without_a_required_column_is_refused_naming_it()
    {
        using var reader = Reader("employee_number,first_name,site\nE1,A,Leeds\n");
        var problem = Assert.Single(reader.ReadHeader());
        Assert.Contains("\"last_name\"", problem);
    }

    [Fact]
    public void Rows_are_numbered_without_the_header_and_quoted_newlines_keep_line_numbers_right()
    {
        using var reader = Reader("employee_number,first_name,last_name,site,job_title\nE1,A,B,Leeds,\"Chef,\nhead\"\nE2,C,D,Leeds\n");
        reader.ReadHeader();
        var rows = reader.ReadRows().ToList();

        Assert.Equal("Chef,\nhead", rows[0].Fields!.JobTitle);
        Assert.Equal(2, rows[1].Row);
        Assert.Equal(4, rows[1].Line);
        Assert.Null(rows[1].Fields);
        Assert.Contains("4 values but the header has 5 columns", rows[1].Problem);
    }

    [Fact]
    public void A_file_that_is_not_UTF8_is_reported_rather_than_read_wrongly()
    {
        var latin1 = Encoding.Latin1.GetBytes("employee_number,first_name,last_name,site\nE1,Zoë,B,Leeds\n");
        using var reader = new EmployeeCsvReader(new MemoryStream(latin1));
        Assert.Throws<DecoderFallbackException>(() => { reader.ReadHeader(); reader.ReadRows().ToList(); });
    }
}
