using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.Data.Providers;
using Compliance.Core.Organisation;
using Compliance.Core.Policies;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Pages.Report;

/// <summary>
/// The public reporting page. It reads only the form: no address, no browser details, no cookie beyond the
/// form's anti-forgery token (which ends with the browser session). The reference and key are shown on the
/// response to the post itself, once, and never put in an address.
/// </summary>
public sealed class IndexModel(ComplianceDbContext db, SubmitReport submit, ReportGuard guard, ReportAdmission admission, IOptions<CaseOptions> options)
    : PageModel
{
    [BindProperty] public ReportForm Input { get; set; } = new();

    public string Organisation { get; private set; } = "";
    public List<(Guid Id, string Name)> Sites { get; private set; } = [];
    public List<(Guid Id, string Name)> Handlers { get; private set; } = [];

    /// <summary>The policies in force, readable without signing in: (address slug, title).</summary>
    public List<(string Slug, string Title)> Policies { get; private set; } = [];
    public SubmittedReport? Submitted { get; private set; }
    public CaseOptions Limits => options.Value;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var ct = HttpContext.RequestAborted;
        if (guard.TryTake(HttpContext.Connection.RemoteIpAddress) is var verdict && verdict != ReportGuard.Verdict.Allowed)
        {
            // Nothing is saved; what they typed stays in the form (files cannot be kept by a browser).
            ModelState.AddModelError("", verdict == ReportGuard.Verdict.ClientLimit ? ReportGuard.ClientMessage : ReportGuard.OverallMessage);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await LoadAsync();
            return Page();
        }
        // Only so many reports are worked on at once; the rest wait here, in order, for up to the write wait limit.
        using var turn = await TurnAsync(ct);
        if (turn is null) return await BusyAsync(charge: null);
        var files = await ReportChannel.ReadFilesAsync(Request.Form.Files, options.Value.MaxFileBytes, ct);
        var overBudget = new List<RefusedFile>();
        // Only the files that will be taken are charged, and only if the report is.
        var charge = guard.TryUpload(HttpContext.Connection.RemoteIpAddress, ReportChannel.AcceptedBytes(files, options.Value));
        if (charge is null)
        {
            overBudget = [.. files.Select(f => new RefusedFile(Attachments.DisplayName(f.FileName), ReportGuard.UploadMessage))];
            files = [];
        }
        SubmittedReport? result;
        List<FieldError> errors;
        try
        {
            (result, errors) = await submit.HandleAsync(new ReportInput(Input.Mode, Input.Role, Input.WhatHappened, Input.HappenedOn, Input.HappenedWhen,
                Input.Place, Input.SiteId, Input.WhereDetail, Input.Involved, Input.WhoWasInvolved, Input.ExcludedHandlers, Input.StillHappening,
                Input.FeelsUnsafe, Input.Wishes, Input.Name, Input.Contact, Input.NotifyByEmail), files, ct);
        }
        catch (Exception e) when (DatabaseBusyException.IsIn(e))
        {
            return await BusyAsync(charge);
        }
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors);
            if (files.Count > 0) ModelState.AddModelError("Files", "Nothing has been sent yet. Your words are kept below; choose your files again after putting the rest right.");
        }
        if (result is null) guard.Refund(charge);
        result?.RefusedFiles.AddRange(overBudget);
        Submitted = result;
        // The confirmation shows only the reference, the key and any refused files.
        if (result is null) await LoadAsync();
        return Page();
    }

    /// <summary>A turn to work on this report; a reporter who leaves while waiting is not counted against the hour.</summary>
    private async Task<IDisposable?> TurnAsync(CancellationToken ct)
    {
        try
        {
            return await admission.EnterAsync(ct);
        }
        catch (OperationCanceledException)
        {
            guard.GiveBack(HttpContext.Connection.RemoteIpAddress);
            throw;
        }
    }

    /// <summary>
    /// Too many reports or writes waiting: answered at once, nothing saved, the words kept in the form to send again,
    /// and the report not counted against the hour's limits.
    /// </summary>
    private async Task<IActionResult> BusyAsync(ReportGuard.UploadCharge? charge)
    {
        guard.GiveBack(HttpContext.Connection.RemoteIpAddress);
        guard.Refund(charge);
        ModelState.AddModelError("", ReportGuard.BusyMessage);
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        Response.Headers.RetryAfter = "60";
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Organisation = await db.Organisations.NameAsync(ct) ?? "";
        Sites = await db.Sites.ChoicesAsync(ct);
        Handlers = await CaseHandlers.ChoicesAsync(db, ct);
        Policies = [.. (await db.Policies.AsNoTracking().WithVersionInForce()
            .OrderBy(p => p.Kind).ThenBy(p => p.Title).Select(p => new { p.Slug, p.Title }).ToListAsync(ct)).Select(p => (p.Slug, p.Title))];
    }

    public sealed class ReportForm
    {
        public ReportingMode? Mode { get; set; }
        public ReporterRole? Role { get; set; }
        public string? WhatHappened { get; set; }
        public string? HappenedOn { get; set; }
        public string? HappenedWhen { get; set; }
        public IncidentPlace? Place { get; set; }
        public Guid? SiteId { get; set; }
        public string? WhereDetail { get; set; }
        public List<InvolvedParties>? Involved { get; set; }
        public string? WhoWasInvolved { get; set; }
        public List<Guid>? ExcludedHandlers { get; set; }
        public Answer? StillHappening { get; set; }
        public bool FeelsUnsafe { get; set; }
        public string? Wishes { get; set; }
        public string? Name { get; set; }
        public string? Contact { get; set; }
        public bool NotifyByEmail { get; set; }
    }
}
