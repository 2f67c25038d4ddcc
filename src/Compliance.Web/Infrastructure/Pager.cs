namespace Compliance.Web.Infrastructure;

/// <summary>Previous/next navigation for a long list; <see cref="Link"/> makes the address of a page.</summary>
public sealed record Pager(int PageNumber, int PageCount, string Label, Func<int, string> Link, string Previous = "Previous page", string Next = "Next page");
