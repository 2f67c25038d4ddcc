using Compliance.Core.EvidencePacks;
using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Core.Tests.EvidencePacks;

/// <summary>A pack read as its reader reads it: the PDF rendered and its text taken out by pdftotext (poppler).</summary>
public static class PackReading
{
    /// <summary>The PDF's text; with <paramref name="layout"/>, tables keep their columns (a long cell wraps onto the next lines).</summary>
    public static async Task<string> PdfTextAsync(PackContent pack, bool layout = true)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pack-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, PackPdf.Render(pack).Pdf);
        try
        {
            var (code, text, errors) = await Tool.RunAsync("pdftotext", layout ? ["-layout", path, "-"] : [path, "-"]);
            code.Should().Be(0, errors);
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
