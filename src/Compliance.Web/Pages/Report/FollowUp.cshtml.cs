using Compliance.Core.Cases;
using Compliance.Core.Data.Providers;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Pages.Report;

/// <summary>
/// The reporter's follow-up: every post carries the reference and key (nothing is kept in the browser between
/// pages). Wrong tries are counted in memory by <see cref="FollowUpGuard"/>.
/// </summary>
public sealed class FollowUpModel(ReporterFollowUp followUp, FollowUpGuard guard, ReportGuard uploads, ReportAdmission admission, IOptions<CaseOptions> options)
    : PageModel
{
    public const string NotFoundMessage = "We could not open a report with that reference and key. Check both and try again; the key is the long code in groups of four.";

    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string? Key { get; set; }
    [BindProperty] public string? Message { get; set; }

    public ReporterView? View { get; private set; }
    public string? Sent { get; private set; }
    public List<RefusedFile> Refused { get; private set; } = [];
    public CaseOptions Limits => options.Value;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (await RefusalAsync() is { } refused) return refused;
        View = await followUp.OpenAsync(Reference, Key, HttpContext.RequestAborted);
        return Found();
    }

    public async Task<IActionResult> OnPostReplyAsync()
    {
        ModelState.Clear();
        if (await RefusalAsync() is { } refused) return refused;
        // Replies share the reports' turns (see ReportAdmission).
        using var turn = await admission.EnterAsync(HttpContext.RequestAborted);
        if (turn is null) return await BusyAsync(charge: null);
        var files = await ReportChannel.ReadFilesAsync(Request.Form.Files, options.Value.MaxFileBytes, HttpContext.RequestAborted);
        var overBudget = new List<RefusedFile>();
        var charge = uploads.TryUpload(HttpContext.Connection.RemoteIpAddress, ReportChannel.AcceptedBytes(files, options.Value));
        if (charge is null)
        {
            overBudget = [.. files.Select(f => new RefusedFile(Attachments.DisplayName(f.FileName), ReportGuard.ReplyUploadMessage))];
            files = [];
        }
        ReporterView? view;
        List<FieldError> errors;
        List<RefusedFile> refusedFiles;
        try
        {
            (view, errors, refusedFiles) = await followUp.WriteAsync(Reference, Key, Message, files, HttpContext.RequestAborted);
        }
        catch (Exception e) when (DatabaseBusyException.IsIn(e))
        {
            return await BusyAsync(charge);
        }
        // A wrong key, or a reply refused for its words, keeps no file: nothing is charged for it.
        if (view is null || errors.Count > 0) uploads.Refund(charge);
        View = view;
        if (view is not null)
        {
            Refused = [.. refusedFiles, .. overBudget];
            if (errors.Count > 0)
            {
                ModelState.AddErrors(errors, prefix: "");
            }
            else if (!string.IsNullOrWhiteSpace(Message) || files.Count > refusedFiles.Count)
            {
                Sent = "Your message has been sent to the people handling your case.";
                Message = null;
            }
        }
        return Found();
    }

    /// <summary>Too many messages or writes waiting: nothing saved; the case stays open on the page with the message kept to send again.</summary>
    private async Task<IActionResult> BusyAsync(ReportGuard.UploadCharge? charge)
    {
        uploads.Refund(charge);
        ModelState.AddModelError("", ReportGuard.ReplyBusyMessage);
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        Response.Headers.RetryAfter = "60";
        View = await followUp.OpenAsync(Reference, Key, HttpContext.RequestAborted);
        // A wrong key counts as one, busy or not.
        if (View is null) guard.Failed(HttpContext.Connection.RemoteIpAddress);
        return Page();
    }

    private IActionResult Found()
    {
        if (View is null)
        {
            guard.Failed(HttpContext.Connection.RemoteIpAddress);
            ModelState.AddModelError("Reference", NotFoundMessage);
            Key = null;
        }
        return Page();
    }

    private async Task<IActionResult?> RefusalAsync()
    {
        // While many wrong keys arrive from everywhere, every try waits a little: guessing slows, nobody is locked out.
        if (guard.Brake() is { } brake && brake > TimeSpan.Zero) await Task.Delay(brake, HttpContext.RequestAborted);
        var verdict = guard.Check(HttpContext.Connection.RemoteIpAddress);
        if (verdict == FollowUpGuard.Verdict.Allowed) return null;
        ModelState.AddModelError("", FollowUpGuard.Message);
        Key = null;
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return Page();
    }
}
