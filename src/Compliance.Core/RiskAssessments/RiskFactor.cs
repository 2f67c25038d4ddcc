namespace Compliance.Core.RiskAssessments;

/// <summary>Which flag in the employee directory suggests that a factor applies at a site.</summary>
public enum DirectorySignal
{
    None = 0,
    LoneWorking = 1,
    NightWorking = 2,
    CustomerFacing = 3,
    AgencyOrContractor = 4,
}

/// <summary>
/// A risk factor for sexual harassment, from the regulator's guidance or added by the organisation. The
/// library is data: each built-in factor has a stable code, its source, a plain-English explanation and
/// suggested controls, and is seeded by a migration.
/// </summary>
public sealed class RiskFactor
{
    private RiskFactor()
    {
    }

    public RiskFactor(string code, string title, string explanation, string suggestedControls, string source, bool builtIn, int sortOrder, DirectorySignal signal = DirectorySignal.None)
    {
        Code = code;
        Title = title;
        Explanation = explanation;
        SuggestedControls = suggestedControls;
        Source = source;
        IsBuiltIn = builtIn;
        SortOrder = sortOrder;
        Signal = signal;
    }

    public string Code { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";
    public string SuggestedControls { get; private set; } = "";
    public string Source { get; private set; } = "";
    public bool IsBuiltIn { get; private set; }
    public int SortOrder { get; private set; }
    public DirectorySignal Signal { get; private set; }
}
