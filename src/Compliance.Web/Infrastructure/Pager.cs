namespace Compliance.Web.Infrastructure;

/// <summary>Previous/next navigation for a long list; <see cref="Link"/> makes the address of a page.</summary>
public sealed record Pager(int PageNumber, int PageCount, string Label, Func<int, string> Link, string Previous = "Previous page", string Next = "Next page")
{
    /// <summary>How many pages a list of <paramref name="total"/> items takes: at least one, so an empty list still has its page.</summary>
    public static int CountFor(long total, int pageSize) => (int)Math.Max(1, (total + pageSize - 1) / pageSize);
}
