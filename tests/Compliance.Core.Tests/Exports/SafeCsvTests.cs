using Compliance.Core.Exports;

namespace Compliance.Core.Tests.Exports;

public sealed class SafeCsvTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+44 20", "'+44 20")]
    [InlineData("-10", "'-10")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("Plain text", "Plain text")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cells_that_a_spreadsheet_would_run_are_prefixed_with_an_apostrophe(string? value, string expected) =>
        SafeCsv.Neutralise(value).Should().Be(expected);

    [Fact]
    public void A_cell_holding_a_semicolon_or_a_tab_is_quoted_so_no_spreadsheet_splits_a_formula_out_of_it()
    {
        var bytes = SafeCsv.Write(["a", "b"], [[";=1+1", "x\t=cmd"], ["plain", "a;b"]]);
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        text.Should().Be("a,b\r\n\";=1+1\",\"x\t=cmd\"\r\nplain,\"a;b\"\r\n");
    }

    [Fact]
    public void Quotes_commas_and_new_lines_survive_a_round_trip()
    {
        var bytes = SafeCsv.Write(["a", "b"], [["He said \"no\", then left", "line one\nline two"]]);
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        text.Should().Be("a,b\r\n\"He said \"\"no\"\", then left\",\"line one\nline two\"\r\n");
    }
}
