namespace Compliance.Core.ThirdParty;

/// <summary>Who harassed the worker. The duty covers harassment by third parties (DOMAIN.md §1), so the log names the kind.</summary>
public enum ThirdPartyType
{
    Customer = 1,
    Client = 2,
    Contractor = 3,
    Supplier = 4,
    PatientOrServiceUser = 5,
    MemberOfPublic = 6,
    Other = 7,
}

/// <summary>What was done about an incident; more than one may apply.</summary>
[Flags]
public enum IncidentResponse
{
    None = 0,
    Warning = 1,
    Ban = 2,
    PoliceReport = 4,
    ContractAction = 8,
    SupportOffered = 16,
    NoneYet = 32,
}

public static class ThirdPartyLabels
{
    public static string Label(this ThirdPartyType type) => type switch
    {
        ThirdPartyType.Customer => "Customer",
        ThirdPartyType.Client => "Client",
        ThirdPartyType.Contractor => "Contractor",
        ThirdPartyType.Supplier => "Supplier",
        ThirdPartyType.PatientOrServiceUser => "Patient or service user",
        ThirdPartyType.MemberOfPublic => "Member of the public",
        _ => "Other",
    };

    public static string Label(this IncidentResponse response) => response switch
    {
        IncidentResponse.Warning => "Warning given",
        IncidentResponse.Ban => "Banned",
        IncidentResponse.PoliceReport => "Reported to the police",
        IncidentResponse.ContractAction => "Action under the contract",
        IncidentResponse.SupportOffered => "Support offered",
        IncidentResponse.NoneYet => "None yet",
        _ => "",
    };

    public static readonly IncidentResponse[] Responses =
        [IncidentResponse.Warning, IncidentResponse.Ban, IncidentResponse.PoliceReport, IncidentResponse.ContractAction, IncidentResponse.SupportOffered, IncidentResponse.NoneYet];

    public static string Describe(this IncidentResponse responses) =>
        string.Join("; ", Responses.Where(r => responses.HasFlag(r)).Select(r => r.Label()));
}

/// <summary>
/// Harassment of a worker by someone outside the organisation: a customer, client, contractor, patient or
/// member of the public. Logging one flags the site's risk assessment for review (step 3 and step 7).
/// </summary>
public sealed class ThirdPartyIncident
{
    public const int MaxDescriptionLength = 4000;

    private ThirdPartyIncident()
    {
    }

    public ThirdPartyIncident(DateOnly occurredOn, Guid siteId, ThirdPartyType partyType, string description, bool isSexual,
        Guid? affectedEmployeeId, IncidentResponse responses, string? respondedBy, Guid loggedByUserId, string loggedByName, DateTime nowUtc)
    {
        Id = RecordId.New();
        OccurredOn = occurredOn;
        SiteId = siteId;
        PartyType = partyType;
        Description = description;
        IsSexual = isSexual;
        AffectedEmployeeId = affectedEmployeeId;
        Responses = responses;
        RespondedBy = respondedBy;
        LoggedByUserId = loggedByUserId;
        LoggedByName = loggedByName;
        LoggedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public DateOnly OccurredOn { get; private set; }
    public Guid SiteId { get; private set; }
    public ThirdPartyType PartyType { get; private set; }

    /// <summary>What happened, in the logger's words. Never written to logs or the audit trail.</summary>
    public string Description { get; private set; } = "";

    public bool IsSexual { get; private set; }
    public Guid? AffectedEmployeeId { get; private set; }
    public IncidentResponse Responses { get; private set; }
    public string? RespondedBy { get; private set; }
    public Guid LoggedByUserId { get; private set; }
    public string LoggedByName { get; private set; } = "";
    public DateTime LoggedAtUtc { get; private set; }

    /// <summary>The risk assessment covering the site when the incident was logged, which it flagged for review.</summary>
    public Guid? RiskAssessmentId { get; private set; }

    public void LinkTo(Guid assessmentId) => RiskAssessmentId = assessmentId;
}
