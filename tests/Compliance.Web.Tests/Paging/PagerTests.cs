using Compliance.Web.Infrastructure;

namespace Compliance.Web.Tests.Paging;

/// <summary>Every long list counts its pages one way: the one rule its nineteen lists share.</summary>
public sealed class PagerTests
{
    [Theory]
    [InlineData(0, 25, 1)]
    [InlineData(1, 25, 1)]
    [InlineData(25, 25, 1)]
    [InlineData(26, 25, 2)]
    [InlineData(50, 25, 2)]
    [InlineData(51, 25, 3)]
    [InlineData(3_000_000_000, 100, 30_000_000)]
    public void A_list_takes_whole_pages_and_an_empty_list_still_has_one(long total, int pageSize, int pages) =>
        Pager.CountFor(total, pageSize).Should().Be(pages);
}
