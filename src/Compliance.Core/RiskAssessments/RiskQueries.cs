using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.RiskAssessments;

/// <summary>The "due" rules as queries, so every page and count agrees on what is overdue.</summary>
public static class RiskQueries
{
    /// <summary>Past its review date, or flagged for an early review (by an incident, say).</summary>
    public static IQueryable<RiskAssessment> DueForReview(this IQueryable<RiskAssessment> assessments, DateOnly today) =>
        assessments.Where(a => a.NextReviewDue < today || a.ReviewFlaggedAtUtc != null);

    /// <summary>Not done and past its due date: the query form of <see cref="RiskAction.IsOverdue"/>.</summary>
    public static IQueryable<RiskAction> Overdue(this IQueryable<RiskAction> actions, DateOnly today) =>
        actions.Where(a => a.Status != ActionStatus.Done && a.DueDate < today);

    /// <summary>
    /// Flags every site-wide assessment of the site for review, under their row locks (as approval takes them),
    /// so that an approval running at the same moment cannot clear the flag unseen. Newest first.
    /// </summary>
    public static async Task<List<RiskAssessment>> FlagSiteForReviewAsync(ComplianceDbContext db, Guid siteId, string reason, DateTime nowUtc, CancellationToken ct)
    {
        await db.Dialect.LockRowsAsync(db,
            $"SELECT 1 FROM risk_assessments WHERE scope = {(int)AssessmentScope.Site} AND site_id = {siteId} ORDER BY id", ct);
        var covering = await db.RiskAssessments.Where(a => a.Scope == AssessmentScope.Site && a.SiteId == siteId).OrderByDescending(a => a.CreatedAtUtc).ToListAsync(ct);
        foreach (var assessment in covering) assessment.FlagForReview(reason, nowUtc);
        return covering;
    }
}
