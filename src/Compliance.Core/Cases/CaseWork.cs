using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Core.RiskAssessments;
using Compliance.Core.Scoring;
using Compliance.Core.ThirdParty;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Cases;

/// <summary>The case handler who is acting.</summary>
public sealed record CaseActor(Guid UserId, string Name);

/// <summary>The person may not read or change this case: not assigned to it, or kept out of it.</summary>
public sealed class CaseAccessDeniedException() : Exception("You are not assigned to this case.");

public sealed record TriageInput(Urgency? Urgency, VictimisationRisk? Risk, IReadOnlyList<CaseFlags>? Flags, string? InterimMeasures, string? Notes);

public sealed record OutcomeInput(CaseOutcome? Outcome, string? Reasons, string? ActionsTaken, string? MessageToReporter);

public sealed record CloseInput(bool? RiskAssessmentChangeNeeded, bool? PolicyChangeNeeded, string? Note);

public sealed record EntryView(Guid Id, EntryKind Kind, bool FromReporter, bool VisibleToReporter, DateOnly On, DateTime? AtUtc, string? Author, List<EntrySection> Sections);

public sealed record FileView(Guid Id, string Name, AttachmentKind Kind, long SizeBytes, DateOnly AddedOn, bool FromReporter, string? OriginalSha256, bool HasCleanCopy, string? CleanProblem);

public sealed record PersonOnCase(Guid UserId, string Name, string Detail);

public sealed record CaseReading(string Who, string What, DateTime AtUtc);

/// <summary>Everything an assigned handler sees of a case, opened with the case's key.</summary>
public sealed record CaseView(ReportCase Case, string? SiteName, List<EntryView> Entries, List<FileView> Files, List<PersonOnCase> Handlers,
    List<PersonOnCase> Excluded, List<CaseReading> Readings, List<CaseDeadline> Deadlines, List<(Guid Id, string Title)> SiteAssessments, bool NewFromReporter);

/// <summary>
/// A case handler's work on a case. Only handlers assigned to it, and not kept out of it, read or change it;
/// every reading of its content and every download is written to the audit trail. Each change takes the
/// case's row lock, so two handlers' changes happen one after the other.
/// </summary>
public sealed partial class CaseWork(ComplianceDbContext db, CaseKeyring keyring, CaseFileStore files, AuditTrail audit, LogIncident logIncident,
    ReporterNotices reporterNotices, IOptions<CaseOptions> options, TimeProvider clock)
{
    private CaseOptions O => options.Value;
    private DateOnly Today => UkCalendar.Today(clock);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<bool> IsExcludedAsync(Guid caseId, Guid userId, CancellationToken ct = default) =>
        await db.CaseExclusions.AnyAsync(x => x.CaseId == caseId && x.UserId == userId, ct);

    /// <summary>Assigned and not kept out: the only way to read a case's content.</summary>
    public async Task<bool> MayReadAsync(Guid caseId, Guid userId, CancellationToken ct = default) =>
        !await IsExcludedAsync(caseId, userId, ct) && await db.CaseAssignments.AnyAsync(a => a.CaseId == caseId && a.UserId == userId, ct);

    /// <summary>Opens the case for an assigned handler and records the reading.</summary>
    public async Task<CaseView?> ReadAsync(Guid caseId, CaseActor actor, CancellationToken ct = default)
    {
        var c = await db.ReportCases.SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null) return null;
        if (!await MayReadAsync(caseId, actor.UserId, ct)) throw new CaseAccessDeniedException();
        var newFromReporter = c.ReporterActivityUnread;
        c.OpenedByHandler();
        await audit.SaveAsync(db, AuditEvent.For("case.opened", "Case", c.Id, $"Case {c.Reference} opened by {actor.Name}"), ct);

        var seal = new CaseSeal(c.Id, keyring.Unwrap(c.WrappedDataKey));
        var entries = (await db.CaseEntries.Where(e => e.CaseId == caseId).ToListAsync(ct))
            .OrderBy(e => e.Number)
            .Select(e => new EntryView(e.Id, e.Kind, e.FromReporter, e.VisibleToReporter, e.WrittenOn, e.WrittenAtUtc, e.AuthorName, seal.Read(e)))
            .ToList();
        var fileRows = await db.CaseFiles.Where(f => f.CaseId == caseId).OrderBy(f => f.AddedOn).ToListAsync(ct);
        var fileViews = fileRows.Select(f => new FileView(f.Id, seal.ReadName(f), f.Kind, f.SizeBytes, f.AddedOn, f.FromReporter, f.OriginalSha256, f.HasCleanCopy, f.CleanProblem)).ToList();
        var handlers = await (from a in db.CaseAssignments
                              join u in db.Users on a.UserId equals u.Id
                              where a.CaseId == caseId
                              orderby a.AssignedAtUtc
                              select new { a.UserId, u.DisplayName, a.AssignedAtUtc, a.AssignedBy }).ToListAsync(ct);
        var excluded = await (from x in db.CaseExclusions
                              join u in db.Users on x.UserId equals u.Id
                              where x.CaseId == caseId
                              select new { x.UserId, u.DisplayName, x.Reason, x.RecordedOn }).ToListAsync(ct);
        var id = caseId.ToString();
        var readings = await db.AuditEntries.Where(a => a.EntityType == "Case" && a.EntityId == id && (a.Action == "case.opened" || a.Action == "case.file-downloaded"))
            .OrderByDescending(a => a.Sequence).Take(50)
            .Select(a => new CaseReading(a.ActorName, a.Action == "case.opened" ? "Opened the case" : "Downloaded a file", a.OccurredAtUtc)).ToListAsync(ct);
        var siteName = c.SiteId is null ? null : await db.Sites.Where(s => s.Id == c.SiteId).Select(s => s.Name).SingleOrDefaultAsync(ct);
        var assessments = c.SiteId is null ? [] : (await db.RiskAssessments.Where(a => a.Scope == AssessmentScope.Site && a.SiteId == c.SiteId)
            .OrderBy(a => a.Title).Select(a => new { a.Id, a.Title }).ToListAsync(ct)).Select(a => (a.Id, a.Title)).ToList();
        return new CaseView(c, siteName, entries, fileViews,
            [.. handlers.Select(h => new PersonOnCase(h.UserId, h.DisplayName, $"since {UkDates.Long(h.AssignedAtUtc)}, assigned by {h.AssignedBy}"))],
            [.. excluded.Select(x => new PersonOnCase(x.UserId, x.DisplayName, $"{x.Reason.Label()} ({UkDates.Long(x.RecordedOn)})"))],
            readings, CaseDeadlines.Open(c, O), assessments, newFromReporter);
    }

    /// <summary>A file's name and bytes for an assigned handler; the download is recorded.</summary>
    /// <summary>
    /// A file for an assigned handler: the copy without the maker's metadata (camera, owner, GPS position, author),
    /// or, when asked for, the original exactly as it arrived. Both are audited, the original by name.
    /// </summary>
    public async Task<(string Name, byte[] Bytes)?> DownloadAsync(Guid caseId, Guid fileId, CaseActor actor, CancellationToken ct = default, bool original = false)
    {
        var c = await db.ReportCases.SingleOrDefaultAsync(x => x.Id == caseId, ct);
        var file = await db.CaseFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.CaseId == caseId, ct);
        if (c is null || file is null) return null;
        if (!await MayReadAsync(caseId, actor.UserId, ct)) throw new CaseAccessDeniedException();
        var seal = new CaseSeal(c.Id, keyring.Unwrap(c.WrappedDataKey));
        var servesOriginal = original || !file.HasCleanCopy;
        var bytes = await files.ReadAsync(db, file, seal.DataKey, ct, original: servesOriginal);
        // Recorded by what was served: a file that could not be cleaned is the original, with its metadata.
        await audit.SaveAsync(db, servesOriginal
            ? AuditEvent.For("case.original-file-downloaded", "Case", c.Id, $"The original of a file of case {c.Reference}, with its metadata, downloaded by {actor.Name}")
            : AuditEvent.For("case.file-downloaded", "Case", c.Id, $"A file of case {c.Reference} downloaded by {actor.Name}"), ct);
        return (seal.ReadName(file), bytes);
    }

    /// <summary>A handler takes a case that has no active handler (and that they are not kept out of).</summary>
    public Task<List<FieldError>> TakeAsync(Guid caseId, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(caseId, actor, requireAssigned: false, async (c, _) =>
        {
            if (await IsExcludedAsync(caseId, actor.UserId, ct)) throw new CaseAccessDeniedException();
            var active = CaseHandlers.Active(db).Select(u => u.Id);
            if (await db.CaseAssignments.AnyAsync(a => a.CaseId == caseId && active.Contains(a.UserId), ct))
            {
                throw new CaseRuleException("This case already has a handler. Ask them to add you if you should work on it.");
            }
            db.CaseAssignments.Add(new CaseAssignment(caseId, actor.UserId, Now, actor.Name));
            return AuditEvent.For("case.taken", "Case", c.Id, $"Case {c.Reference} taken by {actor.Name}");
        }, ct);

    /// <summary>An assigned handler adds another handler to the case.</summary>
    public Task<List<FieldError>> AssignAsync(Guid caseId, CaseActor actor, Guid? handlerId, CancellationToken ct = default) =>
        ChangeAsync(caseId, actor, requireAssigned: true, async (c, _) =>
        {
            var handler = handlerId is null ? null : await CaseHandlers.Active(db).Where(u => u.Id == handlerId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
            if (handler is null) throw new CaseRuleException("Choose a case handler from the list.", "HandlerId");
            if (await IsExcludedAsync(caseId, handlerId!.Value, ct)) throw new CaseRuleException($"{handler} is kept out of this case and cannot be assigned.", "HandlerId");
            if (await db.CaseAssignments.AnyAsync(a => a.CaseId == caseId && a.UserId == handlerId, ct)) throw new CaseRuleException($"{handler} is already assigned.", "HandlerId");
            db.CaseAssignments.Add(new CaseAssignment(caseId, handlerId.Value, Now, actor.Name));
            return AuditEvent.For("case.assigned", "Case", c.Id, $"{handler} assigned to case {c.Reference} by {actor.Name}");
        }, ct);

    /// <summary>A handler says they have a conflict: they leave the case and can no longer open it.</summary>
    public Task<List<FieldError>> DeclareConflictAsync(Guid caseId, CaseActor actor, CancellationToken ct = default) =>
        ChangeAsync(caseId, actor, requireAssigned: false, async (c, _) =>
        {
            await KeepOutAsync(caseId, actor.UserId, ExclusionReason.DeclaredConflict, ct);
            return AuditEvent.For("case.conflict-declared", "Case", c.Id, $"{actor.Name} declared a conflict of interest in case {c.Reference}");
        }, ct);

    /// <summary>An assigned handler records that another handler is named in the report: they are taken off and kept out.</summary>
    public Task<List<FieldError>> ExcludeNamedAsync(Guid caseId, CaseActor actor, Guid? handlerId, CancellationToken ct = default) =>
        ChangeAsync(caseId, actor, requireAssigned: true, async (c, _) =>
        {
            var name = handlerId is null ? null : await db.Users.Where(u => u.Id == handlerId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
            if (name is null) throw new CaseRuleException("Choose a person from the list.", "ExcludeId");
            if (handlerId == actor.UserId) throw new CaseRuleException("If you are named in the report, declare a conflict instead.", "ExcludeId");
            await KeepOutAsync(caseId, handlerId!.Value, ExclusionReason.NamedInReport, ct);
            return AuditEvent.For("case.handler-excluded", "Case", c.Id, $"{name} kept out of case {c.Reference} by {actor.Name}");
        }, ct);

    private async Task KeepOutAsync(Guid caseId, Guid userId, ExclusionReason reason, CancellationToken ct)
    {
        if (await IsExcludedAsync(caseId, userId, ct)) throw new CaseRuleException("That person is already kept out of this case.");
        db.CaseExclusions.Add(new CaseExclusion(caseId, userId, reason, Today));
        await db.CaseAssignments.Where(a => a.CaseId == caseId && a.UserId == userId).ExecuteDeleteAsync(ct);
    }

    public Task<List<FieldError>> AcknowledgeAsync(Guid caseId, CaseActor actor, string? message, CancellationToken ct = default) =>
        ChangeAsync(caseId, actor, requireAssigned: true, (c, seal) =>
        {
            var errors = new List<FieldError>();
            var text = TextRules.Required(message, 4000, "Message", "The message", errors, "Write the acknowledgement the reporter will read.");
            Refuse(errors);
            c.Acknowledge(Today);
            AddEntry(seal, EntryKind.Acknowledgement, actor, visibleToReporter: true, [new("Message", text!)]);
            return Task.FromResult(AuditEvent.For("case.acknowledged", "Case", c.Id, $"Case {c.Reference} acknowledged by {actor.Name}"));
        }, ct);

    public Task<List<FieldError>> TriageAsync(Guid caseId, CaseActor actor, TriageInput input, CancellationToken ct = default) =>
        ChangeAsync(caseId, actor, requireAssigned: true, (c, seal) =>
        {
            var errors = new List<FieldError>();
            if (input.Urgency is null || !Enum.IsDefined(input.Urgency.Value)) errors.Add(new("Urgency", "Choose how urgent the case is."));
            if (input.Risk is null || !Enum.IsDefined(input.Risk.Value)) errors.Add(new("Risk", "Choose the risk of victimisation."));
            var flags = CaseFlags.None;
            foreach (var f in input.Flags ?? [])
            {
                if (!CaseLabels.Flags.Contains(f)) errors.Add(new("Flags", "Choose flags from the list."));
                else flags |= f;
            }
            var measures = TextRules.Optional(input.InterimMeasures, 4000, "InterimMeasures", "Interim measures", errors);
            var notes = TextRules.Optional(input.Notes, 4000, "Notes", "Triage notes", errors);
            Refuse(errors);
            c.Triage(Today, input.Urgency!.Value, input.Risk!.Value, flags);
            AddEntry(seal, EntryKind.Triage, actor, visibleToReporter: false, [
                new("Urgency", c.Urgency!.Value.Label()), new("Risk of victimisation", c.VictimisationRisk!.Value.Label()),
                new("Flags", flags.Describe()), new("Interim measures to protect the reporter", measures ?? "None"), new("Notes", notes ?? "")]);
            return Task.FromResult(AuditEvent.For("case.triaged", "Case", c.Id,
                $"Case {c.Reference} triaged by {actor.Name}: {c.Urgency.Value.Label().ToLowerInvariant()}, victimisation risk {c.VictimisationRisk.Value.Label().ToLowerInvariant()}"));
        }, ct);

    public Task<List<FieldError>> ChooseRouteAsync(Guid caseId, CaseActor actor, CaseRoute? route, string? reason, CancellationToken ct = default) =>
        ChangeAsync(caseId, actor, requireAssigned: true, (c, seal) =>
        {
            var errors = new List<FieldError>();
            if (route is null || !Enum.IsDefined(route.Value)) errors.Add(new("Route", "Choose informal resolution or a formal investigation."));
            var why = TextRules.Optional(reason, 4000, "Reason", "The reason", errors);
            Refuse(errors);
            c.ChooseRoute(route!.Value);
            AddEntry(seal, EntryKind.Note, actor, visibleToReporter: false, [new("Route chosen", route.Value.Label()), new("Why", why ?? "")]);
            return Task.FromResult(AuditEvent.For("case.route-chosen", "Case", c.Id, $"Case {c.Reference}: {route.Value.Label().ToLowerInvariant()} chosen by {actor.Name}"));
        }, ct);

    /// <summary>A meeting, a piece of evidence, a finding or a note on the case's record.</summary>
    public Task<List<FieldError>> AddRecordAsync(Guid caseId, CaseActor actor, EntryKind? kind, string? heldOn, string? text, CancellationToken ct = default) =>
        ChangeAsync(caseId, actor, requireAssigned: true, (c, seal) =>
        {
            var errors = new List<FieldError>();
            if (kind is not (EntryKind.Meeting or EntryKind.Evidence or EntryKind.Finding or EntryKind.Note)) errors.Add(new("Kind", "Choose what you are recording."));
            DateOnly? on = null;
            if (!string.IsNullOrWhiteSpace(heldOn))
            {
                on = EmployeeValidator.ParseDate(heldOn);
                if (on is null) errors.Add(new("HeldOn", "Enter the date as a UK date, such as 31/03/2026 or 31 March 2026."));
                else if (on > Today) errors.Add(new("HeldOn", "The date is in the future."));
            }
            var body = TextRules.Required(text, SubmitReport.MaxTextLength, "Text", "The record", errors, "Write what happened, what was found or what was decided.");
            Refuse(errors);
            AddEntry(seal, kind!.Value, actor, visibleToReporter: false, [new("Date", (on is { } d ? UkDates.Long(d) : "")), new("Record", body!)]);
            return Task.FromResult(AuditEvent.For("case.record-added", "Case", c.Id, $"{kind.Value.Label()} recorded on case {c.Reference} by {actor.Name}"));
        }, ct);

    /// <summary>A message the reporter reads at follow-up; after closure, only check-ins.</summary>
    public Task<List<FieldError>> MessageAsync(Guid caseId, CaseActor actor, string? message, bool givesFeedback, bool checkIn, CancellationToken ct = default) =>
        ChangeAsync(caseId, actor, requireAssigned: true, (c, seal) =>
        {
            var errors = new List<FieldError>();
            var text = TextRules.Required(message, 4000, "Message", "The message", errors, "Write the message the reporter will read.");
            Refuse(errors);
            var kind = checkIn ? EntryKind.CheckIn : EntryKind.HandlerMessage;
            c.MessageSent(Today, kind, givesFeedback);
            AddEntry(seal, kind, actor, visibleToReporter: true, [new("Message", text!)]);
            return Task.FromResult(AuditEvent.For(checkIn ? "case.check-in-sent" : "case.message-sent", "Case", c.Id,
                $"{(checkIn ? "Check-in" : "Message")} sent to the reporter of case {c.Reference} by {actor.Name}{(givesFeedback ? " (feedback)" : "")}"));
        }, ct);

    public Task<List<FieldError>> RecordOutcomeAsync(Guid caseId, CaseActor actor, OutcomeInput input, CancellationToken ct = default) =>
        ChangeAsync(caseId, actor, requireAssigned: true, (c, seal) =>
        {
            var errors = new List<FieldError>();
            if (input.Outcome is null || !Enum.IsDefined(input.Outcome.Value)) errors.Add(new("Outcome", "Choose the outcome."));
            var reasons = TextRules.Required(input.Reasons, 8000, "Reasons", "The reasons", errors, "Give the reasons for the outcome.");
            var actions = TextRules.Optional(input.ActionsTaken, 8000, "ActionsTaken", "The actions taken", errors);
            var message = TextRules.Optional(input.MessageToReporter, 4000, "MessageToReporter", "The message", errors);
            Refuse(errors);
            c.RecordOutcome(Today, input.Outcome!.Value);
            AddEntry(seal, EntryKind.Outcome, actor, visibleToReporter: false, [
                new("Outcome", input.Outcome.Value.Label()), new("Reasons", reasons!), new("Actions taken", actions ?? "None recorded")]);
            if (message is not null)
            {
                c.MessageSent(Today, EntryKind.HandlerMessage, givesFeedback: true);
                AddEntry(seal, EntryKind.HandlerMessage, actor, visibleToReporter: true, [new("Message", message)]);
            }
            return Task.FromResult(AuditEvent.For("case.outcome-recorded", "Case", c.Id, $"Outcome of case {c.Reference} recorded by {actor.Name}: {input.Outcome.Value.Label()}"));
        }, ct);

    public Task<List<FieldError>> LodgeAppealAsync(Guid caseId, CaseActor actor, string? grounds, CancellationToken ct = default) =>
        ChangeAsync(caseId, actor, requireAssigned: true, (c, seal) =>
        {
            var errors = new List<FieldError>();
            var text = TextRules.Required(grounds, 8000, "Grounds", "The grounds", errors, "Give the grounds of the appeal.");
            Refuse(errors);
            c.LodgeAppeal(Today);
            AddEntry(seal, EntryKind.Appeal, actor, visibleToReporter: false, [new("Grounds of appeal", text!)]);
            return Task.FromResult(AuditEvent.For("case.appeal-lodged", "Case", c.Id, $"Appeal on case {c.Reference} recorded by {actor.Name}"));
        }, ct);

    public Task<List<FieldError>> DecideAppealAsync(Guid caseId, CaseActor actor, AppealResult? result, CaseOutcome? newOutcome, string? reasons, CancellationToken ct = default) =>
        ChangeAsync(caseId, actor, requireAssigned: true, (c, seal) =>
        {
            var errors = new List<FieldError>();
            if (result is null || !Enum.IsDefined(result.Value)) errors.Add(new("Result", "Choose whether the appeal is upheld or dismissed."));
            if (newOutcome is { } n && !Enum.IsDefined(n)) errors.Add(new("NewOutcome", "Choose an outcome from the list."));
            var why = TextRules.Required(reasons, 8000, "AppealReasons", "The reasons", errors, "Give the reasons for the decision.");
            Refuse(errors);
            c.DecideAppeal(Today, result!.Value, result == AppealResult.Upheld ? newOutcome : null);
            AddEntry(seal, EntryKind.AppealDecision, actor, visibleToReporter: false, [
                new("Decision", result.Value.Label()), new("Outcome now", c.Outcome!.Value.Label()), new("Reasons", why!)]);
            return Task.FromResult(AuditEvent.For("case.appeal-decided", "Case", c.Id, $"Appeal on case {c.Reference} decided by {actor.Name}: {result.Value.Label().ToLowerInvariant()}"));
        }, ct);

    /// <summary>
    /// Closes the case: sets the check-in dates, and records whether the risk assessment or policy must change.
    /// A "yes" for the risk assessment flags the site's assessments for review (without any case detail).
    /// </summary>
    public Task<List<FieldError>> CloseAsync(Guid caseId, CaseActor actor, CloseInput input, CancellationToken ct = default) =>
        ChangeAsync(caseId, actor, requireAssigned: true, async (c, seal) =>
        {
            var errors = new List<FieldError>();
            if (input.RiskAssessmentChangeNeeded is null) errors.Add(new("RiskAssessmentChangeNeeded", "Say whether the risk assessment must change."));
            if (input.PolicyChangeNeeded is null) errors.Add(new("PolicyChangeNeeded", "Say whether the policy must change."));
            var note = TextRules.Optional(input.Note, 4000, "Note", "The note", errors);
            Refuse(errors);
            c.Close(Today, O.CheckInMonthsAfterClosure, input.RiskAssessmentChangeNeeded!.Value, input.PolicyChangeNeeded!.Value);
            AddEntry(seal, EntryKind.Closure, actor, visibleToReporter: false, [
                new("Risk assessment must change", input.RiskAssessmentChangeNeeded.Value ? "Yes" : "No"),
                new("Policy must change", input.PolicyChangeNeeded.Value ? "Yes" : "No"),
                new("Check-ins due", string.Join(", ", c.CheckInDates.Select(d => d.ToString("d MMMM yyyy")))),
                new("Note", note ?? "")]);
            if (input.RiskAssessmentChangeNeeded.Value && c.SiteId is { } siteId)
            {
                await RiskQueries.FlagSiteForReviewAsync(db, siteId, $"A closed case on {UkDates.Long(Today)} asked for a review", Now, ct);
            }
            // The plan carries only the day and the site, never a word of the case.
            var due = Today.AddDays(O.ChangeActionWithinDays);
            if (input.RiskAssessmentChangeNeeded.Value)
            {
                var site = c.SiteId is null ? null : await db.Sites.Where(s => s.Id == c.SiteId).Select(s => s.Name).SingleOrDefaultAsync(ct);
                db.PlanActions.Add(ActionPlan.FromCaseClosure(ReasonableStep.RiskAssessment,
                    $"Review the risk assessment{(site is null ? "" : $" for {site}")}: a case closed on {UkDates.Long(Today)} asked for a change.", due, c.Id, Now));
            }
            if (input.PolicyChangeNeeded.Value)
            {
                db.PlanActions.Add(ActionPlan.FromCaseClosure(ReasonableStep.Policy, $"Review the anti-harassment policy: a case closed on {UkDates.Long(Today)} asked for a change.", due, c.Id, Now));
            }
            return AuditEvent.For("case.closed", "Case", c.Id, $"Case {c.Reference} closed by {actor.Name}" +
                $"{(input.RiskAssessmentChangeNeeded.Value ? "; risk assessment to change" : "")}{(input.PolicyChangeNeeded.Value ? "; policy to change" : "")}");
        }, ct);

    /// <summary>Files a handler adds to the case (meeting notes, evidence), sealed like the reporter's.</summary>
    public async Task<(List<FieldError> Errors, List<RefusedFile> Refused)> AddFilesAsync(Guid caseId, CaseActor actor, IReadOnlyList<IncomingFile> incoming, CancellationToken ct = default)
    {
        var (taken, refused) = Attachments.Check(incoming, O.MaxFilesPerSubmission, O.MaxFileBytes);
        if (incoming.Count == 0) return ([new("Files", "Choose a file to add.")], []);
        if (taken.Count == 0) return ([], refused);
        var prepared = CaseFileStore.Prepare(taken);
        var errors = await ChangeAsync(caseId, actor, requireAssigned: true, async (c, seal) =>
        {
            await files.AttachAsync(db, seal, prepared, Today, fromReporter: false, ct);
            return AuditEvent.For("case.files-added", "Case", c.Id, $"{taken.Count} file(s) added to case {c.Reference} by {actor.Name}");
        }, ct);
        return (errors, refused);
    }

    /// <summary>Logs the third party's harassment in the incident log (in the handler's own words) and links it to the case.</summary>
    public async Task<List<FieldError>> LogIncidentAsync(Guid caseId, CaseActor actor, LogIncidentInput input, CancellationToken ct = default)
    {
        if (!await MayReadAsync(caseId, actor.UserId, ct)) throw new CaseAccessDeniedException();
        if (await db.ReportCases.Where(c => c.Id == caseId).Select(c => c.ThirdPartyIncidentId).SingleOrDefaultAsync(ct) is not null)
        {
            return [new("", "This case is already linked to a third-party incident.")];
        }
        var (incidentId, errors) = await logIncident.HandleAsync(input, new IncidentLogger(actor.UserId, actor.Name, LimitedToOwnSites: false), ct);
        if (errors.Count > 0) return errors;
        return await ChangeAsync(caseId, actor, requireAssigned: true, (c, _) =>
        {
            c.LinkIncident(incidentId!.Value);
            return Task.FromResult(AuditEvent.For("case.incident-linked", "Case", c.Id, $"Case {c.Reference} linked to third-party incident {incidentId} by {actor.Name}"));
        }, ct);
    }

    private void AddEntry(CaseSeal seal, EntryKind kind, CaseActor actor, bool visibleToReporter, IEnumerable<EntrySection> sections)
    {
        var entry = new CaseEntry(seal.CaseId, kind, fromReporter: false, visibleToReporter, Today, Now, actor.UserId, actor.Name);
        seal.Write(entry, sections);
        db.CaseEntries.Add(entry);
    }

    private static void Refuse(List<FieldError> errors)
    {
        if (errors.Count > 0) throw new FieldErrorsException(errors);
    }

    /// <summary>One change under the case's row lock, saved with its audit entry; a refused change saves nothing.</summary>
    private async Task<List<FieldError>> ChangeAsync(Guid caseId, CaseActor actor, bool requireAssigned, Func<ReportCase, CaseSeal, Task<AuditEvent>> change, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Dialect.LockRowsAsync(db, $"SELECT 1 FROM report_cases WHERE id = {caseId}", ct);
        var c = await db.ReportCases.SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null) return [new("", "That case no longer exists.")];
        if (requireAssigned && !await MayReadAsync(caseId, actor.UserId, ct)) throw new CaseAccessDeniedException();
        try
        {
            var seal = new CaseSeal(c.Id, keyring.Unwrap(c.WrappedDataKey));
            var done = await change(c, seal);
            // A message the reporter can read: a reporter who asked is told that one is waiting, in the same transaction.
            if (db.ChangeTracker.Entries<CaseEntry>().Any(e => e.State == EntityState.Added && e.Entity.VisibleToReporter && !e.Entity.FromReporter))
            {
                await reporterNotices.QueueAsync(c, seal, ct);
            }
            await audit.SaveAsync(db, done, ct);
            await tx.CommitAsync(ct);
            return [];
        }
        catch (CaseRuleException ex)
        {
            db.ChangeTracker.Clear();
            return [new(ex.Field, ex.Message)];
        }
        catch (FieldErrorsException ex)
        {
            db.ChangeTracker.Clear();
            return ex.Errors;
        }
    }

    private sealed class FieldErrorsException(List<FieldError> errors) : Exception("The input was refused.")
    {
        public List<FieldError> Errors { get; } = errors;
    }
}
