namespace Compliance.Core.Scoring;

/// <summary>The eight steps of the EHRC's guidance on preventing sexual harassment at work, in its order.</summary>
public enum ReasonableStep
{
    Policy = 1,
    EngagingStaff = 2,
    RiskAssessment = 3,
    Reporting = 4,
    Training = 5,
    Complaints = 6,
    ThirdParties = 7,
    Monitoring = 8,
}

public enum StepStatus
{
    NotMet = 0,
    AtRisk = 1,
    Met = 2,
}

/// <summary>Something to do that would raise a step's score, and the page where it is done.</summary>
public sealed record NextAction(string Text, string Link, int Gain);

/// <summary>A step's score on a day (0 to 100), its status, the facts behind it in words, and what would raise it most first.</summary>
public sealed record StepScore(ReasonableStep Step, DateOnly Day, int Score, StepStatus Status, IReadOnlyList<string> Why, IReadOnlyList<NextAction> Next);

/// <summary>Settings under Compliance:Scoring. Thresholds are our own reasoning, not figures from the guidance.</summary>
public sealed class ScoringOptions
{
    /// <summary>A step scoring this or more is met.</summary>
    public int MetFrom { get; set; } = 80;

    /// <summary>A step scoring this or more (and under <see cref="MetFrom"/>) is at risk; under it, not met.</summary>
    public int AtRiskFrom { get; set; } = 50;

    /// <summary>Training counts as "long stale" once its last completion is this many months old (Allay v Gehlen: two years).</summary>
    public int LongStaleMonths { get; set; } = 24;

    /// <summary>Days after a third-party incident within which the site's risk assessment should be reviewed (our reasoning).</summary>
    public int ThirdPartyReviewWithinDays { get; set; } = 30;

    /// <summary>How far back, in months, the steps that count events (reports, incidents) look from the day.</summary>
    public int WindowMonths { get; set; } = 12;

    public StepStatus StatusOf(int score) => score >= MetFrom ? StepStatus.Met : score >= AtRiskFrom ? StepStatus.AtRisk : StepStatus.NotMet;
}

public static class StepLabels
{
    public static string Name(this ReasonableStep step) => step switch
    {
        ReasonableStep.Policy => "Policy",
        ReasonableStep.EngagingStaff => "Engaging staff",
        ReasonableStep.RiskAssessment => "Risk assessment",
        ReasonableStep.Reporting => "Reporting",
        ReasonableStep.Training => "Training",
        ReasonableStep.Complaints => "Complaints",
        ReasonableStep.ThirdParties => "Third parties",
        _ => "Monitoring",
    };

    public static string Label(this StepStatus status) => status switch
    {
        StepStatus.Met => "Met",
        StepStatus.AtRisk => "At risk",
        _ => "Not met",
    };

    internal static string Plural(int n, string one, string many) => $"{n:N0} {(n == 1 ? one : many)}";

    internal static int Percent(int part, int whole) => Common.Percent.Of(part, whole);
}
