using System.IO.Compression;
using System.Xml.Linq;

namespace Compliance.Core.Cases;

/// <summary>
/// A Word document's copy as it reads, without who wrote or changed it: the document's properties (creator, last
/// editor, company, manager, template), comments and the list of people who made them, tracked changes (the copy
/// shows the text with every change accepted: deleted text is not in it) with their authors and dates, and every
/// path on a computer (the attached template's, a linked file's). ECMA-376 Part 1: 17.13.4 comments, 17.13.5
/// revisions, 17.15.1.6 attachedTemplate; Part 2: 9.2 relationships.
/// </summary>
internal static class DocxCleaner
{
    private const long MaxPartBytes = 32L * 1024 * 1024;
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly XNamespace W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static readonly XNamespace Types = "http://schemas.openxmlformats.org/package/2006/content-types";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
    private static readonly XNamespace App = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";

    /// <summary>Parts that hold comments, who made them, and custom properties: left out of the copy.</summary>
    private static readonly string[] Dropped =
        ["word/comments.xml", "word/commentsExtended.xml", "word/commentsIds.xml", "word/commentsExtensible.xml", "word/people.xml", "docProps/custom.xml"];

    /// <summary>Marks of deleted or earlier content, and of comments: removed with what they hold.</summary>
    private static readonly XName[] Removed =
    [
        W + "del", W + "moveFrom", W + "rPrChange", W + "pPrChange", W + "sectPrChange", W + "tblPrChange", W + "tblPrExChange", W + "trPrChange",
        W + "tcPrChange", W + "tblGridChange", W + "numberingChange", W + "commentRangeStart", W + "commentRangeEnd", W + "commentReference",
        W + "moveFromRangeStart", W + "moveFromRangeEnd", W + "moveToRangeStart", W + "moveToRangeEnd", W + "attachedTemplate",
    ];

    /// <summary>Marks of inserted or moved content: the content stays, the mark (with its author and date) goes.</summary>
    private static readonly XName[] Unwrapped = [W + "ins", W + "moveTo"];

    private static readonly XName[] PersonAttributes = [W + "author", W + "initials", W + "date"];

    public static byte[] Clean(byte[] bytes)
    {
        using var stream = new MemoryStream();
        stream.Write(bytes);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var name in Dropped) zip.GetEntry(name)?.Delete();
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("word/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)).ToList())
            {
                Rewrite(zip, entry.FullName, CleanWordPart);
            }
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".rels", StringComparison.Ordinal)).ToList())
            {
                Rewrite(zip, entry.FullName, CleanRelationships);
            }
            Rewrite(zip, "[Content_Types].xml", xml => xml.Root?.Elements(Types + "Override").Where(o => Dropped.Contains(((string?)o.Attribute("PartName"))?.TrimStart('/'))).Remove());
            Rewrite(zip, "docProps/core.xml", xml => Blank(xml, Dc + "creator", Cp + "lastModifiedBy"));
            Rewrite(zip, "docProps/app.xml", xml => Blank(xml, App + "Company", App + "Manager", App + "Template", App + "HyperlinkBase"));
        }
        return stream.ToArray();
    }

    private static void CleanWordPart(XDocument xml)
    {
        xml.Descendants().Where(e => Removed.Contains(e.Name)).ToList().ForEach(e => e.Remove());
        foreach (var mark in xml.Descendants().Where(e => Unwrapped.Contains(e.Name)).Reverse().ToList()) mark.ReplaceWith(mark.Nodes());
        foreach (var attribute in xml.Descendants().SelectMany(e => e.Attributes()).Where(a => PersonAttributes.Contains(a.Name)).ToList()) attribute.Remove();
    }

    /// <summary>Relationships to the parts left out go; one to a file on a computer (a path that names its user) points nowhere.</summary>
    private static void CleanRelationships(XDocument xml)
    {
        foreach (var relationship in xml.Descendants(Rel + "Relationship").ToList())
        {
            var target = (string?)relationship.Attribute("Target") ?? "";
            if (Dropped.Any(d => target.EndsWith(Path.GetFileName(d), StringComparison.OrdinalIgnoreCase)) || relationship.Attribute("Type")?.Value.EndsWith("/attachedTemplate", StringComparison.Ordinal) == true)
            {
                relationship.Remove();
            }
            else if ((string?)relationship.Attribute("TargetMode") == "External" && IsLocalPath(target))
            {
                relationship.SetAttributeValue("Target", "about:blank");
            }
        }
    }

    private static bool IsLocalPath(string target) =>
        target.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || target.StartsWith(@"\\", StringComparison.Ordinal)
        || (target.Length > 2 && target[1] == ':') || target.StartsWith('/') || target.Contains(@"\", StringComparison.Ordinal);

    private static void Blank(XDocument xml, params XName[] names)
    {
        foreach (var e in names.SelectMany(n => xml.Descendants(n))) e.Value = "";
    }

    private static void Rewrite(ZipArchive zip, string name, Action<XDocument> clean)
    {
        if (zip.GetEntry(name) is not { } entry) return;
        if (entry.Length > MaxPartBytes) throw new InvalidDataException("A part of the document is too large to clean.");
        XDocument xml;
        using (var read = entry.Open()) xml = XDocument.Load(read, LoadOptions.PreserveWhitespace);
        clean(xml);
        entry.Delete();
        var rewritten = zip.CreateEntry(name, CompressionLevel.Optimal);
        // A fixed time, not now: the copy must not say when the report arrived.
        rewritten.LastWriteTime = FixedTime;
        using var write = rewritten.Open();
        xml.Save(write, SaveOptions.DisableFormatting);
    }
}
