namespace Compliance.Core.Cases;

/// <summary>A copy of a file with what it says about its maker removed, or why it could not be made.</summary>
public sealed record CleanedFile(byte[]? Bytes, string? Problem);

/// <summary>
/// Removes what a file says about the person or device that made it, as trusted whistleblowing platforms do:
/// EXIF (camera, owner, GPS position), XMP, IPTC and comments from JPEG images; text, EXIF and time chunks from
/// PNG; from PDFs, what <see cref="PdfCleaner"/> names (their information, metadata, annotation authors, embedded
/// files and pictures' details, earlier revisions); from Word documents, what <see cref="DocxCleaner"/> names
/// (their properties, comments, tracked changes with their authors, and paths). The picture or text itself is left as it was. The original is kept sealed as
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
                AttachmentKind.Pdf => new(PdfCleaner.Clean(bytes), null),
                AttachmentKind.WordDocx => new(DocxCleaner.Clean(bytes), null),
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
    internal static byte[] Jpeg(byte[] b)
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
}
