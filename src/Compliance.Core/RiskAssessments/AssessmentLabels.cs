namespace Compliance.Core.RiskAssessments;

public static class AssessmentLabels
{
    public static string Label(this AssessmentScope scope) => scope switch
    {
        AssessmentScope.Site => "Site",
        AssessmentScope.Department => "Department",
        AssessmentScope.Role => "Role",
        _ => "Event",
    };

    public static string Label(this RiskBand band) => band == RiskBand.VeryHigh ? "Very high" : band.ToString();

    public static readonly string[] LikelihoodLabels = ["", "Rare", "Unlikely", "Possible", "Likely", "Almost certain"];
    public static readonly string[] SeverityLabels = ["", "Minor", "Moderate", "Significant", "Serious", "Very serious"];

    public static string Label(this ActionStatus status) => status switch
    {
        ActionStatus.Open => "Open",
        ActionStatus.InProgress => "In progress",
        _ => "Done",
    };
}
