using Compliance.Core.Auditing;
using Compliance.Core.Employees;

namespace Compliance.Core.Cases;

public sealed partial class CaseWork
{
    /// <summary>
    /// Places a case under legal hold (a claim, a regulator's inquiry) or lifts it. The reason is kept in the case,
    /// sealed; the audit entry says only who did it.
    /// </summary>
    public Task<List<FieldError>> SetLegalHoldAsync(Guid caseId, CaseActor actor, bool on, string? reason, CancellationToken ct = default) =>
        ChangeAsync(caseId, actor, requireAssigned: true, (c, seal) =>
        {
            var errors = new List<FieldError>();
            var why = TextRules.Required(reason, 2000, "HoldReason", "The reason", errors,
                on ? "Say why the case must be kept, such as a tribunal claim or a regulator's inquiry." : "Say why the hold can be lifted.");
            Refuse(errors);
            c.SetLegalHold(on);
            AddEntry(seal, EntryKind.Note, actor, visibleToReporter: false, [new(on ? "Legal hold placed" : "Legal hold lifted", why!)]);
            return Task.FromResult(on
                ? AuditEvent.For("case.legal-hold-placed", "Case", c.Id, $"Case {c.Reference} placed under legal hold by {actor.Name}")
                : AuditEvent.For("case.legal-hold-lifted", "Case", c.Id, $"Legal hold on case {c.Reference} lifted by {actor.Name}"));
        }, ct);
}
