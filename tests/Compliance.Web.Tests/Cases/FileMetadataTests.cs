using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Compliance.Core.Documents;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Cases;

/// <summary>
/// What a reporter's files say about who made them (camera owner, GPS position, author) never reaches the handler
/// unless they ask for the original, which is audited; the original is kept byte for byte with its SHA-256.
/// exiftool, an independent reader, checks the handler's copies.
/// </summary>
public sealed class FileMetadataTests(CaseApp app) : IClassFixture<CaseApp>
{
    private const string TinyJpeg = "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=";

    [Fact]
    public async Task Handlers_get_copies_without_location_camera_or_author_and_the_audited_original_is_unchanged()
    {
        var folder = Directory.CreateTempSubdirectory("metadata").FullName;
        string reference;
        try
        {
            var photo = Path.Combine(folder, "photo.jpg");
            await File.WriteAllBytesAsync(photo, Convert.FromBase64String(TinyJpeg));
            await Exiftool(photo, "-GPSLatitude=51.5", "-GPSLatitudeRef=N", "-GPSLongitude=0.12", "-GPSLongitudeRef=W",
                "-OwnerName=Canary Owner", "-Artist=Canary Artist", "-XMP:Creator=Canary Creator", "-IPTC:By-line=Canary Byline");
            var pdf = Path.Combine(folder, "statement.pdf");
            var layout = new PdfLayout("Statement", "Statement", DateTime.UtcNow);
            layout.Paragraph("What happened on Friday.");
            await File.WriteAllBytesAsync(pdf, layout.Finish());
            await Exiftool(pdf, "-Author=Canary Author", "-Creator=Canary Creator");
            var docx = Docx("Canary Author", "Canary Editor");

            // A phone's extra picture appended after the image's end, with its own details.
            byte[] photoBytes = [.. await File.ReadAllBytesAsync(photo), 0xFF, 0xD9, .. "Canary-Trailer GPS 51.5N"u8.ToArray()];
            await File.WriteAllBytesAsync(photo, photoBytes);
            (await ReadTagsAsync(photo)).Should().Contain("Canary Owner");
            (reference, _, _) = await app.ReportAsync(app.ReportFields("Report with a photo"),
                [("photo.jpg", photoBytes), ("statement.pdf", await File.ReadAllBytesAsync(pdf)), ("statement.docx", docx), ("broken.pdf", "%PDF-1.7 not really"u8.ToArray())]);
            var id = await app.CaseIdAsync(reference);
            var hattie = await app.SignedInAsync(app.Hattie);
            await CaseApp.TakeAsync(hattie, id);
            List<Core.Cases.CaseFile> files;
            await using (var db = app.NewDbContext()) files = await db.CaseFiles.AsNoTracking().Where(f => f.CaseId == id).ToListAsync();
            files.Count.Should().Be(4);
            // A file that cannot be read to clean it is still taken with the report, and marked for the handler.
            var broken = files.Single(f => f.SizeBytes == "%PDF-1.7 not really"u8.Length);
            broken.HasCleanCopy.Should().BeFalse();
            broken.CleanProblem.Should().Contain("could not be read");
            files.Remove(broken);
            files.Should().AllSatisfy(f => f.HasCleanCopy.Should().BeTrue(f.CleanProblem));

            foreach (var file in files)
            {
                var copy = Path.Combine(folder, $"copy-{file.Id}");
                await File.WriteAllBytesAsync(copy, await DownloadAsync(hattie, id, file.Id, original: false));
                var tags = await ReadTagsAsync(copy);
                foreach (var canary in new[] { "Canary", "GPS", "51 deg" }) tags.Should().NotContain(canary);
                var raw = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(copy));
                raw.Should().NotContain("Canary");
                if (file.Kind == Core.Cases.AttachmentKind.WordDocx)
                {
                    // Its rewritten parts carry a fixed time, not the time of the report.
                    using var zip = ZipFile.OpenRead(copy);
                    zip.GetEntry("docProps/core.xml")!.LastWriteTime.Year.Should().Be(1980);
                }
            }
            // The file that could not be cleaned is served as the original, and recorded as such.
            await DownloadAsync(hattie, id, broken.Id, original: false);

            // The photo's original, asked for, is the file exactly as sent, with the SHA-256 the case page shows.
            var jpeg = files.Single(f => f.Kind == Core.Cases.AttachmentKind.Jpeg);
            var original = await DownloadAsync(hattie, id, jpeg.Id, original: true);
            original.Should().Equal(photoBytes);
            jpeg.OriginalSha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(photoBytes)));
            (await hattie.GetPageAsync(CaseApp.CaseUrl(id))).Should().Contain(jpeg.OriginalSha256!);
            await using (var db = app.NewDbContext())
            {
                (await db.AuditEntries.CountAsync(a => a.Action == "case.original-file-downloaded" && a.EntityId == id.ToString())).Should().Be(2);
                (await db.AuditEntries.CountAsync(a => a.Action == "case.file-downloaded" && a.EntityId == id.ToString())).Should().Be(3);
            }
        }
        finally
        {
            Directory.Delete(folder, true);
        }

        // A director reading the audit trail sees that something happened to a case, not which case or what.
        var director = await app.SignedInAsync(app.Director);
        var audit = Html.Text(await director.GetPageAsync("/audit?Entity=Case"));
        audit.Should().Contain("Case activity (the details are for the case's handlers only)");
        audit.Should().NotContain(reference);
    }

    [Fact]
    public async Task Annotations_pictures_inside_a_pdf_earlier_revisions_comments_tracked_changes_and_paths_leave_no_name_place_or_date_in_the_copy()
    {
        var folder = Directory.CreateTempSubdirectory("metadata-deep").FullName;
        try
        {
            // A real, decodable photo: a page drawn by poppler as a JPEG, then given a camera's details by exiftool.
            var page = new PdfLayout("Photo", "Photo", DateTime.UtcNow);
            page.Paragraph("A photo of the bar");
            await File.WriteAllBytesAsync(Path.Combine(folder, "page.pdf"), page.Finish());
            (await Tool.RunAsync("pdftoppm", "-jpeg", "-r", "20", "-singlefile", Path.Combine(folder, "page.pdf"), Path.Combine(folder, "inside"))).ExitCode.Should().Be(0);
            var photo = Path.Combine(folder, "inside.jpg");
            await Exiftool(photo, "-GPSLatitude=51.5", "-GPSLatitudeRef=N", "-GPSLongitude=0.12", "-GPSLongitudeRef=W", "-OwnerName=Canary Owner", "-SerialNumber=CANARY-SERIAL-42");
            var pdf = CraftedDocuments.Pdf(await File.ReadAllBytesAsync(photo));
            var docx = CraftedDocuments.Docx();
            // The crafted files hold what the copies must lose, as the tools read them.
            var crafted = Path.Combine(folder, "crafted.pdf");
            await File.WriteAllBytesAsync(crafted, pdf);
            var craftedCheck = await Tool.RunAsync("qpdf", "--check", crafted);
            craftedCheck.ExitCode.Should().Be(0, craftedCheck.Output + craftedCheck.Errors);
            (await ReadTagsAsync(crafted)).Should().Contain("Canary Second Author").And.Contain("GPS");
            (await PartsTextAsync(folder, "crafted.docx", docx)).Should().Contain("Canary Commenter").And.Contain(@"C:\Users\canary.person");

            var (reference, _, _) = await app.ReportAsync(app.ReportFields("Report with marked-up files"), [("statement.pdf", pdf), ("statement.docx", docx)]);
            var id = await app.CaseIdAsync(reference);
            var hattie = await app.SignedInAsync(app.Hattie);
            await CaseApp.TakeAsync(hattie, id);
            List<Core.Cases.CaseFile> files;
            await using (var db = app.NewDbContext()) files = await db.CaseFiles.AsNoTracking().Where(f => f.CaseId == id).ToListAsync();
            files.Should().HaveCount(2).And.AllSatisfy(f => f.HasCleanCopy.Should().BeTrue(f.CleanProblem));

            // The PDF: a valid file that shows the same words, with no name, place or date anywhere in it, in the
            // pictures taken out of it, or in its objects once decompressed.
            var pdfCopy = Path.Combine(folder, "copy.pdf");
            await File.WriteAllBytesAsync(pdfCopy, await DownloadAsync(hattie, id, files.Single(f => f.Kind == Core.Cases.AttachmentKind.Pdf).Id, original: false));
            var check = await Tool.RunAsync("qpdf", "--check", pdfCopy);
            check.ExitCode.Should().Be(0, check.Output + check.Errors);
            (await Tool.RunAsync("pdftotext", pdfCopy, "-")).Output.Should().Contain("What happened on Friday");
            var tags = await ReadTagsAsync(pdfCopy);
            NoTrace(tags, "the PDF's tags");
            // Nor does the copy say when it was made: that is when the report came.
            tags.Split('\n').Where(l => !l.StartsWith("[System]", StringComparison.Ordinal)).Should().NotContain(l => l.Contains(DateTime.UtcNow.ToString("yyyy:MM:dd", System.Globalization.CultureInfo.InvariantCulture)));
            var expanded = Path.Combine(folder, "expanded.pdf");
            (await Tool.RunAsync("qpdf", "--qdf", "--object-streams=disable", pdfCopy, expanded)).ExitCode.Should().Be(0);
            var objects = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(expanded));
            NoTrace(objects, "the PDF's objects");
            objects.Should().NotContain("D:" + DateTime.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
            var images = Path.Combine(folder, "images");
            Directory.CreateDirectory(images);
            (await Tool.RunAsync("pdfimages", "-j", pdfCopy, Path.Combine(images, "image"))).ExitCode.Should().Be(0);
            var extracted = Directory.GetFiles(images);
            extracted.Should().NotBeEmpty("the picture is still on the page");
            foreach (var image in extracted) NoTrace(await ReadTagsAsync(image), "a picture inside the PDF");

            // The Word document: the text as it reads with every change accepted, and nothing else of its people or paths.
            var docxCopy = await DownloadAsync(hattie, id, files.Single(f => f.Kind == Core.Cases.AttachmentKind.WordDocx).Id, original: false);
            var parts = await PartsTextAsync(folder, "copy.docx", docxCopy);
            parts.Should().Contain("What happened on Friday.").And.Contain("It happened again on Monday.").And.Contain("I told my manager.");
            NoTrace(parts, "the Word document's parts");
            parts.Should().NotContain("CCX").And.NotContain(@"C:\Users");
            NoTrace(await ReadTagsAsync(Path.Combine(folder, "copy.docx")), "the Word document's tags");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    /// <summary>Fails naming where a name, place or date of the crafted files was found.</summary>
    private static void NoTrace(string text, string where)
    {
        foreach (var trace in new[] { "canary", "GPS", "20261201", "20261202", "2026-12-01T09", "2026-12-02T10" })
        {
            text.Contains(trace, StringComparison.OrdinalIgnoreCase).Should().BeFalse($"{where} still hold \"{trace}\"");
        }
    }

    /// <summary>Every part of a Word file as unzip gives them, one after another.</summary>
    private static async Task<string> PartsTextAsync(string folder, string name, byte[] docx)
    {
        var file = Path.Combine(folder, name);
        await File.WriteAllBytesAsync(file, docx);
        var (exit, output, errors) = await Tool.RunAsync("unzip", "-p", file);
        exit.Should().Be(0, errors);
        return output;
    }

    private static async Task<byte[]> DownloadAsync(AppClient handler, Guid caseId, Guid fileId, bool original)
    {
        var response = await handler.GetAsync($"/cases/{caseId}/files/{fileId}{(original ? "?original=true" : "")}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task Exiftool(string file, params string[] tags)
    {
        var (exit, _, errors) = await Tool.RunAsync("exiftool", ["-overwrite_original", .. tags, file]);
        (exit == 0).Should().BeTrue(errors);
    }

    /// <summary>Every tag exiftool can read, in every group, with its value.</summary>
    private static async Task<string> ReadTagsAsync(string file) => (await Tool.RunAsync("exiftool", "-a", "-G1", "-s", "-ee", file)).Output;

    private static byte[] Docx(string creator, string lastModifiedBy)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
            Add("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>""");
            Add("word/document.xml", """<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>What happened</w:t></w:r></w:p></w:body></w:document>""");
            Add("docProps/core.xml", $"""<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{creator}</dc:creator><cp:lastModifiedBy>{lastModifiedBy}</cp:lastModifiedBy></cp:coreProperties>""");
        }
        return stream.ToArray();
    }
}
