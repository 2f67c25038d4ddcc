using Compliance.Core.Documents;
using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Web.Tests.EvidencePacks;

/// <summary>The layout layer with what real records hold: Welsh and Polish names, long unbroken words, empty tables.</summary>
public sealed class PdfLayoutTests
{
    [Fact]
    public async Task Names_in_any_european_language_long_words_and_empty_tables_lay_out_and_read_back_tagged_or_not()
    {
        const string welsh = "Llanfairpwllgwyngyll Gŵyl Ŷd", polish = "Zażółć gęślą jaźń, Łódź";
        foreach (var tagged in new[] { false, true })
        {
            PdfLayout Lay(int? pages)
            {
                var layout = new PdfLayout("Tytuł: " + polish, "Footer", DateTime.UtcNow, "Header · " + welsh, tagged: pages is not null, pages, countOnly: tagged && pages is null);
                layout.Heading(welsh, bookmark: 0);
                layout.Paragraph(polish + " " + new string('x', 400));
                layout.Paragraph("Survey results 🙂 → ✓ ½ “quoted” – €5");
                layout.Paragraph(string.Concat(Enumerable.Repeat("🙂", 300)) + " end-of-emoji \uD83D");
                layout.Table(["Site", "SHA-256"], [1, 3], [], mono: [1]);
                layout.Table(["Site", "SHA-256"], [1, 3], Enumerable.Range(0, 120).Select(i => (IReadOnlyList<string>)[$"{welsh} {i}", new string('a', 64)]), mono: [1]);
                layout.Table(["What", "Owner"], [3, 1], [[string.Join(' ', Enumerable.Range(1, 1500).Select(w => $"word{w}")), "Tall row"]]);
                layout.BarChart([], [("Only", [])], "Axis");
                return layout;
            }
            var layout = Lay(null);
            var bytes = tagged ? Lay(layout.PageCount).Finish() : layout.Finish();
            var path = Path.Combine(Path.GetTempPath(), $"layout-{Guid.NewGuid():N}.pdf");
            await File.WriteAllBytesAsync(path, bytes);
            try
            {
                var check = await Tool.RunAsync("qpdf", "--check", path);
                check.ExitCode.Should().Be(0, check.Output + check.Errors);
                var text = (await Tool.RunAsync("pdftotext", "-layout", path, "-")).Output;
                // A row taller than a page goes on over the next pages: its last word is there.
                text.Should().Contain("word1 ").And.Contain("word750 ").And.Contain("word1500");
                text.Should().Contain("end-of-emoji");
                text.Should().Contain(welsh).And.Contain(polish).And.Contain("Survey results").And.Contain("“quoted” – €5").And.Contain("None.").And.Contain("Header · " + welsh);
                System.Text.RegularExpressions.Regex.Matches(text, "SHA-256").Count.Should().BeGreaterThan(2, "the long table goes over pages with its header row again");
                (await Tool.RunAsync("pdfinfo", path)).Output.Should().Contain("Title:           Tytuł: " + polish);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
