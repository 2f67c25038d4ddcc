namespace Compliance.Core.Cases;

/// <summary>How the reporter chose to be known: not at all, or to the handlers of their case only.</summary>
public enum ReportingMode
{
    Anonymous = 1,
    Confidential = 2,
}

public enum ReporterRole
{
    PersonAffected = 1,
    Witness = 2,
}

/// <summary>Where it happened: at one of the organisation's sites, or outside work.</summary>
public enum IncidentPlace
{
    AtSite = 1,
    WorkEvent = 2,
    Travel = 3,
    Online = 4,
    Elsewhere = 5,
}

/// <summary>Who was involved; more than one may apply.</summary>
[Flags]
public enum InvolvedParties
{
    None = 0,
    Colleague = 1,
    Manager = 2,
    ThirdParty = 4,
    Other = 8,
}

public enum Answer
{
    Yes = 1,
    No = 2,
    NotSure = 3,
}

/// <summary>The stages of a case (DOMAIN.md R7). An appeal returns the case to <see cref="OutcomeRecorded"/>.</summary>
public enum CaseState
{
    Received = 1,
    Acknowledged = 2,
    Triaged = 3,
    InformalResolution = 4,
    Investigation = 5,
    OutcomeRecorded = 6,
    Appealed = 7,
    Closed = 8,
}

public enum Urgency
{
    Routine = 1,
    Prompt = 2,
    Urgent = 3,
}

public enum VictimisationRisk
{
    Low = 1,
    Medium = 2,
    High = 3,
}

/// <summary>What a case may involve, set at triage; each changes how the case must be handled.</summary>
[Flags]
public enum CaseFlags
{
    None = 0,
    PossibleCriminalOffence = 1,
    SpecialCategoryData = 2,
    PossibleProtectedDisclosure = 4,
}

public enum CaseRoute
{
    Informal = 1,
    FormalInvestigation = 2,
}

public enum CaseOutcome
{
    Upheld = 1,
    PartlyUpheld = 2,
    NotUpheld = 3,
    Withdrawn = 4,
    NoFurtherAction = 5,
}

public enum AppealResult
{
    Dismissed = 1,
    Upheld = 2,
}

/// <summary>A line of a case's history. Its words are encrypted; only the kind, date and author are readable.</summary>
public enum EntryKind
{
    Report = 1,
    ReporterMessage = 2,
    Acknowledgement = 3,
    HandlerMessage = 4,
    Triage = 5,
    Meeting = 6,
    Evidence = 7,
    Finding = 8,
    Note = 9,
    Outcome = 10,
    Appeal = 11,
    AppealDecision = 12,
    Closure = 13,
    CheckIn = 14,
}

public enum ExclusionReason
{
    NamedByReporter = 1,
    DeclaredConflict = 2,
    NamedInReport = 3,
}

public static class CaseLabels
{
    public static string Label(this ReportingMode m) => m == ReportingMode.Anonymous ? "Anonymous" : "Confidential";

    public static string Label(this ReporterRole r) => r == ReporterRole.PersonAffected ? "The person affected" : "A witness";

    public static string Label(this IncidentPlace p) => p switch
    {
        IncidentPlace.AtSite => "At one of our sites",
        IncidentPlace.WorkEvent => "At a work event or social",
        IncidentPlace.Travel => "While travelling for work",
        IncidentPlace.Online => "Online, by message, email or on social media",
        _ => "Somewhere else",
    };

    public static string Label(this InvolvedParties p) => p switch
    {
        InvolvedParties.Colleague => "A colleague",
        InvolvedParties.Manager => "A manager or someone more senior",
        InvolvedParties.ThirdParty => "A customer, client, contractor or other person from outside",
        InvolvedParties.Other => "Someone else",
        _ => "",
    };

    public static readonly InvolvedParties[] Parties = [InvolvedParties.Colleague, InvolvedParties.Manager, InvolvedParties.ThirdParty, InvolvedParties.Other];

    public static string Describe(this InvolvedParties parties) =>
        parties == InvolvedParties.None ? "Not said" : string.Join("; ", Parties.Where(p => parties.HasFlag(p)).Select(p => p.Label()));

    public static string Label(this Answer a) => a switch { Answer.Yes => "Yes", Answer.No => "No", _ => "Not sure" };

    public static string Label(this CaseState s) => s switch
    {
        CaseState.Received => "Received",
        CaseState.Acknowledged => "Acknowledged",
        CaseState.Triaged => "Triaged",
        CaseState.InformalResolution => "Informal resolution",
        CaseState.Investigation => "Formal investigation",
        CaseState.OutcomeRecorded => "Outcome recorded",
        CaseState.Appealed => "Appeal under way",
        _ => "Closed",
    };

    /// <summary>What the reporter is told about where their case has got to.</summary>
    public static string ForReporter(this CaseState s) => s switch
    {
        CaseState.Received => "Received: your report has arrived and is waiting to be read.",
        CaseState.Acknowledged => "Acknowledged: someone is looking at your report.",
        CaseState.Triaged or CaseState.InformalResolution or CaseState.Investigation => "Being dealt with: your report is being looked into.",
        CaseState.OutcomeRecorded => "Decided: a decision has been made. You may be able to appeal; the messages below say how.",
        CaseState.Appealed => "Appeal under way: the decision is being looked at again.",
        _ => "Closed: this case has been closed.",
    };

    public static string Label(this Urgency u) => u switch { Urgency.Urgent => "Urgent", Urgency.Prompt => "Prompt", _ => "Routine" };

    public static string Label(this VictimisationRisk r) => r switch { VictimisationRisk.High => "High", VictimisationRisk.Medium => "Medium", _ => "Low" };

    public static string Label(this CaseFlags f) => f switch
    {
        CaseFlags.PossibleCriminalOffence => "Possible criminal offence",
        CaseFlags.SpecialCategoryData => "Special-category data (health, sex life, sexual orientation)",
        CaseFlags.PossibleProtectedDisclosure => "Possible protected disclosure (whistleblowing)",
        _ => "",
    };

    public static readonly CaseFlags[] Flags = [CaseFlags.PossibleCriminalOffence, CaseFlags.SpecialCategoryData, CaseFlags.PossibleProtectedDisclosure];

    public static string Describe(this CaseFlags flags) =>
        flags == CaseFlags.None ? "None" : string.Join("; ", Flags.Where(f => flags.HasFlag(f)).Select(f => f.Label()));

    public static string Label(this CaseRoute r) => r == CaseRoute.Informal ? "Informal resolution" : "Formal investigation";

    public static string Label(this CaseOutcome o) => o switch
    {
        CaseOutcome.Upheld => "Upheld",
        CaseOutcome.PartlyUpheld => "Partly upheld",
        CaseOutcome.NotUpheld => "Not upheld",
        CaseOutcome.Withdrawn => "Withdrawn",
        _ => "No further action",
    };

    public static string Label(this AppealResult r) => r == AppealResult.Upheld ? "Appeal upheld" : "Appeal dismissed";

    public static string Label(this EntryKind k) => k switch
    {
        EntryKind.Report => "Report",
        EntryKind.ReporterMessage => "Message from the reporter",
        EntryKind.Acknowledgement => "Acknowledgement sent",
        EntryKind.HandlerMessage => "Message to the reporter",
        EntryKind.Triage => "Triage",
        EntryKind.Meeting => "Meeting",
        EntryKind.Evidence => "Evidence",
        EntryKind.Finding => "Finding",
        EntryKind.Note => "Note",
        EntryKind.Outcome => "Outcome",
        EntryKind.Appeal => "Appeal",
        EntryKind.AppealDecision => "Appeal decision",
        EntryKind.Closure => "Closed",
        _ => "Check-in",
    };

    public static string Label(this ExclusionReason r) => r switch
    {
        ExclusionReason.NamedByReporter => "Named by the reporter as involved",
        ExclusionReason.DeclaredConflict => "Declared a conflict of interest",
        _ => "Named in the report",
    };
}
