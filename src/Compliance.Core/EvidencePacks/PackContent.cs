namespace Compliance.Core.EvidencePacks;

/// <summary>What a pack says, before it is laid out: the same content makes the PDF and, for the benchmark, its HTML.</summary>
public abstract record PackBlock;

/// <param name="Mono">Set in the fixed-width face, a size smaller, so that a hash in it stays on one line.</param>
public sealed record PackText(string Text, bool Bold = false, bool Mono = false) : PackBlock;

public sealed record PackSubheading(string Text) : PackBlock;

/// <param name="Mono">Columns of hashes, set so that each stays on one line.</param>
public sealed record PackTable(IReadOnlyList<string> Headers, IReadOnlyList<double> Shares, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<int> Mono) : PackBlock;

/// <summary>
/// Scores from 0 to 100 over time, one series per step, each value as the table beside it gives it (a number, or words
/// such as "not given"); always followed by a table of the same figures.
/// </summary>
/// <param name="Axis">What the points along the bottom are.</param>
public sealed record PackChart(IReadOnlyList<string> Points, IReadOnlyList<(string Name, IReadOnlyList<string> Values)> Series, string Axis) : PackBlock;

/// <summary>A chapter, the summary or an annex: its blocks, and the gaps it found (in words, with dates).</summary>
public sealed class PackSection(string title)
{
    public string Title { get; } = title;
    public List<PackBlock> Blocks { get; } = [];
    public List<string> Gaps { get; } = [];

    public PackSection Text(string text, bool bold = false, bool mono = false)
    {
        Blocks.Add(new PackText(text, bold, mono));
        return this;
    }

    public PackSection Subheading(string text)
    {
        Blocks.Add(new PackSubheading(text));
        return this;
    }

    public PackSection Table(string[] headers, double[] shares, IEnumerable<IReadOnlyList<string>> rows, params int[] mono)
    {
        Blocks.Add(new PackTable(headers, shares, [.. rows], mono));
        return this;
    }

    /// <summary>Records and the SHA-256 of each, a hash to a line so that it can be read and copied whole.</summary>
    public PackSection Hashes(IEnumerable<(string Record, string? Sha256)> rows) =>
        Table(["Record", "SHA-256"], [2.2, 5], rows.Where(r => r.Sha256 is not null).Select(r => (IReadOnlyList<string>)[r.Record, r.Sha256!]), 1);

    /// <summary>A gap: printed in the chapter and gathered into the summary's list.</summary>
    public PackSection Gap(string text)
    {
        Gaps.Add(text);
        return this;
    }
}

/// <summary>A dated record the pack cites, with its identifier and, where it has one, the hash of its content.</summary>
public sealed record PackArtefact(string Step, string Kind, string Identifier, DateOnly Date, string? Sha256);

/// <summary>One CSV of the companion ZIP: the records behind a chapter, for the reader to filter and count.</summary>
public sealed record PackRecords(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

public sealed class PackContent
{
    public required Guid PackId { get; init; }
    public required string Organisation { get; init; }
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public required bool Named { get; init; }
    public required DateTime GeneratedAtUtc { get; init; }
    public List<string> Standards { get; } = [];

    /// <summary>Which legal test applied to each part of the period, as each chapter opens with it.</summary>
    public string LegalTest { get; set; } = "";
    public PackSection Summary { get; } = new("Summary");
    public List<PackSection> Chapters { get; } = [];
    public List<PackSection> Annexes { get; } = [];
    public List<PackArtefact> Artefacts { get; } = [];
    public List<PackRecords> Records { get; } = [];

    /// <summary>Files the records ZIP carries as they are (the audit checkpoint before the pack, its token), by their path in it.</summary>
    public List<(string Name, byte[] Bytes)> Attachments { get; } = [];

    public string Period => $"{UkDates.Long(From)} to {UkDates.Long(To)}";

    /// <summary>The SHA-256 of the records ZIP made from this content, once it is written (before the PDF is laid out, which prints it).</summary>
    public string? RecordsSha256 { get; set; }

    /// <summary>The certificate the PDF is signed with (with its private key), or null when the signing key could not be read.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? SigningCertificate { get; set; }

    /// <summary>A key made for this pack alone and never kept: the same person has one pseudonym throughout this pack, and none that links to another.</summary>
    private readonly byte[] _pseudonymKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    /// <summary>
    /// The anonymised edition's stand-in for a person in its records: stable within this pack, so its rows can be
    /// counted person by person and reconciled with the chapters, and unlinkable across packs.
    /// </summary>
    public string PseudonymOf(Guid personId) =>
        "P-" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(_pseudonymKey, personId.ToByteArray()))[..12];

    /// <summary>The records' person column: the person's number and name in the named edition, a pseudonym otherwise.</summary>
    public string PersonColumn => Named ? "person" : "person_pseudonym";

    /// <summary>The named edition says so on every page.</summary>
    public string Edition => Named ? "NAMED EDITION: contains staff names; keep confidential" : "Anonymised edition";
}
