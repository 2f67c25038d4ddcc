using System.Net;
using System.Text;
using Compliance.Core.Data;
using Compliance.Core.Organisation;
using Compliance.Core.Templating;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Risk;

/// <summary>A customer notice and a supplier contract clause, filled from the organisation profile (step 7).</summary>
public sealed class NoticesModel(ComplianceDbContext db, NoticeTemplates templates, TimeProvider clock) : PageModel
{
    public sealed record Preview(NoticeTemplate Template, string RenderedHtml);

    public List<Preview> Notices { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var model = await ModelAsync();
        Notices = templates.List().Select(t => new Preview(t, templates.Render(t.Name, model, TemplateMode.Html)!)).ToList();
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
