using System.Security.Cryptography;
using Compliance.Core.Auditing;
using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Scoring;

/// <summary>An action as typed into a form: the step it serves (1 to 8), what, who and by when.</summary>
public sealed record PlanActionInput(string? Step, string? Description, string? Owner, string? DueDate)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Owner) && string.IsNullOrWhiteSpace(DueDate);
}

/// <summary>How an action was completed: the day, what was done, and the evidence (a link, a file, or both).</summary>
public sealed record PlanCompletionInput(string? CompletedOn, string? Note, string? Link, IncomingFile? File);

/// <summary>Adds, starts and completes the action plan's own actions, each change audited.</summary>
public sealed class ActionPlan(ComplianceDbContext db, AuditTrail audit, TimeProvider clock)
{
    private DateOnly Today => UkCalendar.Today(clock);

    /// <summary>Checks one action's fields, naming each field with the prefix given (so a form with several can point at the right one).</summary>
    internal static PlanAction? Parse(PlanActionInput input, PlanSource source, Guid? sourceId, string createdBy, DateOnly today, DateTime nowUtc, string prefix, List<FieldError> errors)
    {
        var before = errors.Count;
        ReasonableStep? step = int.TryParse(input.Step?.Trim(), out var n) && Enum.IsDefined((ReasonableStep)n) ? (ReasonableStep)n : null;
        if (step is null) errors.Add(new(prefix + nameof(input.Step), "Choose the step this action serves."));
        var description = TextRules.Required(input.Description, PlanAction.MaxDescriptionLength, prefix + nameof(input.Description), "The action", errors, "Say what is to be done.");
        var owner = TextRules.Required(input.Owner, PlanAction.MaxOwnerLength, prefix + nameof(input.Owner), "The owner", errors, "Enter who owns the action (a person or a role).");
        var due = UkDates.Parse(input.DueDate);
        if (string.IsNullOrWhiteSpace(input.DueDate)) errors.Add(new(prefix + nameof(input.DueDate), "Enter the date the action is due."));
        else if (due is null) errors.Add(new(prefix + nameof(input.DueDate), $"\"{input.DueDate.Trim()}\" is not a date. Use a date such as 14/03/2027."));
        else if (due < today) errors.Add(new(prefix + nameof(input.DueDate), "The due date cannot be in the past."));
        else if (due > today.AddYears(5)) errors.Add(new(prefix + nameof(input.DueDate), "The due date must be within five years."));
        return errors.Count > before ? null : new PlanAction(step!.Value, description!, owner!, due!.Value, source, sourceId, createdBy, nowUtc);
    }

    /// <summary>An action a case closure asks for, owned by the HR manager until someone takes it on.</summary>
    internal static PlanAction FromCaseClosure(ReasonableStep step, string description, DateOnly due, Guid caseId, DateTime nowUtc) =>
        new(step, description, "HR manager", due, PlanSource.CaseClosure, caseId, "Case closure", nowUtc);

    public async Task<(Guid? Id, List<FieldError> Errors)> AddAsync(PlanActionInput input, string actorName, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var action = Parse(input, PlanSource.Manual, null, actorName, Today, clock.GetUtcNow().UtcDateTime, "", errors);
        if (action is null) return (null, errors);
        db.PlanActions.Add(action);
        await audit.SaveAsync(db, AuditEvent.For("plan.action.added", "PlanAction", action.Id,
            $"Action for step {(int)action.Step} added to the action plan by {actorName}, owned by {action.Owner}, due {UkDates.Long(action.DueDate)}"), ct);
        return (action.Id, errors);
    }

    public async Task<List<FieldError>> StartAsync(Guid id, string actorName, CancellationToken ct = default)
    {
        var action = await db.PlanActions.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (action is null) return [new("", "That action is not in the plan.")];
        try
        {
            action.Start();
        }
        catch (PlanRuleException e)
        {
            return [new(e.Field, e.Message)];
        }
        await audit.SaveAsync(db, AuditEvent.For("plan.action.started", "PlanAction", id, $"Action in the plan started by {actorName}"), ct);
        return [];
    }

    public async Task<List<FieldError>> CompleteAsync(Guid id, PlanCompletionInput input, string actorName, CancellationToken ct = default)
    {
        var action = await db.PlanActions.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (action is null) return [new("", "That action is not in the plan.")];
        var errors = new List<FieldError>();
        var on = UkDates.Parse(input.CompletedOn);
        var created = DateOnly.FromDateTime(UkCalendar.ToUk(action.CreatedAtUtc));
        if (string.IsNullOrWhiteSpace(input.CompletedOn)) errors.Add(new(nameof(input.CompletedOn), "Enter the date the action was completed."));
        else if (on is null) errors.Add(new(nameof(input.CompletedOn), $"\"{input.CompletedOn.Trim()}\" is not a date. Use a date such as 14/03/2027."));
        else if (on > Today) errors.Add(new(nameof(input.CompletedOn), "The completion date cannot be in the future."));
        else if (on < created) errors.Add(new(nameof(input.CompletedOn), $"The action was added on {UkDates.Long(created)}: it cannot have been completed before that."));
        var note = TextRules.Required(input.Note, PlanAction.MaxNoteLength, nameof(input.Note), "The note", errors, "Say what was done to complete the action.");
        var link = TextRules.Optional(input.Link, PlanAction.MaxLinkLength, nameof(input.Link), "The link", errors);
        if (link is not null && !IsEvidenceLink(link)) errors.Add(new(nameof(input.Link), "Enter a web address starting https:// or http://, or a page of this app starting with /."));
        (string, byte[], string)? file = null;
        if (input.File is { } f)
        {
            var (taken, refused) = Attachments.Check([f], 1, PlanAction.MaxFileBytes);
            if (refused.Count > 0) errors.Add(new(nameof(input.File), $"{refused[0].FileName}: {refused[0].Reason}"));
            else file = (Path.GetFileName(taken[0].File.FileName), f.Bytes, Convert.ToHexStringLower(SHA256.HashData(f.Bytes)));
        }
        if (link is null && input.File is null && !errors.Any(e => e.Field is nameof(input.Link) or nameof(input.File)))
        {
            errors.Add(new(nameof(input.Link), "Give the evidence that the action is done: a link, a file, or both."));
        }
        if (errors.Count > 0) return errors;
        try
        {
            action.Complete(on!.Value, note!, link, file);
        }
        catch (PlanRuleException e)
        {
            return [new(e.Field, e.Message)];
        }
        await audit.SaveAsync(db, AuditEvent.For("plan.action.completed", "PlanAction", id,
            $"Action in the plan completed on {UkDates.Long(on!.Value)}, recorded by {actorName}" + (file is { } x ? $"; evidence file SHA-256 {x.Item3}" : "")), ct);
        return [];
    }

    internal static bool IsEvidenceLink(string link) =>
        (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && !link.Contains('\\') && !link.Any(char.IsWhiteSpace))
        || (Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}
