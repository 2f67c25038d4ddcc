namespace Compliance.Core.Policies;

/// <summary>The kinds of policy the product ships a template for; any other policy is <see cref="Other"/>.</summary>
public enum PolicyKind
{
    SexualHarassment = 1,
    ThirdPartyHarassment = 2,
    BullyingAndHarassment = 3,
    Whistleblowing = 4,
    Other = 5,
}

public static class PolicyKinds
{
    public static string Label(this PolicyKind kind) => kind switch
    {
        PolicyKind.SexualHarassment => "Anti-sexual-harassment policy",
        PolicyKind.ThirdPartyHarassment => "Third-party harassment policy",
        PolicyKind.BullyingAndHarassment => "Bullying and harassment policy",
        PolicyKind.Whistleblowing => "Whistleblowing policy",
        _ => "Other policy",
    };

    /// <summary>The public address of the current version: /policies/{slug}. Another policy's slug comes from its title.</summary>
    public static string? Slug(this PolicyKind kind) => kind switch
    {
        PolicyKind.SexualHarassment => "harassment",
        PolicyKind.ThirdPartyHarassment => "third-party-harassment",
        PolicyKind.BullyingAndHarassment => "bullying-and-harassment",
        PolicyKind.Whistleblowing => "whistleblowing",
        _ => null,
    };

    /// <summary>The template in templates/policies/ a new policy of this kind starts from.</summary>
    public static string Template(this PolicyKind kind) => kind switch
    {
        PolicyKind.SexualHarassment => "sexual-harassment",
        PolicyKind.ThirdPartyHarassment => "third-party-harassment",
        PolicyKind.BullyingAndHarassment => "bullying-and-harassment",
        PolicyKind.Whistleblowing => "whistleblowing",
        _ => "other",
    };

    /// <summary>Whether the section checklist applies: it is the guidance for a sexual harassment policy (DOMAIN.md §3, step 1).</summary>
    public static bool HasChecklist(this PolicyKind kind) => kind is PolicyKind.SexualHarassment or PolicyKind.ThirdPartyHarassment;
}

/// <summary>Who a published version is for.</summary>
public enum AudienceKind
{
    Everyone = 1,
    Sites = 2,
    Departments = 3,
    Managers = 4,
    CustomerFacing = 5,
}

/// <summary>Material: everyone in scope acknowledges again. Minor: acknowledgements of the version before still count.</summary>
public enum PolicyChange
{
    Material = 1,
    Minor = 2,
}

public enum PolicyVersionStatus
{
    Draft = 1,
    AwaitingApproval = 2,
    Approved = 3,
    Published = 4,
    Superseded = 5,
}

/// <summary>Who was consulted on a draft (EHRC step 1: consult unions or employee representatives).</summary>
public enum ConsultationBody
{
    Union = 1,
    StaffRepresentatives = 2,
    StaffGroup = 3,
    Other = 4,
}

public static class PolicyLabels
{
    public static string Label(this AudienceKind audience) => audience switch
    {
        AudienceKind.Everyone => "Everyone",
        AudienceKind.Sites => "Chosen sites",
        AudienceKind.Departments => "Chosen departments",
        AudienceKind.Managers => "Managers",
        _ => "Customer-facing staff",
    };

    public static string Label(this PolicyVersionStatus status) => status switch
    {
        PolicyVersionStatus.Draft => "Draft",
        PolicyVersionStatus.AwaitingApproval => "Waiting for a director's approval",
        PolicyVersionStatus.Approved => "Approved, not yet published",
        PolicyVersionStatus.Published => "Published (in force)",
        _ => "Superseded",
    };

    public static string Label(this ConsultationBody body) => body switch
    {
        ConsultationBody.Union => "Trade union",
        ConsultationBody.StaffRepresentatives => "Staff representatives",
        ConsultationBody.StaffGroup => "Staff group",
        _ => "Other",
    };
}

/// <summary>A change the rules of a policy forbid, such as editing a published version; nothing is saved.</summary>
public sealed class PolicyRuleException(string message, string field = "") : RuleException(message, field);
