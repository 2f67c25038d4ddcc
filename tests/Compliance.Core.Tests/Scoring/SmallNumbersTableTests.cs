using Compliance.Core.Scoring;

namespace Compliance.Core.Tests.Scoring;

/// <summary>The small-number rule on whole tables: which figure is hidden, and why, in cases that each need a part of the rule.</summary>
public sealed class SmallNumbersTableTests
{
    private const Disclosure S = Disclosure.Shown;
    private const Disclosure F = Disclosure.FewerThanFive;
    private const Disclosure W = Disclosure.Withheld;

    /// <summary>The table extended by its totals, row by row: each row's cells then its total, and last the column totals and the grand total.</summary>
    private static Disclosure[][] Extended(SmallNumbers.SuppressedTable t) =>
        [.. t.Cells.Select((row, r) => row.Append(t.RowTotals[r]).Select(c => c.Disclosure).ToArray()),
            t.ColumnTotals.Append(t.GrandTotal).Select(c => c.Disclosure).ToArray()];

    [Fact]
    public void A_total_made_only_of_small_parts_is_itself_hidden()
    {
        var (total, parts) = SmallNumbers.Line([1, 2]);
        total.Should().Be(new Count(3, F));
        parts.Should().Equal(new Count(1, F), new Count(2, F));
    }

    [Fact]
    public void In_a_row_with_one_small_part_another_part_is_withheld_rather_than_the_row_total()
    {
        Extended(SmallNumbers.Table([[3, 12]])).Should().BeEquivalentTo(new[]
        {
            new[] { F, W, S },
            new[] { F, W, S },
        }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void The_row_of_column_totals_with_the_grand_total_is_a_line_the_rule_protects_too()
    {
        // The first column's total (3) is small; were 14 shown beside 17, it would be 17 - 14.
        Extended(SmallNumbers.Table([[0, 2], [3, 12]])).Should().BeEquivalentTo(new[]
        {
            new[] { S, F, F },
            new[] { F, W, W },
            new[] { F, W, S },
        }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Withholding_goes_on_until_no_line_is_left_with_a_lone_hidden_figure()
    {
        // Hiding the 1 withholds its row total and column total, which leaves lone hidden figures in lines already
        // looked at; each of those needs a second figure withheld in turn.
        Extended(SmallNumbers.Table([[0, 10], [20, 1]])).Should().BeEquivalentTo(new[]
        {
            new[] { S, W, W },
            new[] { W, F, W },
            new[] { W, W, S },
        }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void A_short_row_counts_as_zeros_in_the_columns_it_lacks()
    {
        var table = SmallNumbers.Table([[12, 20], [10]]);
        table.Cells[1].Select(c => c.Value).Should().Equal(10, 0);
        table.ColumnTotals.Select(c => c.Value).Should().Equal(22, 20);
        table.RowTotals.Select(c => c.Value).Should().Equal(32, 10);
        table.GrandTotal.Should().Be(new Count(42, S));
    }

    [Fact]
    public void A_negative_count_is_refused_with_its_reason()
    {
        FluentActions.Invoking(() => SmallNumbers.Table([[3, -1]])).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("A count cannot be negative.*").Which.ParamName.Should().Be("cells");
    }

    [Fact]
    public void A_hidden_count_prints_its_words_and_a_shown_one_its_figure()
    {
        new Count(3, F).ToString().Should().Be("fewer than 5");
        new Count(12, W).ToString().Should().Be("withheld");
        new Count(12, W).IsHidden.Should().BeTrue();
        new Count(12345, S).ToString().Should().Be("12,345");
        new Count(12345, S).IsHidden.Should().BeFalse();
    }
}
