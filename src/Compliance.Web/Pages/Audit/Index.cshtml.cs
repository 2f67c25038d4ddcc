using Compliance.Core;
using Compliance.Core.Auditing;
using Compliance.Core.Exports;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Audit;

/// <summary>The audit trail, its chain check, a filter by date, actor, action and record, and a CSV export of what the filter finds.</summary>
public sealed class IndexModel(AuditVerifier verifier, AuditSearch search, AuditAcknowledgement acknowledgement, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true, Name = "action")] public string? ActionName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }

    public AuditVerification Verification { get; private set; } = new(0, AuditHash.Genesis, null, null);
    public List<AuditEntry> Entries { get; private set; } = [];
    public List<AuditEntry> Acknowledged { get; private set; } = [];
    public long Total { get; private set; }
    public int PageCount => Pager.CountFor(Total, PageSize);
    public bool Filtered => new[] { From, To, Actor, ActionName, Entity, EntityId }.Any(v => !string.IsNullOrWhiteSpace(v));
    public List<string> Actors { get; private set; } = [];
    public List<string> Actions { get; private set; } = [];
    public List<string> EntityTypes { get; private set; } = [];

    private AuditFilter Filter => new(From, To, Actor, ActionName, Entity, EntityId);

    /// <summary>
    /// What a case's entries say (its reference, triage, outcome, who handles it) is for its handlers: here they
    /// show only that something happened to a case. The chain check still covers them in full.
    /// </summary>
    public static string Shown(string entityType, string summary) =>
        entityType == "Case" ? "Case activity (the details are for the case's handlers only)" : summary;

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Verification = await verifier.VerifyAsync(ct);
        Acknowledged = await acknowledgement.HistoryAsync(ct);
        (Actors, Actions, EntityTypes) = await search.ChoicesAsync(ct);
        var query = search.Find(Filter);
        ModelState.AddErrors(query.Errors, prefix: "");
        Total = await query.Entries.LongCountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Entries = await query.Entries.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    /// <summary>Every entry the filter finds, oldest first, with the hashes that let anyone re-check the chain.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        var ct = HttpContext.RequestAborted;
        var query = search.Find(Filter);
        if (query.Errors.Count > 0)
        {
            await OnGetAsync();
            return Page();
        }
        var rows = await query.Entries.OrderBy(e => e.Sequence)
            .Select(e => new { e.Sequence, e.OccurredAtUtc, e.ActorName, e.Action, e.EntityType, e.EntityId, e.Summary, e.PreviousHash, e.Hash })
            .ToListAsync(ct);
        var content = SafeCsv.Write(
            ["sequence", "when_uk", "when_utc", "who", "action", "record", "record_id", "what", "previous_hash", "hash"],
            rows.Select(r => (IReadOnlyList<string?>)[r.Sequence.ToString(), UkTime.Format(r.OccurredAtUtc), r.OccurredAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
                r.ActorName, r.Action, r.EntityType, r.EntityType == "Case" ? null : r.EntityId, Shown(r.EntityType, r.Summary), r.PreviousHash, r.Hash]));
        return File(content, "text/csv; charset=utf-8", $"audit-trail-{UkCalendar.Today(clock):yyyy-MM-dd}.csv");
    }

    /// <summary>This page's address with the current filter, on another page of results or as the export.</summary>
    public string Link(int? page = null, string? handler = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
        Add("handler", handler);
        Add("From", From);
        Add("To", To);
        Add("Actor", Actor);
        Add("action", ActionName);
        Add("Entity", Entity);
        Add("EntityId", EntityId);
        if (page is > 1) parts.Add($"p={page}");
        return "/audit" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
    }
}
