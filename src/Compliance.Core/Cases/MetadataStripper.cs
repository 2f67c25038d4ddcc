using System.IO.Compression;
using System.Xml.Linq;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Compliance.Core.Cases;

/// <summary>A copy of a file with what it says about its maker removed, or why it could not be made.</summary>
public sealed record CleanedFile(byte[]? Bytes, string? Problem);

/// <summary>
/// Removes what a file says about the person or device that made it, as trusted whistleblowing platforms do:
/// EXIF (camera, owner, GPS position), XMP, IPTC and comments from JPEG images; text, EXIF and time chunks from
/// PNG; the author, creator, producer and XMP metadata of PDFs; the creator, last-modified-by, company and
/// manager of Word documents. The picture or text itself is left as it was. The original is kept sealed as
/// evidence; handlers get this copy unless they ask for the original.
/// </summary>
public static class MetadataStripper
{
    public static CleanedFile Clean(AttachmentKind kind, byte[] bytes)
    {
        try
        {
            return kind switch
            {
                AttachmentKind.Jpeg => new(Jpeg(bytes), null),
                AttachmentKind.Png => new(Png(bytes), null),
                AttachmentKind.Pdf => new(Pdf(bytes), null),
                AttachmentKind.WordDocx => new(Docx(bytes), null),
                AttachmentKind.Text => new(bytes, null),
                _ => new(null, "Metadata cannot be removed from this kind of file: open the original with care."),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Whatever a crafted file makes a parser throw, the report is still taken; the handler is warned instead.
            return new(null, "The file could not be read to remove its metadata: open the original with care.");
        }
    }

    /// <summary>Keeps the JPEG's segments but APP1 (EXIF, XMP), APP13 (IPTC), other application data and comments.</summary>
    private static byte[] Jpeg(byte[] b)
    {
        if (b.Length < 4 || b[0] != 0xFF || b[1] != 0xD8) throw new InvalidDataException("Not a JPEG.");
        using var output = new MemoryStream();
        output.Write(b, 0, 2);
        var i = 2;
        while (i + 4 <= b.Length)
        {
            if (b[i] != 0xFF) throw new InvalidDataException("Broken JPEG segment.");
            var marker = b[i + 1];
            if (marker == 0xDA)
            {
                // Start of scan: the picture itself, to its end-of-image marker. Anything after it (the extra
                // pictures a phone appends, each with its own EXIF and GPS; a motion-photo video) is left out.
                var end = b.AsSpan(i).IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]);
                output.Write(b, i, end < 0 ? b.Length - i : end + 2);
                return output.ToArray();
            }
            var length = (b[i + 2] << 8) | b[i + 3];
            if (length < 2 || i + 2 + length > b.Length) throw new InvalidDataException("Broken JPEG segment length.");
            // APP0 (JFIF), an APP2 colour profile and APP14 (Adobe colour transform) say nothing of the maker; every
            // other application segment (EXIF, XMP, IPTC, MPF's list of extra pictures) and comments go.
            var icc = marker == 0xE2 && length >= 14 && b.AsSpan(i + 4, 12).SequenceEqual("ICC_PROFILE\0"u8);
            var drop = (marker is >= 0xE1 and <= 0xEF && !icc && marker != 0xEE) || marker == 0xFE;
            if (!drop) output.Write(b, i, 2 + length);
            i += 2 + length;
        }
        throw new InvalidDataException("The JPEG ends before its picture.");
    }

    /// <summary>Chunks that draw the picture; every other (text, EXIF, time, provenance, private) is left out.</summary>
    private static readonly HashSet<string> PngKept = ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "acTL", "fcTL", "fdAT"];

    private static byte[] Png(byte[] b)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (b.Length < 8 || !b.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidDataException("Not a PNG.");
        using var output = new MemoryStream();
        output.Write(b, 0, 8);
        var i = 8;
        while (i + 12 <= b.Length)
        {
            var length = (b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3];
            if (length < 0 || i + 12 + length > b.Length) throw new InvalidDataException("Broken PNG chunk.");
            var type = System.Text.Encoding.ASCII.GetString(b, i + 4, 4);
            if (PngKept.Contains(type)) output.Write(b, i, 12 + length);
            i += 12 + length;
            if (type == "IEND") break;
        }
        return output.ToArray();
    }

    private static byte[] Pdf(byte[] b)
    {
        using var input = new MemoryStream(b);
        using var document = PdfReader.Open(input, PdfDocumentOpenMode.Modify);
        // The whole document information dictionary: author, creator, producer, dates, and any custom keys.
        foreach (var key in document.Info.Elements.Keys.ToList()) document.Info.Elements.Remove(key);
        document.Internals.Catalog.Elements.Remove("/Metadata");
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private const long MaxPartBytes = 1024 * 1024;

    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
    private static readonly XNamespace App = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";

    private static byte[] Docx(byte[] b)
    {
        using var stream = new MemoryStream();
        stream.Write(b);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            Blank(zip, "docProps/core.xml", [Dc + "creator", Cp + "lastModifiedBy"]);
            Blank(zip, "docProps/app.xml", [App + "Company", App + "Manager"]);
            // Custom properties and the list of people who commented or tracked changes (with their account ids).
            zip.GetEntry("docProps/custom.xml")?.Delete();
            zip.GetEntry("word/people.xml")?.Delete();
        }
        return stream.ToArray();
    }

    private static void Blank(ZipArchive zip, string name, XName[] elements)
    {
        if (zip.GetEntry(name) is not { } entry) return;
        if (entry.Length > MaxPartBytes) throw new InvalidDataException("A document property part is too large.");
        XDocument xml;
        using (var read = entry.Open()) xml = XDocument.Load(read);
        foreach (var e in elements.SelectMany(n => xml.Descendants(n))) e.Value = "";
        entry.Delete();
        var rewritten = zip.CreateEntry(name);
        // A fixed time, not now: the copy must not say when the report arrived.
        rewritten.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var write = rewritten.Open();
        xml.Save(write);
    }
}
