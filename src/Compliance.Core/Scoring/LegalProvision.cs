namespace Compliance.Core.Scoring;

public enum ProvisionStatus
{
    /// <summary>Announced, with or without a date, but its commencement is not confirmed: not yet the law.</summary>
    Planned = 0,

    /// <summary>Commenced: the law from its date.</summary>
    InForce = 1,
}

/// <summary>
/// One provision of the legal standard, with the date it took or takes effect and whether it is in force or only
/// planned. Dates are settings an administrator keeps up to date, never constants: commencement dates move.
/// </summary>
public sealed class LegalProvision
{
    public const int MaxNoteLength = 500;

    private LegalProvision()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Fixed name the rules look a provision up by.</summary>
    public string Key { get; private set; } = "";

    public string Title { get; private set; } = "";
    public string Meaning { get; private set; } = "";
    public string Source { get; private set; } = "";
    public DateOnly? EffectiveFrom { get; private set; }
    public ProvisionStatus Status { get; private set; }

    /// <summary>Why it was last changed (the regulations that commenced it, for instance).</summary>
    public string? Note { get; private set; }

    public string? ChangedByName { get; private set; }
    public DateTime? ChangedAtUtc { get; private set; }

    /// <summary>In force on a day: commenced, and its date reached.</summary>
    public bool InForceOn(DateOnly day) => Status == ProvisionStatus.InForce && EffectiveFrom is { } from && from <= day;

    /// <summary>"in force from 26 October 2024", "planned for 1 October 2026", "planned, date to be set".</summary>
    public string Describe() => (Status, EffectiveFrom) switch
    {
        (ProvisionStatus.InForce, { } d) => $"in force from {UkDates.Long(d)}",
        (_, { } d) => $"planned for {UkDates.Long(d)}, commencement not confirmed",
        _ => "planned, date to be set",
    };

    internal void Change(DateOnly? from, ProvisionStatus status, string? note, string byName, DateTime nowUtc)
    {
        (EffectiveFrom, Status, Note, ChangedByName, ChangedAtUtc) = (from, status, note, byName, nowUtc);
    }

    /// <summary>The provisions every installation starts with, from the law and the commencement position in November 2026.</summary>
    public static IReadOnlyList<object> Defaults { get; } =
    [
        new
        {
            Id = new Guid("6b7a0a3e-1c55-4f0e-9d0a-2a1c4c000001"), Key = LegalKeys.ReasonableSteps,
            Title = "Duty to take reasonable steps to prevent sexual harassment",
            Meaning = "Employers must take reasonable steps to prevent sexual harassment of their employees in the course of their employment. A tribunal may raise compensation by up to 25% where the duty was breached.",
            Source = "Equality Act 2010 s.40A, inserted by the Worker Protection (Amendment of Equality Act 2010) Act 2023",
            EffectiveFrom = (DateOnly?)new DateOnly(2024, 10, 26), Status = ProvisionStatus.InForce,
        },
        new
        {
            Id = new Guid("6b7a0a3e-1c55-4f0e-9d0a-2a1c4c000002"), Key = LegalKeys.AllReasonableSteps,
            Title = "Duty to take all reasonable steps, and liability for harassment by third parties",
            Meaning = "The duty becomes one to take all reasonable steps, and an employer is liable if it fails to take all reasonable steps to stop a third party (a customer, client or contractor) harassing its employees.",
            Source = "Employment Rights Act 2025 (amending Equality Act 2010 ss.40 and 40A); the government's roadmap plans October 2026, commencement regulations not yet confirmed",
            EffectiveFrom = (DateOnly?)new DateOnly(2026, 10, 1), Status = ProvisionStatus.Planned,
        },
        new
        {
            Id = new Guid("6b7a0a3e-1c55-4f0e-9d0a-2a1c4c000003"), Key = LegalKeys.ProtectedDisclosures,
            Title = "Disclosures about sexual harassment can be protected disclosures",
            Meaning = "A worker who discloses that sexual harassment has occurred, is occurring or is likely to occur can be protected from detriment as a whistleblower.",
            Source = "Employment Rights Act 1996 s.43B(1)(da), inserted by the Employment Rights Act 2025 s.23; commenced by SI 2026/323",
            EffectiveFrom = (DateOnly?)new DateOnly(2026, 4, 6), Status = ProvisionStatus.InForce,
        },
        new
        {
            Id = new Guid("6b7a0a3e-1c55-4f0e-9d0a-2a1c4c000004"), Key = LegalKeys.ConfidentialityClauses,
            Title = "Confidentiality clauses cannot stop workers speaking about harassment",
            Meaning = "Agreements that stop a worker speaking about harassment or discrimination, or how the employer responded to it, are void unless they are excepted agreements.",
            Source = "Employment Rights Act 1996 s.202A, inserted by the Employment Rights Act 2025 s.24; planned for 2027",
            EffectiveFrom = (DateOnly?)null, Status = ProvisionStatus.Planned,
        },
        new
        {
            Id = new Guid("6b7a0a3e-1c55-4f0e-9d0a-2a1c4c000005"), Key = LegalKeys.SpecifiedSteps,
            Title = "Regulations specifying the steps that are reasonable",
            Meaning = "Regulations may say which steps are to be regarded as reasonable. None have been published yet.",
            Source = "Employment Rights Act 2025 (power to specify steps, amending Equality Act 2010 s.40A)",
            EffectiveFrom = (DateOnly?)null, Status = ProvisionStatus.Planned,
        },
    ];
}

public static class LegalKeys
{
    public const string ReasonableSteps = "reasonable-steps";
    public const string AllReasonableSteps = "all-reasonable-steps";
    public const string ProtectedDisclosures = "protected-disclosures";
    public const string ConfidentialityClauses = "confidentiality-clauses";
    public const string SpecifiedSteps = "specified-steps";
}
