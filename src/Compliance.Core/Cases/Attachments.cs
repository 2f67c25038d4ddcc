using System.IO.Compression;
using System.Text;

namespace Compliance.Core.Cases;

public enum AttachmentKind
{
    Jpeg = 1,
    Png = 2,
    Gif = 3,
    Webp = 4,
    Heic = 5,
    Pdf = 6,
    Text = 7,
    WordDocx = 8,
    WordDoc = 9,
}

/// <summary>A file as it arrives: its name as the sender's device gave it, and its bytes.</summary>
public sealed record IncomingFile(string FileName, byte[] Bytes);

/// <summary>A file that was not taken, and why, in words for the person who sent it.</summary>
public sealed record RefusedFile(string FileName, string Reason);

/// <summary>
/// Which files a report may carry: images, PDF, plain text and Word documents, recognised by their content
/// (magic bytes), never by their name alone. The name's extension must agree with what the content is.
/// </summary>
public static class Attachments
{
    public const string Accept = ".jpg,.jpeg,.png,.gif,.webp,.heic,.pdf,.txt,.docx,.doc";

    private static readonly Dictionary<string, AttachmentKind[]> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = Images,
        [".jpeg"] = Images,
        [".png"] = Images,
        [".gif"] = Images,
        [".webp"] = Images,
        [".heic"] = Images,
        [".pdf"] = [AttachmentKind.Pdf],
        [".txt"] = [AttachmentKind.Text],
        [".docx"] = [AttachmentKind.WordDocx],
        [".doc"] = [AttachmentKind.WordDoc],
    };

    private static AttachmentKind[] Images => [AttachmentKind.Jpeg, AttachmentKind.Png, AttachmentKind.Gif, AttachmentKind.Webp, AttachmentKind.Heic];

    public static string Label(this AttachmentKind k) => k switch
    {
        AttachmentKind.Jpeg or AttachmentKind.Png or AttachmentKind.Gif or AttachmentKind.Webp or AttachmentKind.Heic => "Image",
        AttachmentKind.Pdf => "PDF",
        AttachmentKind.Text => "Text",
        _ => "Word document",
    };

    private static string Described(AttachmentKind k) => k switch
    {
        AttachmentKind.Pdf => "a PDF",
        AttachmentKind.Text => "plain text",
        AttachmentKind.WordDocx or AttachmentKind.WordDoc => "a Word document",
        _ => "an image",
    };

    /// <summary>Checks each file in turn; returns those taken (with their kind) and those refused (with a reason).</summary>
    public static (List<(IncomingFile File, AttachmentKind Kind)> Taken, List<RefusedFile> Refused) Check(IEnumerable<IncomingFile> files, int maxCount, long maxBytes)
    {
        var taken = new List<(IncomingFile, AttachmentKind)>();
        var refused = new List<RefusedFile>();
        foreach (var file in files)
        {
            var display = DisplayName(file.FileName);
            if (taken.Count >= maxCount)
            {
                refused.Add(new(display, $"Only {maxCount} files can be sent at a time. Send this one later from the follow-up page."));
            }
            else if (Refusal(file, maxBytes) is { } reason)
            {
                refused.Add(new(display, reason));
            }
            else
            {
                taken.Add((file, Detect(file.Bytes)!.Value));
            }
        }
        return (taken, refused);
    }

    private static string? Refusal(IncomingFile file, long maxBytes)
    {
        var name = file.FileName ?? "";
        if (name.Contains('/') || name.Contains('\\') || name.Contains("..") || name.Any(char.IsControl) || name.Trim().Length == 0)
        {
            return "The file name is not allowed: it must be a plain name, without folders or \"..\". Rename the file and try again.";
        }
        if (name.Length > 200) return "The file name is too long: keep it to 200 characters.";
        if (file.Bytes.Length == 0) return "The file is empty.";
        if (file.Bytes.Length > maxBytes) return $"The file is too large: files can be up to {maxBytes / (1024 * 1024)} MB each.";
        if (!ByExtension.TryGetValue(Path.GetExtension(name), out var expected))
        {
            return "This type of file cannot be sent. Send images (JPEG, PNG, GIF, WebP, HEIC), PDF, plain text (.txt) or Word documents.";
        }
        var actual = Detect(file.Bytes);
        if (actual is null || !expected.Contains(actual.Value))
        {
            return "The file's content does not match its type: it is named as " + Described(expected[0])
                + " but its content is " + (actual is { } a ? Described(a) : "not a type that can be sent") + ".";
        }
        return null;
    }

    /// <summary>What the content is, from its first bytes (and for Word's .docx, its contents list).</summary>
    public static AttachmentKind? Detect(byte[] b)
    {
        ReadOnlySpan<byte> s = b;
        if (s.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return AttachmentKind.Jpeg;
        if (s.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return AttachmentKind.Png;
        if (s.StartsWith("GIF87a"u8) || s.StartsWith("GIF89a"u8)) return AttachmentKind.Gif;
        if (s.Length >= 12 && s.StartsWith("RIFF"u8) && s[8..12].SequenceEqual("WEBP"u8)) return AttachmentKind.Webp;
        if (s.Length >= 12 && s[4..8].SequenceEqual("ftyp"u8) && (s[8..12].SequenceEqual("heic"u8) || s[8..12].SequenceEqual("heix"u8) || s[8..12].SequenceEqual("mif1"u8))) return AttachmentKind.Heic;
        if (s.StartsWith("%PDF-"u8)) return AttachmentKind.Pdf;
        if (s.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return AttachmentKind.WordDoc;
        if (s.StartsWith("PK\u0003\u0004"u8)) return IsWordDocx(b) ? AttachmentKind.WordDocx : null;
        return IsPlainText(b) ? AttachmentKind.Text : null;
    }

    private static bool IsWordDocx(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            return zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry("word/document.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static bool IsPlainText(byte[] bytes)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return !text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n' or '\f'));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The name as shown back to the person: never a path, never longer than a line.</summary>
    public static string DisplayName(string? name)
    {
        var n = new string((name ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (n.Length == 0) return "(a file without a name)";
        return n.Length > 120 ? n[..120] + "…" : n;
    }
}

/// <summary>Keeps attachments sealed on disk, in a folder per case, under names the server makes.</summary>
/// <summary>A file's sealed bytes, kept in the database: the original as it arrived, or the copy without its metadata.</summary>
public sealed class CaseFileBlob
{
    private CaseFileBlob()
    {
    }

    public CaseFileBlob(Guid fileId, bool clean, byte[] sealedBytes)
    {
        FileId = fileId;
        Clean = clean;
        Sealed = sealedBytes;
    }

    public Guid FileId { get; private set; }
    public bool Clean { get; private set; }
    public byte[] Sealed { get; private set; } = [];
}

/// <summary>
/// Keeps attachments sealed in the database, beside their case, rather than as files: a file on disk carries the
/// moment it was written (its change time cannot be set back), which would say when a reporter sent it. Purging a
/// case removes its files with it. Files kept on disk by earlier versions are still read, and removed with their case.
/// </summary>
public sealed class CaseFileStore(Microsoft.Extensions.Options.IOptions<CaseOptions> options)
{
    private string Root => options.Value.FilesPath;
    private const string CleanSuffix = ".clean";

    private static string Purpose(CaseFile file, bool clean) => CaseCipher.FileBytesPurpose(file.Id) + (clean ? CleanSuffix : "");

    /// <summary>Seals the bytes and adds them (saved by the caller, with the rest of the change).</summary>
    public void Write(Data.ComplianceDbContext db, CaseFile file, byte[] dataKey, byte[] bytes, bool clean = false) =>
        db.CaseFileBlobs.Add(new CaseFileBlob(file.Id, clean, CaseCipher.Seal(dataKey, file.CaseId, Purpose(file, clean), bytes)));

    /// <summary>The copy without the maker's metadata when there is one (unless the original is asked for), else the original.</summary>
    public async Task<byte[]> ReadAsync(Data.ComplianceDbContext db, CaseFile file, byte[] dataKey, CancellationToken ct, bool original = true)
    {
        var clean = !original && file.HasCleanCopy;
        var stored = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.CaseFileBlobs.Where(b => b.FileId == file.Id && b.Clean == clean).Select(b => b.Sealed), ct)
            ?? await File.ReadAllBytesAsync(Path.Combine(Root, file.CaseId.ToString("N"), file.StoredName + (clean ? CleanSuffix : "")), ct);
        return CaseCipher.Open(dataKey, file.CaseId, Purpose(file, clean), stored);
    }

    /// <summary>Removes a case's files kept on disk by earlier versions (its rows go with the case).</summary>
    public void DeleteCase(Guid caseId)
    {
        var folder = Path.Combine(Root, caseId.ToString("N"));
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    /// <summary>Removes folders of earlier versions whose case no longer exists (a purge cut short between its commit and the delete).</summary>
    public void DeleteOrphans(IReadOnlyCollection<Guid> existing, DateTime nowUtc)
    {
        if (!Directory.Exists(Root)) return;
        var keep = existing.Select(id => id.ToString("N")).ToHashSet();
        foreach (var folder in Directory.EnumerateDirectories(Root)
            .Where(f => !keep.Contains(Path.GetFileName(f)) && Directory.GetLastWriteTimeUtc(f) < nowUtc.AddDays(-1)))
        {
            if (Guid.TryParseExact(Path.GetFileName(folder), "N", out _)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Makes each taken file's copy without the maker's metadata. This is the slow part of adding files, so it is
    /// done before the change's transaction begins (on SQLite a write transaction holds the whole database).
    /// </summary>
    public static List<PreparedFile> Prepare(IEnumerable<(IncomingFile File, AttachmentKind Kind)> taken) =>
        [.. taken.Select(t => new PreparedFile(t.File, t.Kind, MetadataStripper.Clean(t.Kind, t.File.Bytes)))];

    /// <summary>Seals each prepared file (and its copy without metadata) and adds its rows (saved by the caller, with the rest of the change).</summary>
    public Task AttachAsync(Data.ComplianceDbContext db, CaseSeal seal, IEnumerable<PreparedFile> prepared, DateOnly today, bool fromReporter, CancellationToken ct)
    {
        foreach (var (file, kind, cleaned) in prepared)
        {
            var row = new CaseFile(seal.CaseId, kind, file.Bytes.Length, today, fromReporter);
            seal.Name(row, Attachments.DisplayName(file.FileName));
            Write(db, row, seal.DataKey, file.Bytes);
            // The original is evidence, kept sealed with its hash; handlers open a copy without the maker's metadata.
            if (cleaned.Bytes is { } copy) Write(db, row, seal.DataKey, copy, clean: true);
            row.Received(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Bytes)), cleaned.Bytes is not null, cleaned.Problem);
            db.CaseFiles.Add(row);
        }
        return Task.CompletedTask;
    }
}

/// <summary>A file taken with a report or message, with its copy without metadata already made.</summary>
public sealed record PreparedFile(IncomingFile File, AttachmentKind Kind, CleanedFile Cleaned);
