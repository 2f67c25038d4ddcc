using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Scoring;

/// <summary>The legal standard on one day: the duty in force, and the provisions in force and still to come.</summary>
public sealed record LegalStandard(DateOnly Day, string Duty, bool ThirdPartyLiability, IReadOnlyList<LegalProvision> InForce, IReadOnlyList<LegalProvision> NotYet)
{
    /// <summary>The standard in one sentence, for a page heading or the evidence pack's cover.</summary>
    public string Summary => Duty switch
    {
        LegalTimeline.NoDuty => "No specific duty to prevent sexual harassment was in force.",
        _ => $"The duty to take {Duty.ToLowerInvariant()} to prevent sexual harassment" + (ThirdPartyLiability ? ", with liability for harassment by third parties." : "."),
    };
}

public sealed record ChangeProvisionInput(string? Key, string? EffectiveFrom, ProvisionStatus? Status, string? Note);

/// <summary>
/// The legal standard by date, from the provisions an administrator keeps (see <see cref="LegalProvision"/>): the
/// position page shows today's, and the evidence pack each day's of its period.
/// </summary>
public sealed class LegalTimeline(ComplianceDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const string NoDuty = "No specific duty";

    public Task<List<LegalProvision>> ProvisionsAsync(CancellationToken ct = default) =>
        db.LegalProvisions.AsNoTracking().OrderBy(p => p.EffectiveFrom == null).ThenBy(p => p.EffectiveFrom).ThenBy(p => p.Key).ToListAsync(ct);

    public async Task<LegalStandard> StandardOnAsync(DateOnly day, CancellationToken ct = default) => StandardOn(await ProvisionsAsync(ct), day);

    /// <summary>The standard on a day: "all reasonable steps" once that is in force, "reasonable steps" before, and no duty before either.</summary>
    public static LegalStandard StandardOn(IReadOnlyList<LegalProvision> provisions, DateOnly day)
    {
        bool On(string key) => provisions.Any(p => p.Key == key && p.InForceOn(day));
        var all = On(LegalKeys.AllReasonableSteps);
        var duty = all ? "All reasonable steps" : On(LegalKeys.ReasonableSteps) ? "Reasonable steps" : NoDuty;
        return new LegalStandard(day, duty, all, [.. provisions.Where(p => p.InForceOn(day))], [.. provisions.Where(p => !p.InForceOn(day))]);
    }

    /// <summary>Changes a provision's date or status, audited with what it was and what it became.</summary>
    public async Task<List<FieldError>> ChangeAsync(ChangeProvisionInput input, string byName, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var provision = await db.LegalProvisions.SingleOrDefaultAsync(p => p.Key == input.Key, ct);
        if (provision is null)
        {
            errors.Add(new("", "There is no such provision."));
            return errors;
        }
        DateOnly? from = null;
        if (!string.IsNullOrWhiteSpace(input.EffectiveFrom))
        {
            from = UkDates.Parse(input.EffectiveFrom);
            if (from is null) errors.Add(new(nameof(input.EffectiveFrom), $"\"{input.EffectiveFrom.Trim()}\" is not a date. Use a date such as 1/10/2026."));
            else if (from < new DateOnly(2010, 10, 1) || from > new DateOnly(2100, 12, 31))
                errors.Add(new(nameof(input.EffectiveFrom), "The date must be between 1 October 2010 (when the Equality Act 2010 began) and 2100."));
        }
        if (input.Status is not { } status || !Enum.IsDefined(status)) errors.Add(new(nameof(input.Status), "Choose whether it is in force or planned."));
        else if (status == ProvisionStatus.InForce && from is null && errors.Count == 0)
            errors.Add(new(nameof(input.EffectiveFrom), "A provision in force needs the date it came into force."));
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > LegalProvision.MaxNoteLength }) errors.Add(new(nameof(input.Note), $"The note must be {LegalProvision.MaxNoteLength} characters or fewer."));
        if (errors.Count > 0) return errors;

        var before = provision.Describe();
        provision.Change(from, input.Status!.Value, note, byName, clock.GetUtcNow().UtcDateTime);
        var after = provision.Describe();
        await audit.SaveAsync(db, AuditEvent.For("legal.provision.changed", "LegalProvision", provision.Id,
            $"\"{provision.Title}\": was {before}, now {after}" + (note is null ? "" : $" ({note})")), ct);
        return errors;
    }
}
