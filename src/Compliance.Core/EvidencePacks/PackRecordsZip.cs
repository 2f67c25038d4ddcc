using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Compliance.Core.EvidencePacks;

/// <summary>
/// The companion ZIP: the records behind the pack as CSV files (written as every export is, safe to open in a
/// spreadsheet), the audit checkpoint before the pack as it was kept, and a manifest giving each file's SHA-256 and
/// each CSV's row count.
/// </summary>
public static class PackRecordsZip
{
    public static byte[] Write(PackContent pack)
    {
        using var buffer = new MemoryStream();
        var stamp = new DateTimeOffset(DateTime.SpecifyKind(pack.GeneratedAtUtc, DateTimeKind.Utc));
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var manifest = new StringBuilder("file,sha256,rows\r\n");
            foreach (var records in pack.Records)
            {
                var bytes = Exports.SafeCsv.Write(records.Header, records.Rows);
                Add(zip, records.Name, bytes, stamp);
                manifest.Append($"{records.Name},{Convert.ToHexStringLower(SHA256.HashData(bytes))},{records.Rows.Count}\r\n");
            }
            foreach (var (name, bytes) in pack.Attachments)
            {
                Add(zip, name, bytes, stamp);
                manifest.Append($"{name},{Convert.ToHexStringLower(SHA256.HashData(bytes))},\r\n");
            }
            manifest.Append($"# pack {pack.PackId}; period {pack.From:yyyy-MM-dd} to {pack.To:yyyy-MM-dd}; {(pack.Named ? "named" : "anonymised")} edition\r\n");
            Add(zip, "manifest.csv", Encoding.UTF8.GetBytes(manifest.ToString()), stamp);
        }
        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes, DateTimeOffset stamp)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = stamp;
        using var stream = entry.Open();
        stream.Write(bytes);
    }
}
