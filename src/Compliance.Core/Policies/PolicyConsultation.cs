namespace Compliance.Core.Policies;

/// <summary>
/// A consultation on a version (EHRC step 1: consult unions or employee representatives): with whom, when, and
/// what changed as a result. Recorded against the version it was about, and kept when that version is published.
/// </summary>
public sealed class PolicyConsultation
{
    public const int MaxNameLength = 200;
    public const int MaxOutcomeLength = 4000;

    private PolicyConsultation() { }

    public PolicyConsultation(Guid policyId, Guid versionId, ConsultationBody body, string consultedName, DateOnly heldOn, string outcome, string recordedByName, DateTime nowUtc)
    {
        Id = RecordId.New();
        PolicyId = policyId;
        VersionId = versionId;
        Body = body;
        ConsultedName = consultedName;
        HeldOn = heldOn;
        Outcome = outcome;
        RecordedByName = recordedByName;
        RecordedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid PolicyId { get; private set; }
    public Guid VersionId { get; private set; }
    public ConsultationBody Body { get; private set; }

    /// <summary>Who exactly, for example "Unite, Harbour Hotel branch".</summary>
    public string ConsultedName { get; private set; } = "";
    public DateOnly HeldOn { get; private set; }

    /// <summary>What changed in the draft as a result (or that nothing did, and why).</summary>
    public string Outcome { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }
}
