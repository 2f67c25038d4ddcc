using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.RiskAssessments;

public sealed record OrganisationFactorInput(string? Title, string? Explanation, string? SuggestedControls);

/// <summary>
/// Adds a risk factor particular to the organisation (a kind of work or place the guidance does not name). It
/// gets a code of its own, ORG-001 onwards, and is listed after the built-in factors in every new draft.
/// </summary>
public sealed class AddOrganisationFactor(ComplianceDbContext db, AuditTrail audit)
{
    public const string CodePrefix = "ORG-";
    public const string Source = "Added by the organisation";

    public async Task<(string? Code, List<FieldError> Errors)> HandleAsync(OrganisationFactorInput input, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title)) errors.Add(new("Title", "Give the factor a short name, for example \"Home visits to clients\"."));
        else if (title.Length > 200) errors.Add(new("Title", "The name must be 200 characters or fewer."));
        else if (await db.RiskFactors.AnyAsync(f => f.Title.ToLower() == title.ToLower(), ct)) errors.Add(new("Title", "There is already a factor with that name."));
        var explanation = input.Explanation?.Trim();
        if (string.IsNullOrEmpty(explanation)) errors.Add(new("Explanation", "Explain in a sentence or two why this raises the risk."));
        else if (explanation.Length > 2000) errors.Add(new("Explanation", "Keep the explanation to 2,000 characters or fewer."));
        var controls = input.SuggestedControls?.Trim() ?? "";
        if (controls.Length > 2000) errors.Add(new("SuggestedControls", "Keep the suggested controls to 2,000 characters or fewer."));
        if (errors.Count > 0) return (null, errors);

        var existing = await db.RiskFactors.Where(f => !f.IsBuiltIn).Select(f => f.Code).ToListAsync(ct);
        var next = existing.Select(c => int.TryParse(c.AsSpan(CodePrefix.Length), out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        var code = $"{CodePrefix}{next:D3}";
        db.RiskFactors.Add(new RiskFactor(code, title!, explanation!, controls, Source, builtIn: false, sortOrder: 1000 + next));
        try
        {
            await audit.SaveAsync(db, new AuditEvent("risk-factor.added", "RiskFactor", code, $"Organisation factor {code} \"{title}\" added"), ct);
        }
        catch (DbUpdateException e) when (!Compliance.Core.Data.Providers.DatabaseBusyException.IsIn(e))
        {
            // Someone else took the same code at the same moment; nothing of this one was saved.
            db.ChangeTracker.Clear();
            return (null, [new("", "Another factor was added at the same moment. Please add this one again.")]);
        }
        return (code, []);
    }
}
