using Compliance.Core.Scoring;

namespace Compliance.Core.Tests.Scoring;

public sealed class SmallNumbersTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "fewer than 5")]
    [InlineData(4, "fewer than 5")]
    [InlineData(5, "5")]
    [InlineData(1234, "1,234")]
    public void A_count_from_1_to_4_is_shown_as_fewer_than_5_and_zero_and_5_or_more_as_they_are(int value, string shown) =>
        SmallNumbers.One(value).ToString().Should().Be(shown);

    [Fact]
    public void A_total_with_one_small_part_withholds_another_so_the_small_one_cannot_be_worked_out_by_subtraction()
    {
        var (total, parts) = SmallNumbers.Line([12, 3, 20]);
        total.ToString().Should().Be("35");
        parts.Select(p => p.ToString()).Should().Equal("withheld", "fewer than 5", "20");
        // Whatever is still shown, the hidden parts can only be known together (35 - 20 = 15), never apart.
        parts.Count(p => p.IsHidden).Should().Be(2);
    }

    [Fact]
    public void Two_small_parts_protect_each_other_and_nothing_more_is_withheld()
    {
        var (total, parts) = SmallNumbers.Line([2, 30, 1]);
        total.ToString().Should().Be("33");
        parts.Select(p => p.ToString()).Should().Equal("fewer than 5", "30", "fewer than 5");
    }

    [Fact]
    public void A_zero_is_never_chosen_to_hide_while_a_larger_count_is_there_and_a_small_total_is_itself_hidden()
    {
        SmallNumbers.Line([0, 3, 9, 0]).Parts.Select(p => p.ToString()).Should().Equal("0", "fewer than 5", "withheld", "0");
        var (total, parts) = SmallNumbers.Line([0, 3]);
        total.ToString().Should().Be("fewer than 5");
        parts.Select(p => p.ToString()).Should().Equal("0", "fewer than 5");
        SmallNumbers.Line([40, 7]).Parts.Should().OnlyContain(p => !p.IsHidden);
    }

    [Fact]
    public void In_a_table_no_row_or_column_is_left_with_a_lone_hidden_figure_so_nothing_small_can_be_worked_out()
    {
        // Reports by site (rows) and quarter (columns). Site B's second quarter is 2.
        int[][] cells = [[10, 12, 9], [8, 2, 11], [15, 14, 13]];
        var table = SmallNumbers.Table(cells);

        table.Cells[1][1].ToString().Should().Be("fewer than 5");
        foreach (var (line, total) in Lines(table)) line.Append(total).Count(c => c.IsHidden).Should().NotBe(1);
        // Every hidden figure has another hidden one in its row and in its column, so no subtraction reveals it.
        for (var r = 0; r < cells.Length; r++)
        {
            for (var c = 0; c < cells[r].Length; c++)
            {
                if (!table.Cells[r][c].IsHidden) continue;
                table.Cells[r].Append(table.RowTotals[r]).Count(x => x.IsHidden).Should().BeGreaterThan(1);
                table.Cells.Select(row => row[c]).Append(table.ColumnTotals[c]).Count(x => x.IsHidden).Should().BeGreaterThan(1);
            }
        }
        table.GrandTotal.ToString().Should().Be("94");
        // The values are kept, so a check can add them up; only what is printed changes.
        table.Cells.SelectMany(r => r).Sum(c => c.Value).Should().Be(94);
    }

    [Fact]
    public void A_small_row_total_is_hidden_and_protected_in_the_column_of_totals_as_well()
    {
        var table = SmallNumbers.Table([[1, 2], [20, 30], [10, 12]]);
        table.RowTotals[0].ToString().Should().Be("fewer than 5");
        foreach (var (line, total) in Lines(table)) line.Append(total).Count(c => c.IsHidden).Should().NotBe(1);
        table.RowTotals.Append(table.GrandTotal).Count(c => c.IsHidden).Should().BeGreaterThan(1);
    }

    [Fact]
    public void An_empty_table_and_a_negative_count_are_handled()
    {
        SmallNumbers.Table([]).GrandTotal.ToString().Should().Be("0");
        var negative = () => SmallNumbers.Line([3, -1]);
        negative.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static IEnumerable<(IEnumerable<Count> Line, Count Total)> Lines(SmallNumbers.SuppressedTable t)
    {
        for (var r = 0; r < t.Cells.Length; r++) yield return (t.Cells[r], t.RowTotals[r]);
        for (var c = 0; c < t.ColumnTotals.Length; c++) yield return (t.Cells.Select(row => row[c]), t.ColumnTotals[c]);
        yield return (t.ColumnTotals, t.GrandTotal);
        yield return (t.RowTotals, t.GrandTotal);
    }
}
