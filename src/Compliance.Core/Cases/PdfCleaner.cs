using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Compliance.Core.Cases;

/// <summary>
/// A PDF's copy without what it says about who made or marked it: the document information, every XMP metadata
/// stream (of the document, its pages and its images), page-piece data, embedded files and file-attachment
/// annotations, the author, name and dates of every other annotation, and what each embedded JPEG says of its camera,
/// owner and place. The copy is written afresh, so earlier revisions kept by incremental updates are not in it.
/// What the pages show is left as it was. (ISO 32000-1: 7.5.6 incremental updates, 10.2 metadata, 12.5 annotations,
/// 7.11.4 embedded files, 8.9.5 image dictionaries.)
/// </summary>
internal static class PdfCleaner
{
    /// <summary>Keys that name a person, a device or a time in any dictionary: removed wherever they are.</summary>
    private static readonly string[] Everywhere = ["/Metadata", "/PieceInfo", "/LastModified", "/AF"];

    /// <summary>Keys of an annotation that say who made it and when (/T is the author of a markup annotation).</summary>
    private static readonly string[] AnnotationKeys = ["/M", "/CreationDate", "/NM", "/RC"];

    public static byte[] Clean(byte[] bytes)
    {
        using var input = new MemoryStream(bytes);
        using var document = PdfReader.Open(input, PdfDocumentOpenMode.Modify);
        foreach (var key in document.Info.Elements.Keys.ToList()) document.Info.Elements.Remove(key);
        if (document.Internals.Catalog.Elements.GetDictionary("/Names") is { } names) names.Elements.Remove("/EmbeddedFiles");
        foreach (var page in document.Pages)
        {
            if (page.Elements.GetArray("/Annots") is not { } annotations) continue;
            for (var i = annotations.Elements.Count - 1; i >= 0; i--)
            {
                var annotation = annotations.Elements.GetDictionary(i);
                var subtype = annotation?.Elements.GetName("/Subtype");
                if (annotation is null || subtype is "/FileAttachment" or "/Sound" or "/Movie" or "/Screen" or "/RichMedia")
                {
                    annotations.Elements.RemoveAt(i);
                    continue;
                }
                foreach (var key in AnnotationKeys) annotation.Elements.Remove(key);
                // A form field's /T is its name, shown to whoever fills it in; on every other annotation it is the author.
                if (subtype != "/Widget") annotation.Elements.Remove("/T");
            }
        }
        foreach (var dictionary in document.Internals.GetAllObjects().OfType<PdfDictionary>())
        {
            foreach (var key in Everywhere) dictionary.Elements.Remove(key);
            if (dictionary.Elements.GetName("/Subtype") == "/Image" && dictionary.Stream is { } stream) CleanImage(dictionary, stream);
        }
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static void CleanImage(PdfDictionary image, PdfDictionary.PdfStream stream)
    {
        var filter = image.Elements["/Filter"];
        var filters = filter switch
        {
            PdfName name => [name.Value],
            PdfArray array => array.Elements.Select(e => (e as PdfName)?.Value ?? "").ToArray(),
            _ => Array.Empty<string>(),
        };
        if (filters.SequenceEqual(["/DCTDecode"]))
        {
            stream.Value = MetadataStripper.Jpeg(stream.Value);
            return;
        }
        // A JPEG or JPEG 2000 picture inside another filter, whose own metadata cannot be reached: no copy is made.
        if (filters.Any(f => f is "/DCTDecode" or "/JPXDecode")) throw new InvalidDataException("An image in the PDF is stored in a way whose metadata cannot be removed.");
    }
}
