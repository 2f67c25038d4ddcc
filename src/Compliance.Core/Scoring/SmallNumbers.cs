namespace Compliance.Core.Scoring;

/// <summary>How one count in a monitoring table may be shown.</summary>
public enum Disclosure
{
    Shown = 0,

    /// <summary>A count from 1 to 4: shown as "fewer than 5", since so few reports could point to a person.</summary>
    FewerThanFive = 1,

    /// <summary>A larger count withheld only so that a small one beside it cannot be worked out by subtraction.</summary>
    Withheld = 2,
}

/// <summary>One count and how it may be shown.</summary>
public readonly record struct Count(int Value, Disclosure Disclosure)
{
    public bool IsHidden => Disclosure != Disclosure.Shown;

    /// <summary>The words a page, an export or the evidence pack prints for it.</summary>
    public override string ToString() => Disclosure switch
    {
        Disclosure.FewerThanFive => SmallNumbers.FewerThanFive,
        Disclosure.Withheld => SmallNumbers.WithheldText,
        _ => Value.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")),
    };
}

/// <summary>
/// The small-number rule for monitoring figures, as staff-survey tools apply it: any count from 1 to 4 is shown as
/// "fewer than 5", and wherever a total and its parts are shown, no line (a row or a column with its total) may be
/// left with exactly one hidden figure, or it could be worked out by subtracting the others from the total; a
/// second figure in that line is then withheld (the smallest, so the least is hidden). Zero is shown: it identifies
/// no one. The threshold is our own reasoning from those tools' common default of 5, not a figure in the guidance.
/// </summary>
public static class SmallNumbers
{
    public const int Threshold = 5;
    public const string FewerThanFive = "fewer than 5";
    public const string WithheldText = "withheld";

    public static bool IsSmall(int value) => value is > 0 and < Threshold;

    /// <summary>A count on its own, with no total beside it.</summary>
    public static Count One(int value) => new(value, IsSmall(value) ? Disclosure.FewerThanFive : Disclosure.Shown);

    /// <summary>
    /// A count worked out from another (the deadlines of some reports, the check-ins sent after them): withheld when
    /// that other is hidden, since it would tell it (three deadlines a report: 10 met of "fewer than 5" reports is 4).
    /// </summary>
    public static Count From(int value, Count basis) => basis.IsHidden ? new(value, Disclosure.Withheld) : One(value);

    /// <summary>A total and its parts (which must add up to it). Returns the total's count and each part's.</summary>
    public static (Count Total, Count[] Parts) Line(IReadOnlyList<int> parts)
    {
        var table = Table([.. parts.Select(p => new[] { p })]);
        return (table.ColumnTotals[0], [.. table.Cells.Select(row => row[0])]);
    }

    /// <summary>The counts of a table with row totals, column totals and a grand total, all shown together.</summary>
    public sealed record SuppressedTable(Count[][] Cells, Count[] RowTotals, Count[] ColumnTotals, Count GrandTotal);

    /// <summary>
    /// A table of counts with its totals. The table is extended by its totals (a column of row totals, a row of
    /// column totals, the grand total in the corner), so that every row and every column of it is a set of parts
    /// with its total; the rule is applied to each line again and again until no line has a lone hidden figure.
    /// </summary>
    public static SuppressedTable Table(IReadOnlyList<IReadOnlyList<int>> cells)
    {
        var rows = cells.Count;
        var columns = rows == 0 ? 0 : cells.Max(r => r.Count);
        var value = new int[rows + 1, columns + 1];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var v = c < cells[r].Count ? cells[r][c] : 0;
                if (v < 0) throw new ArgumentOutOfRangeException(nameof(cells), "A count cannot be negative.");
                value[r, c] = v;
                value[r, columns] += v;
                value[rows, c] += v;
                value[rows, columns] += v;
            }
        }
        var state = new Disclosure[rows + 1, columns + 1];
        for (var r = 0; r <= rows; r++)
        {
            for (var c = 0; c <= columns; c++)
            {
                if (IsSmall(value[r, c])) state[r, c] = Disclosure.FewerThanFive;
            }
        }
        // Each line of the extended table: a row (its cells and its total) or a column (its cells and its total).
        var lines = new List<(int R, int C)[]>();
        for (var r = 0; r <= rows; r++) lines.Add([.. Enumerable.Range(0, columns + 1).Select(c => (r, c))]);
        for (var c = 0; c <= columns; c++) lines.Add([.. Enumerable.Range(0, rows + 1).Select(r => (r, c))]);
        bool changed;
        do
        {
            changed = false;
            foreach (var line in lines)
            {
                if (line.Count(p => state[p.R, p.C] != Disclosure.Shown) != 1) continue;
                // The smallest figure still shown, preferring one above zero (hiding a zero protects nothing when
                // a larger one is there to hide) and a part over the line's total.
                var next = line.Where(p => state[p.R, p.C] == Disclosure.Shown)
                    .OrderBy(p => value[p.R, p.C] == 0 ? 1 : 0).ThenBy(p => p.R == rows || p.C == columns ? 1 : 0).ThenBy(p => value[p.R, p.C])
                    .Select(p => ((int R, int C)?)p).FirstOrDefault();
                // A line of one figure (a table of one cell) has nothing left to hide beside it.
                // Stryker disable once all : a mutant of this pattern leaves n unassigned, and the compile error would drop every mutant of Table
                if (next is not { } n) continue;
                state[n.R, n.C] = IsSmall(value[n.R, n.C]) ? Disclosure.FewerThanFive : Disclosure.Withheld;
                changed = true;
            }
        }
        while (changed);
        Count At(int r, int c) => new(value[r, c], state[r, c]);
        return new SuppressedTable(
            [.. Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, columns).Select(c => At(r, c)).ToArray())],
            [.. Enumerable.Range(0, rows).Select(r => At(r, columns))],
            [.. Enumerable.Range(0, columns).Select(c => At(rows, c))],
            At(rows, columns));
    }
}
