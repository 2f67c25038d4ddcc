namespace Compliance.Core.Common;

/// <summary>
/// The one rule for a share shown as a percentage, in pages, exports and evidence packs alike: whole per cent,
/// rounded down, so 99.9% never shows as 100% and 191 of 234 is 81% everywhere it appears. Nothing of nothing is 0%.
/// </summary>
public static class Percent
{
    public static int Of(int part, int whole) => whole <= 0 ? 0 : (int)(100L * part / whole);

    /// <summary>"191 of 234 (81%)", or the words for none in scope.</summary>
    public static string Described(int part, int whole, string noneInScope = "none in scope") =>
        whole <= 0 ? noneInScope : $"{part:N0} of {whole:N0} ({Of(part, whole)}%)";
}
