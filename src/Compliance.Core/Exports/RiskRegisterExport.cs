using Compliance.Core.Data;
using Compliance.Core.RiskAssessments;
using Compliance.Core.ThirdParty;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Exports;

/// <summary>Assessments, actions and third-party incidents as CSV, for the HR manager's own analysis.</summary>
public sealed class RiskRegisterExport(ComplianceDbContext db, TimeProvider clock)
{
    public async Task<byte[]> AssessmentsAsync(CancellationToken ct = default)
    {
        var today = UkCalendar.Today(clock);
        var rows = await db.RiskAssessments.AsNoTracking().OrderBy(a => a.Title)
            .Select(a => new
            {
                a.Title,
                a.Scope,
                a.ScopeDescription,
                a.NextReviewDue,
                a.ReviewFlagReason,
                Site = db.Sites.Where(s => s.Id == a.SiteId).Select(s => s.Name).FirstOrDefault(),
                Department = db.Departments.Where(d => d.Id == a.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                Current = db.AssessmentRevisions.Where(r => r.AssessmentId == a.Id).OrderByDescending(r => r.Number).Select(r => new { r.Number, r.Status }).First(),
                Approved = db.AssessmentRevisions.Where(r => r.AssessmentId == a.Id && r.Status == RevisionStatus.Approved).OrderByDescending(r => r.Number)
                    .Select(r => new { r.Number, r.ApprovedAtUtc, r.ApprovedByName, r.ApprovedContentHash }).FirstOrDefault(),
            }).ToListAsync(ct);
        return SafeCsv.Write(
            ["title", "covers", "site", "department", "role_or_event", "current_revision", "current_status", "last_approved_revision", "approved_on", "approved_by", "approved_content_sha256", "next_review_due", "review_overdue", "flagged_for_review"],
            rows.Select(r => new[]
            {
                r.Title, r.Scope.ToString(), r.Site, r.Department, r.ScopeDescription, r.Current.Number.ToString(), r.Current.Status.ToString(),
                r.Approved?.Number.ToString(), r.Approved?.ApprovedAtUtc is { } at ? UkCalendar.ToUk(at).ToString("yyyy-MM-dd") : null, r.Approved?.ApprovedByName,
                r.Approved?.ApprovedContentHash, r.NextReviewDue?.ToString("yyyy-MM-dd"), r.NextReviewDue < today ? "yes" : "no", r.ReviewFlagReason,
            }));
    }

    public async Task<byte[]> ActionsAsync(CancellationToken ct = default)
    {
        var today = UkCalendar.Today(clock);
        var rows = await db.RiskActions.AsNoTracking().OrderBy(a => a.DueDate)
            .Select(a => new
            {
                Assessment = db.RiskAssessments.Where(x => x.Id == a.AssessmentId).Select(x => x.Title).First(),
                a.FactorCode,
                a.Description,
                a.Owner,
                a.DueDate,
                a.Status,
                a.CompletedOn,
                a.CompletionNote,
                a.RaisedInRevision,
            }).ToListAsync(ct);
        return SafeCsv.Write(
            ["assessment", "factor", "action", "owner", "due", "status", "overdue", "completed_on", "completion_note", "raised_in_revision"],
            rows.Select(r => new[]
            {
                r.Assessment, r.FactorCode, r.Description, r.Owner, r.DueDate.ToString("yyyy-MM-dd"), r.Status.ToString(),
                r.Status != ActionStatus.Done && r.DueDate < today ? "yes" : "no", r.CompletedOn?.ToString("yyyy-MM-dd"), r.CompletionNote, r.RaisedInRevision.ToString(),
            }));
    }

    public async Task<byte[]> IncidentsAsync(CancellationToken ct = default)
    {
        var rows = await db.ThirdPartyIncidents.AsNoTracking().OrderBy(i => i.OccurredOn).ThenBy(i => i.LoggedAtUtc)
            .Select(i => new
            {
                i.OccurredOn,
                i.PartyType,
                i.IsSexual,
                i.Description,
                i.Responses,
                i.RespondedBy,
                i.LoggedByName,
                i.LoggedAtUtc,
                Site = db.Sites.Where(s => s.Id == i.SiteId).Select(s => s.Name).First(),
                Affected = db.Employees.Where(e => e.Id == i.AffectedEmployeeId).Select(e => e.EmployeeNumber).FirstOrDefault(),
                Assessment = db.RiskAssessments.Where(a => a.Id == i.RiskAssessmentId).Select(a => a.Title).FirstOrDefault(),
            }).ToListAsync(ct);
        return SafeCsv.Write(
            ["occurred_on", "site", "third_party", "sexual", "what_happened", "affected_employee_number", "action_taken", "action_by", "logged_by", "logged_at", "risk_assessment"],
            rows.Select(r => new[]
            {
                r.OccurredOn.ToString("yyyy-MM-dd"), r.Site, r.PartyType.Label(), r.IsSexual ? "yes" : "no", r.Description, r.Affected,
                r.Responses.Describe(), r.RespondedBy, r.LoggedByName, UkCalendar.ToUk(r.LoggedAtUtc).ToString("yyyy-MM-dd HH:mm"), r.Assessment,
            }));
    }
}
