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

        reader.ReadHeader().Should().BeEmpty();
        var row = reader.ReadRows().Should().ContainSingle().Which;
        row.Fields!.EmployeeNumber.Should().Be("E1");
        row.Fields.FirstName.Should().Be("Zoë");
        row.Fields.LastName.Should().Be("Ó Briain");
    }

    [Fact]
    public void Header_names_match_ignoring_case_spaces_and_underscores_and_unknown_columns_are_listed()
    {
        using var reader = Reader("EMPLOYEE NUMBER,First-Name,lastname,Site,Shoe size\nE1,A,B,Leeds,9\n");

        reader.ReadHeader().Should().BeEmpty();
        reader.IgnoredColumns.Should().Equal("Shoe size");
        reader.ReadRows().Single().Fields!.Site.Should().Be("Leeds");
    }

    [Fact]
    public void A_header_without_a_required_column_is_refused_naming_it()
    {
        using var reader = Reader("employee_number,first_name,site\nE1,A,Leeds\n");
        var problem = reader.ReadHeader().Should().ContainSingle().Which;
        problem.Should().Contain("\"last_name\"");
    }

    [Fact]
    public void Rows_are_numbered_without_the_header_and_quoted_newlines_keep_line_numbers_right()
    {
        using var reader = Reader("employee_number,first_name,last_name,site,job_title\nE1,A,B,Leeds,\"Chef,\nhead\"\nE2,C,D,Leeds\n");
        reader.ReadHeader();
        var rows = reader.ReadRows().ToList();

        rows[0].Fields!.JobTitle.Should().Be("Chef,\nhead");
        rows[1].Row.Should().Be(2);
        rows[1].Line.Should().Be(4);
        rows[1].Fields.Should().BeNull();
        rows[1].Problem.Should().Contain("4 values but the header has 5 columns");
    }

    [Fact]
    public void A_file_that_is_not_UTF8_is_reported_rather_than_read_wrongly()
    {
        var latin1 = Encoding.Latin1.GetBytes("employee_number,first_name,last_name,site\nE1,Zoë,B,Leeds\n");
        using var reader = new EmployeeCsvReader(new MemoryStream(latin1));
        FluentActions.Invoking(() => { reader.ReadHeader(); reader.ReadRows().ToList(); }).Should().ThrowExactly<DecoderFallbackException>();
    }
}
