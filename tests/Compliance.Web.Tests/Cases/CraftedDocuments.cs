using System.IO.Compression;
using System.Text;

namespace Compliance.Web.Tests.Cases;

/// <summary>
/// Files that carry their makers' names where real files do, beyond the document properties: laid out from the
/// formats' own specifications. Every name, place and date a cleaned copy must lose holds the word "Canary" or
/// the date 1 or 2 December 2026 at half past nine or ten.
/// </summary>
public static class CraftedDocuments
{
    /// <summary>
    /// A PDF as ISO 32000-1 lays it out: a page drawing text and a JPEG (8.9.5, DCTDecode) that carries EXIF, a
    /// sticky-note annotation with its author and dates (12.5.2, 12.5.6.4), an embedded file (7.11.4), and an
    /// incremental update (7.5.6) that rewrote the document information and the note, leaving the first revision's
    /// objects in the file.
    /// </summary>
    public static byte[] Pdf(byte[] jpeg)
    {
        var pdf = new PdfWriter();
        pdf.Header();
        pdf.Object(1, "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(canary-attachment.txt) 7 0 R] >> >> >>");
        pdf.Object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Resources << /Font << /F1 10 0 R >> /XObject << /Im1 4 0 R >> >> /Contents 5 0 R /Annots [6 0 R] >>");
        var (width, height, components) = JpegFrame(jpeg);
        pdf.Stream(4, $"/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /{(components == 1 ? "DeviceGray" : "DeviceRGB")} /BitsPerComponent 8 /Filter /DCTDecode", jpeg);
        pdf.Stream(5, "", Encoding.ASCII.GetBytes("BT /F1 14 Tf 20 250 Td (What happened on Friday) Tj ET q 100 0 0 100 100 50 cm /Im1 Do Q"));
        pdf.Object(6, "<< /Type /Annot /Subtype /Text /Rect [20 200 40 220] /Contents (Seen at the bar) /T (Canary Annotator) /M (D:20261201093000Z) /CreationDate (D:20261201093000Z) /NM (canary-note-1) >>");
        pdf.Object(7, "<< /Type /Filespec /F (canary-attachment.txt) /EF << /F 8 0 R >> >>");
        pdf.Stream(8, "/Type /EmbeddedFile", "Canary embedded file: notes by Canary Person"u8.ToArray());
        pdf.Object(9, "<< /Author (Canary First Author) /Creator (Canary Writer) /CreationDate (D:20261201093000Z) >>");
        pdf.Object(10, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        var first = pdf.Trailer(11, "/Root 1 0 R /Info 9 0 R");
        pdf.Object(6, "<< /Type /Annot /Subtype /Text /Rect [20 200 40 220] /Contents (Seen at the bar, twice) /T (Canary Annotator) /M (D:20261202100000Z) /CreationDate (D:20261201093000Z) /NM (canary-note-1) >>");
        pdf.Object(9, "<< /Author (Canary Second Author) /ModDate (D:20261202100000Z) >>");
        pdf.Trailer(11, $"/Root 1 0 R /Info 9 0 R /Prev {first}");
        return pdf.Bytes();
    }

    /// <summary>The picture's size and colour components, from its start-of-frame segment (ITU-T T.81, B.2.2).</summary>
    private static (int Width, int Height, int Components) JpegFrame(byte[] jpeg)
    {
        for (var i = 2; i + 9 < jpeg.Length;)
        {
            var marker = jpeg[i + 1];
            if (marker is >= 0xC0 and <= 0xC2) return ((jpeg[i + 7] << 8) | jpeg[i + 8], (jpeg[i + 5] << 8) | jpeg[i + 6], jpeg[i + 9]);
            i += 2 + ((jpeg[i + 2] << 8) | jpeg[i + 3]);
        }
        throw new InvalidDataException("No frame in the JPEG.");
    }

    /// <summary>Writes objects and keeps their offsets for each revision's cross-reference section.</summary>
    private sealed class PdfWriter
    {
        private readonly MemoryStream _out = new();
        private readonly SortedDictionary<int, long> _revision = [];
        private bool _first = true;

        public void Header() => Write("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");

        public void Object(int number, string body)
        {
            _revision[number] = _out.Position;
            Write($"{number} 0 obj\n{body}\nendobj\n");
        }

        public void Stream(int number, string dictionary, byte[] data)
        {
            _revision[number] = _out.Position;
            Write($"{number} 0 obj\n<< {dictionary} /Length {data.Length} >>\nstream\n");
            _out.Write(data);
            Write("\nendstream\nendobj\n");
        }

        /// <summary>This revision's cross-reference section and trailer; returns where the section starts.</summary>
        public long Trailer(int size, string entries)
        {
            var start = _out.Position;
            var xref = new StringBuilder("xref\n");
            // The free-list head is written once, in the first revision's section.
            if (_first) xref.Append("0 1\n0000000000 65535 f \n");
            foreach (var (number, offset) in _revision) xref.Append($"{number} 1\n{offset:D10} 00000 n \n");
            Write(xref + $"trailer\n<< /Size {size} {entries} >>\nstartxref\n{start}\n%%EOF\n");
            _revision.Clear();
            _first = false;
            return start;
        }

        public byte[] Bytes() => _out.ToArray();

        private void Write(string text) => _out.Write(Encoding.Latin1.GetBytes(text));
    }

    /// <summary>
    /// A Word document as Word writes one that has been commented on and edited with changes tracked (ECMA-376
    /// Part 1: 17.13.4 comments with author, initials and date; 17.13.5 insertions and deletions with theirs;
    /// 17.15.1.6 the attached template, whose relationship holds a path in the user's profile; [MS-DOCX] 2.5.x
    /// people.xml; Part 2: the package's relationships and content types).
    /// </summary>
    public static byte[] Docx()
    {
        const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        const string R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        const string W15 = "http://schemas.microsoft.com/office/word/2012/wordml";
        var parts = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/people.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>""",
            ["_rels/.rels"] = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""",
            ["word/_rels/document.xml.rels"] = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/><Relationship Id="rId3" Type="http://schemas.microsoft.com/office/2011/relationships/people" Target="people.xml"/></Relationships>""",
            ["word/document.xml"] = $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}"><w:body><w:p><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">What happened on Friday. </w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:ins w:id="1" w:author="Canary Reviser" w:date="2026-12-01T09:30:00Z"><w:r><w:t xml:space="preserve">It happened again on Monday. </w:t></w:r></w:ins><w:del w:id="2" w:author="Canary Reviser" w:date="2026-12-01T09:30:00Z"><w:r><w:delText>Canary deleted words naming a witness.</w:delText></w:r></w:del></w:p><w:p><w:pPr><w:rPr><w:ins w:id="3" w:author="Canary Reviser" w:date="2026-12-02T10:00:00Z"/></w:rPr></w:pPr><w:r><w:rPr><w:b/><w:rPrChange w:id="4" w:author="Canary Reviser" w:date="2026-12-02T10:00:00Z"><w:rPr/></w:rPrChange></w:rPr><w:t>I told my manager.</w:t></w:r></w:p><w:sectPr/></w:body></w:document>""",
            ["word/comments.xml"] = $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="Canary Commenter" w:date="2026-12-01T09:30:00Z" w:initials="CCX"><w:p><w:r><w:t>Canary comment: check with HR first.</w:t></w:r></w:p></w:comment></w:comments>""",
            ["word/people.xml"] = $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w15:people xmlns:w15="{W15}"><w15:person w15:author="Canary Commenter"><w15:presenceInfo w15:providerId="AD" w15:userId="S::canary.person@example.test::0f4c8a1e-0000-4000-8000-000000000001"/></w15:person></w15:people>""",
            ["word/settings.xml"] = $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="{W}" xmlns:r="{R}"><w:trackRevisions/><w:attachedTemplate r:id="rId1"/><w:defaultTabStop w:val="720"/></w:settings>""",
            ["word/_rels/settings.xml.rels"] = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="file:///C:\Users\canary.person\AppData\Roaming\Microsoft\Templates\Normal.dotm" TargetMode="External"/></Relationships>""",
            ["docProps/core.xml"] = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Canary Author</dc:creator><cp:lastModifiedBy>Canary Editor</cp:lastModifiedBy><cp:revision>3</cp:revision></cp:coreProperties>""",
            ["docProps/app.xml"] = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Template>Canary-Normal.dotm</Template><Application>Microsoft Office Word</Application><Company>Canary Ltd</Company></Properties>""",
        };
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        return stream.ToArray();
    }
}
