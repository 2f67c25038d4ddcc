using System.Net;
using System.Text;
using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Organisation;
using Compliance.Core.Templating;
using Compliance.Core.ThirdParty;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Risk;

/// <summary>A customer notice and a supplier contract clause, filled from the organisation profile (step 7).</summary>
public sealed class NoticesModel(ComplianceDbContext db, NoticeTemplates templates, RecordMeasureUse record, TimeProvider clock) : PageModel
{
    /// <summary>The most recorded uses shown; the evidence pack lists them all.</summary>
    public const int MaxUsesShown = 200;

    public sealed record Preview(NoticeTemplate Template, string RenderedHtml);

    public List<Preview> Notices { get; private set; } = [];

    /// <summary>Where each is recorded as used, newest first.</summary>
    public List<MeasureUse> Uses { get; private set; } = [];

    public int UsesTotal { get; private set; }

    public bool CanRecord => User.IsInRole(Roles.HRManager);

    [BindProperty] public UseForm Input { get; set; } = new();

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Records where a notice or clause is used (HR managers only; directors read).</summary>
    public async Task<IActionResult> OnPostUseAsync()
    {
        if (!CanRecord) return Forbid();
        ModelState.Clear();
        var (id, errors) = await record.HandleAsync(new MeasureUseInput(Input.Template, Input.Where, Input.UsedFrom), CurrentUser.DisplayName(User), HttpContext.RequestAborted);
        if (id is null)
        {
            ModelState.AddErrors(errors);
            await LoadAsync();
            return Page();
        }
        TempData["Notice"] = "Recorded. The evidence pack's step 7 chapter lists it, with the SHA-256 of its text as recorded today.";
        return Redirect("/risk/notices#uses");
    }

    private async Task LoadAsync()
    {
        var model = await ModelAsync();
        Notices = templates.List().Select(t => new Preview(t, templates.Render(t.Name, model, TemplateMode.Html)!)).ToList();
        UsesTotal = await db.MeasureUses.CountAsync(HttpContext.RequestAborted);
        Uses = await db.MeasureUses.AsNoTracking().OrderByDescending(u => u.UsedFrom).ThenByDescending(u => u.RecordedAtUtc).Take(MaxUsesShown).ToListAsync(HttpContext.RequestAborted);
    }

    public sealed class UseForm
    {
        public string? Template { get; set; }
        public string? Where { get; set; }
        public string? UsedFrom { get; set; }
    }

    /// <summary>
    /// The download is plain text for pasting into a document, rendered without escaping (an ampersand in the
    /// organisation's name is written as an ampersand). It is sent as an attachment with text/plain and nosniff, so
    /// nothing in it can run in a browser.
    /// </summary>
    public async Task<IActionResult> OnGetDownloadAsync(string? name)
    {
        var rendered = name is null ? null : templates.Render(name, await ModelAsync(), TemplateMode.Text);
        if (rendered is null) return NotFound();
        return File(Encoding.UTF8.GetBytes(rendered), "text/plain; charset=utf-8", name + ".txt");
    }

    private async Task<NoticeModel> ModelAsync()
    {
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(HttpContext.RequestAborted);
        return new NoticeModel(organisation.Name, organisation.Sector.ToString(), UkTime.Today(clock));
    }
}
