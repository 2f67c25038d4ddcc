using PdfSharp.Fonts;

namespace Compliance.Core.Documents;

/// <summary>
/// The fonts every PDF uses: DejaVu Sans (and its bold and mono faces), shipped with the app (Documents/Fonts, with
/// their licence) so that no system package is needed, and embedded in each document so that it reads the same
/// anywhere. Set once for the process.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Sans = "DejaVu Sans";
    public const string Mono = "DejaVu Sans Mono";

    private static readonly string[] Folders = [Path.Combine(AppContext.BaseDirectory, "fonts"), "/usr/share/fonts/truetype/dejavu"];
    private static readonly object Gate = new();

    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is PdfFonts) return;
            GlobalFontSettings.FontResolver = new PdfFonts();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => familyName switch
    {
        Mono => new FontResolverInfo("DejaVuSansMono.ttf"),
        _ => new FontResolverInfo(bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf"),
    };

    public byte[]? GetFont(string faceName)
    {
        foreach (var folder in Folders)
        {
            var path = Path.Combine(folder, faceName);
            if (File.Exists(path)) return File.ReadAllBytes(path);
        }
        throw new InvalidOperationException($"The font {faceName} was not found in {Folders[0]}: the app's files are incomplete.");
    }
}
