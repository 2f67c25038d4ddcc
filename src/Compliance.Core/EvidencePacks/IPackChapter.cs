using Compliance.Core.Scoring;

namespace Compliance.Core.EvidencePacks;

/// <summary>
/// One step's chapter of the evidence pack, kept beside its feature and registered as the reminder sources are; the
/// pack asks each in the guidance's order. A chapter's figures about a day come from <see cref="StepEvidence"/>, the
/// same read the position page, the trend and the sign-offs ask, so no chapter counts on its own.
/// </summary>
public interface IPackChapter
{
    ReasonableStep Step { get; }

    /// <summary>The chapter for the pack's period; records for the records ZIP are added to <paramref name="pack"/>.</summary>
    Task<PackSection> ReadAsync(PackContent pack, CancellationToken ct);
}
