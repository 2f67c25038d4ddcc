namespace Compliance.Core.RiskAssessments;

/// <summary>
/// What approval is checked against: every factor in the library (the published ones and the organisation's own,
/// code to title) and the factors that have an action on the assessment.
/// </summary>
public sealed record ApprovalScope(IReadOnlyDictionary<string, string> Factors, IReadOnlySet<string> FactorsWithActions);

/// <summary>
/// Whether a draft may be approved. An assessment is evidence that the risks were considered: every factor in the
/// library is rated or marked "not relevant here" with a reason, and every High or Very high residual risk has an
/// action (EHRC technical guidance, risk assessment: identify the risks, then act on them). A nearly empty draft
/// cannot be approved without a word.
/// </summary>
public sealed record ApprovalReadiness(int Considered, int Total, List<string> NotConsidered, List<string> HighWithoutAction)
{
    public bool Ready => NotConsidered.Count == 0 && HighWithoutAction.Count == 0;

    public static ApprovalReadiness Of(AssessmentRevision draft, ApprovalScope scope)
    {
        var ratings = draft.Ratings.ToDictionary(r => r.FactorCode);
        var notConsidered = scope.Factors
            .Where(f => !ratings.TryGetValue(f.Key, out var r) || !r.IsConsidered)
            .Select(f => f.Value).Order(StringComparer.CurrentCulture).ToList();
        var highWithoutAction = draft.Ratings
            .Where(r => r.Band is RiskBand.High or RiskBand.VeryHigh && !scope.FactorsWithActions.Contains(r.FactorCode))
            .Select(r => scope.Factors.GetValueOrDefault(r.FactorCode, r.FactorCode)).Order(StringComparer.CurrentCulture).ToList();
        return new ApprovalReadiness(scope.Factors.Count - notConsidered.Count, scope.Factors.Count, notConsidered, highWithoutAction);
    }

    /// <summary>The refusal, naming everything that is missing.</summary>
    public string Refusal
    {
        get
        {
            var parts = new List<string>();
            if (NotConsidered.Count > 0)
            {
                parts.Add($"{NotConsidered.Count} of {Total} factors have not been considered ({string.Join("; ", NotConsidered)}): rate each, or mark it \"not relevant here\" with the reason");
            }
            if (HighWithoutAction.Count > 0)
            {
                parts.Add($"{HighWithoutAction.Count} High or Very high risk{(HighWithoutAction.Count == 1 ? " has" : "s have")} no action ({string.Join("; ", HighWithoutAction)}): add an action for each");
            }
            return "This assessment cannot be approved yet. " + string.Join(". ", parts) + ".";
        }
    }
}
