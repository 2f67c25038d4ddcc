using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Admin.Audit;

public sealed class IndexModel(ComplianceDbContext db, AuditVerifier verifier) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public AuditVerification Verification { get; private set; } = new(0, AuditHash.Genesis, null, null);
    public List<AuditEntry> Entries { get; private set; } = [];
    public long Total { get; private set; }
    public int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Verification = await verifier.VerifyAsync(ct);
        Total = await db.AuditEntries.LongCountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Entries = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }
}
