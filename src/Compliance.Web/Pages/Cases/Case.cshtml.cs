using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Core.ThirdParty;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Pages.Cases;

/// <summary>
/// One case, for the handlers assigned to it. Every showing of the page is a reading of the case, written to
/// the audit trail; a handler who is not assigned, or is kept out, gets 403.
/// </summary>
public sealed class CaseModel(ComplianceDbContext db, CaseWork work, IOptions<CaseOptions> options, TimeProvider clock) : PageModel
{
    public const string DefaultAcknowledgement =
        "Thank you for your report. We have received it and will look at it carefully. We will write to you here with what happens next. " +
        "If you feel unsafe, or something else happens, tell us here at any time.";

    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public string? AckMessage { get; set; }
    [BindProperty] public TriageForm Triage { get; set; } = new();
    [BindProperty] public CaseRoute? Route { get; set; }
    [BindProperty] public string? RouteReason { get; set; }
    [BindProperty] public RecordForm Record { get; set; } = new();
    [BindProperty] public MessageForm Message { get; set; } = new();
    [BindProperty] public OutcomeForm Outcome { get; set; } = new();
    [BindProperty] public string? Grounds { get; set; }
    [BindProperty] public AppealForm Appeal { get; set; } = new();
    [BindProperty] public CloseForm Close { get; set; } = new();
    [BindProperty] public Guid? HandlerId { get; set; }
    [BindProperty] public Guid? ExcludeId { get; set; }
    [BindProperty] public IncidentForm Incident { get; set; } = new();
    [BindProperty] public string? HoldReason { get; set; }
    [BindProperty] public bool ConfirmLift { get; set; }

    /// <summary>Lifting the hold was asked for with a reason, and waits for a yes: the case may be purged straight after.</summary>
    public bool ConfirmingLift { get; private set; }

    /// <summary>The first day this case may be purged, once closed and not held; null while it is open.</summary>
    public DateOnly? PurgeFrom => View.Case.ClosedOn is { } closed ? CasePurge.FirstPurgeDay(closed, Limits.RetentionYears) : null;

    /// <summary>When the purge would take this case, in words: "from 2 January 2027", "at the next nightly purge…".</summary>
    public string PurgeWhen => PurgeFrom switch
    {
        null => $"{Limits.RetentionYears} years after it is closed",
        { } from when from <= Today => "at the next nightly purge, as its retention period has ended",
        { } from => $"from {Core.Reminders.ReminderText.Date(from)}",
    };

    public CaseView View { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public List<(Guid Id, string Name)> OtherHandlers { get; private set; } = [];
    public List<(Guid Id, string Name)> Sites { get; private set; } = [];
    public List<RefusedFile> RefusedFiles { get; private set; } = [];
    public CaseOptions Limits => options.Value;

    private CaseActor Actor => new(CurrentUser.Id(User), CurrentUser.DisplayName(User));
    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync()
    {
        AckMessage = DefaultAcknowledgement;
        return await ShowAsync();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync() => ActAsync(a => work.AcknowledgeAsync(Id, a, AckMessage, Ct), "", "Acknowledged. The reporter will see your message at follow-up.", f => f == "Message" ? "AckMessage" : f);

    public Task<IActionResult> OnPostTriageAsync() => ActAsync(a => work.TriageAsync(Id, a,
        new TriageInput(Triage.Urgency, Triage.Risk, Triage.Flags, Triage.InterimMeasures, Triage.Notes), Ct), "Triage", "Triage recorded.");

    public Task<IActionResult> OnPostRouteAsync() => ActAsync(a => work.ChooseRouteAsync(Id, a, Route, RouteReason, Ct), "", "Route recorded.",
        f => f == "Reason" ? "RouteReason" : f);

    public Task<IActionResult> OnPostRecordAsync() => ActAsync(a => work.AddRecordAsync(Id, a, Record.Kind, Record.HeldOn, Record.Text, Ct), "Record", "Added to the case record.");

    public Task<IActionResult> OnPostMessageAsync() => ActAsync(a => work.MessageAsync(Id, a, Message.Text, Message.GivesFeedback, Message.CheckIn, Ct), "Message",
        "Message sent. The reporter will see it at follow-up.", f => "Text");

    public Task<IActionResult> OnPostOutcomeAsync() => ActAsync(a => work.RecordOutcomeAsync(Id, a,
        new OutcomeInput(Outcome.Outcome, Outcome.Reasons, Outcome.ActionsTaken, Outcome.MessageToReporter), Ct), "Outcome", "Outcome recorded.");

    public Task<IActionResult> OnPostAppealAsync() => ActAsync(a => work.LodgeAppealAsync(Id, a, Grounds, Ct), "", "Appeal recorded.");

    public Task<IActionResult> OnPostDecideAppealAsync() => ActAsync(a => work.DecideAppealAsync(Id, a, Appeal.Result, Appeal.NewOutcome, Appeal.Reasons, Ct), "Appeal",
        "Appeal decision recorded.", f => f == "AppealReasons" ? "Reasons" : f);

    public Task<IActionResult> OnPostCloseAsync() => ActAsync(a => work.CloseAsync(Id, a, new CloseInput(Close.RiskAssessmentChangeNeeded, Close.PolicyChangeNeeded, Close.Note), Ct),
        "Close", "Case closed. Check-ins with the reporter are now due on the dates shown.");

    public Task<IActionResult> OnPostAssignAsync() => ActAsync(a => work.AssignAsync(Id, a, HandlerId, Ct), "", "Handler added to the case.");

    public Task<IActionResult> OnPostExcludeAsync() => ActAsync(a => work.ExcludeNamedAsync(Id, a, ExcludeId, Ct), "", "That person is now kept out of this case.");

    public Task<IActionResult> OnPostHoldAsync() => ActAsync(a => work.SetLegalHoldAsync(Id, a, true, HoldReason, Ct), "",
        "The case is under legal hold: it will not be purged, however old, until the hold is lifted.");

    public async Task<IActionResult> OnPostLiftHoldAsync()
    {
        if (!ConfirmLift && !string.IsNullOrWhiteSpace(HoldReason))
        {
            ConfirmingLift = true;
            return await ShowAsync();
        }
        return await ActAsync(a => work.SetLegalHoldAsync(Id, a, false, HoldReason, Ct), "",
            "Legal hold lifted. The date the case may be purged is shown under Legal hold.");
    }

    public async Task<IActionResult> OnPostConflictAsync()
    {
        var errors = await work.DeclareConflictAsync(Id, Actor, Ct);
        TempData["Notice"] = errors.Count == 0 ? "Conflict recorded: you are kept out of that case." : string.Join(" ", errors.Select(e => e.Message));
        return Redirect("/cases");
    }

    public Task<IActionResult> OnPostIncidentAsync() => ActAsync(a => work.LogIncidentAsync(Id, a, new LogIncidentInput(Incident.OccurredOn, Incident.SiteId, Incident.PartyType,
        Incident.Description, true, null, Incident.Responses ?? [], Incident.RespondedBy), Ct), "Incident", "Logged in the third-party incident log and linked to this case.");

    public async Task<IActionResult> OnPostFilesAsync()
    {
        var files = await ReportChannel.ReadFilesAsync(Request.Form.Files, options.Value.MaxFileBytes, Ct);
        try
        {
            var (errors, refused) = await work.AddFilesAsync(Id, Actor, files, Ct);
            RefusedFiles = refused;
            if (errors.Count > 0 || refused.Count > 0)
            {
                ModelState.AddErrors(errors, prefix: "");
                return await ShowAsync();
            }
        }
        catch (CaseAccessDeniedException)
        {
            return Forbid();
        }
        TempData["Notice"] = "Files added.";
        return Redirect($"/cases/{Id}#files");
    }

    private async Task<IActionResult> ActAsync(Func<CaseActor, Task<List<FieldError>>> act, string prefix, string done, Func<string, string>? fieldName = null)
    {
        List<FieldError> errors;
        try
        {
            errors = await act(Actor);
        }
        catch (CaseAccessDeniedException)
        {
            return Forbid();
        }
        if (errors.Count > 0)
        {
            ModelState.Clear();
            ModelState.AddErrors(errors, prefix, f => string.IsNullOrEmpty(f) ? f : fieldName?.Invoke(f) ?? f);
            return await ShowAsync();
        }
        TempData["Notice"] = done;
        return Redirect($"/cases/{Id}");
    }

    private async Task<IActionResult> ShowAsync()
    {
        CaseView? view;
        try
        {
            view = await work.ReadAsync(Id, Actor, Ct);
        }
        catch (CaseAccessDeniedException)
        {
            return Forbid();
        }
        if (view is null) return NotFound();
        View = view;
        Today = UkTime.Today(clock);
        var onCase = view.Handlers.Select(h => h.UserId).Concat(view.Excluded.Select(x => x.UserId)).ToHashSet();
        OtherHandlers = [.. (await CaseHandlers.ChoicesAsync(db, Ct)).Where(h => !onCase.Contains(h.Id))];
        Sites = await db.Sites.ChoicesAsync(Ct);
        Incident.SiteId ??= view.Case.SiteId;
        Incident.OccurredOn ??= view.Case.ReceivedOn.ToString("dd/MM/yyyy");
        return Page();
    }

    public sealed class TriageForm
    {
        public Urgency? Urgency { get; set; }
        public VictimisationRisk? Risk { get; set; }
        public List<CaseFlags>? Flags { get; set; }
        public string? InterimMeasures { get; set; }
        public string? Notes { get; set; }
    }

    public sealed class RecordForm
    {
        public EntryKind? Kind { get; set; }
        public string? HeldOn { get; set; }
        public string? Text { get; set; }
    }

    public sealed class MessageForm
    {
        public string? Text { get; set; }
        public bool GivesFeedback { get; set; }
        public bool CheckIn { get; set; }
    }

    public sealed class OutcomeForm
    {
        public CaseOutcome? Outcome { get; set; }
        public string? Reasons { get; set; }
        public string? ActionsTaken { get; set; }
        public string? MessageToReporter { get; set; }
    }

    public sealed class AppealForm
    {
        public AppealResult? Result { get; set; }
        public CaseOutcome? NewOutcome { get; set; }
        public string? Reasons { get; set; }
    }

    public sealed class CloseForm
    {
        public bool? RiskAssessmentChangeNeeded { get; set; }
        public bool? PolicyChangeNeeded { get; set; }
        public string? Note { get; set; }
    }

    public sealed class IncidentForm
    {
        public string? OccurredOn { get; set; }
        public Guid? SiteId { get; set; }
        public ThirdPartyType? PartyType { get; set; }
        public string? Description { get; set; }
        public List<IncidentResponse>? Responses { get; set; }
        public string? RespondedBy { get; set; }
    }
}
