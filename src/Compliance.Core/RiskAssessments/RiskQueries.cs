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
}
