using static Compliance.Core.Scoring.StepLabels;

namespace Compliance.Core.Scoring;

/// <summary>What step 1 reads on a day: the anti-harassment policy version in force, its review date, and who has confirmed reading it.</summary>
public sealed record PolicyFacts(DateOnly Day, Guid? PolicyId, int? VersionNumber, DateOnly? EffectiveOn, DateOnly? ReviewDue, int InScope, int Acknowledged);

/// <summary>What step 2 reads on a day: when staff were last asked (a survey), told (a briefing or notice) and their representatives consulted, up to the day.</summary>
public sealed record EngagementFacts(DateOnly Day, DateOnly? LastAsked, DateOnly? LastTold, DateOnly? LastConsulted);

/// <summary>What step 3 reads on a day: sites under the duty, those with a site-wide assessment approved and not past its review, and the actions open and overdue.</summary>
public sealed record RiskFacts(DateOnly Day, int Sites, int SitesCurrent, int SitesReviewOverdue, int OpenActions, int OverdueActions);

/// <summary>One course's coverage on a day, for step 5.</summary>
public sealed record CourseFacts(Guid CourseId, string Title, int InScope, int InDate, int Stale, int LongStale, int Never);

public sealed record TrainingFacts(DateOnly Day, IReadOnlyList<CourseFacts> Courses);

/// <summary>What step 4 reads: whether the policy in force on the day tells people where to report.</summary>
public sealed record ReportingFacts(DateOnly Day, Guid? PolicyId, bool PolicyNamesReportingPage);

/// <summary>What step 6 reads: the case deadlines (acknowledge, triage, feedback) that fell due in the window to the day, met or missed.</summary>
public sealed record ComplaintFacts(DateOnly Day, int Received, int DeadlinesMet, int DeadlinesMissed);

/// <summary>What step 7 reads: third-party incidents in the window and whether the assessment each flagged was reviewed in time.</summary>
public sealed record ThirdPartyFacts(DateOnly Day, int Incidents, int ReviewedInTime, int NotReviewedInTime);

/// <summary>What step 8 reads: the last board review of the position signed off by the day, and the action plan's open and overdue actions then.</summary>
public sealed record MonitoringFacts(DateOnly Day, DateOnly? LastReviewedOn, string? Meeting, string? SignedBy, int OpenActions = 0, int OverdueActions = 0);

/// <summary>
/// The score rules, each a pure function of dated facts, so any past day's score can be worked out again from the
/// stored evidence (see docs/scoring.md for each rule's source). Scores fall as evidence ages: a policy past its
/// review date, acknowledgements missing, assessments past review, actions overdue, training lapsing.
/// </summary>
public static class StepRules
{
    /// <summary>
    /// Step 1. In force: 40 (guidance: have an effective policy). Read and confirmed: up to 40, in proportion.
    /// Reviewed on time: 20, less 5 for each month (or part) past the review date (our reasoning: a stale policy
    /// is weaker evidence each month, and is worth nothing after four).
    /// </summary>
    public static StepScore Policy(PolicyFacts f, ScoringOptions o)
    {
        if (f.PolicyId is not { } id || f.EffectiveOn is not { } from)
        {
            return Make(ReasonableStep.Policy, f.Day, 0, o, ["No anti-harassment policy was in force."],
                [new("Write, approve and publish the anti-harassment policy", "/policies/manage", 100)]);
        }
        var why = new List<string> { $"Version {f.VersionNumber} of the anti-harassment policy has been in force since {UkDates.Long(from)}." };
        var next = new List<NextAction>();
        var read = f.InScope == 0 ? 40 : 40 * f.Acknowledged / f.InScope;
        var missing = f.InScope - f.Acknowledged;
        why.Add($"{f.Acknowledged:N0} of {Plural(f.InScope, "person", "people")} it is for ({Percent(f.Acknowledged, f.InScope)}%) have confirmed reading it.");
        if (missing > 0) next.Add(new($"Chase the {Plural(missing, "person who has", "people who have")} not confirmed reading the policy", $"/policies/manage/{id}/coverage", 40 - read));
        var review = 20;
        if (f.ReviewDue is { } due && f.Day > due)
        {
            var months = MonthsPast(due, f.Day);
            review = Math.Max(0, 20 - 5 * months);
            why.Add($"Its review date, {UkDates.Long(due)}, has passed ({Plural(months, "month", "months")} or part).");
            next.Add(new("Review the policy and publish the reviewed version", $"/policies/manage/{id}", 20 - review));
        }
        return Make(ReasonableStep.Policy, f.Day, 40 + read + review, o, why, next);
    }

    /// <summary>
    /// Step 2. In the window to the day (12 months by default): staff were asked, by a survey or focus group, 40;
    /// told, by a briefing or notice, 30; their representatives consulted (a policy's consultation counts), 30
    /// (guidance, step 2: engage staff, ask them, and involve their representatives; the weights are our
    /// reasoning). Each part lapses when its last activity leaves the window.
    /// </summary>
    public static StepScore Engagement(EngagementFacts f, ScoringOptions o)
    {
        const string Record = "/position/engagement/new";
        var from = f.Day.AddMonths(-o.WindowMonths);
        var why = new List<string>();
        var next = new List<NextAction>();
        var score = 0;
        void Part(DateOnly? last, int points, string did, string never, string action, string kind)
        {
            if (last is { } d && d > from)
            {
                score += points;
                why.Add($"{did} on {UkDates.Long(d)}.");
                return;
            }
            why.Add(last is { } old ? $"{did} on {UkDates.Long(old)}, more than {o.WindowMonths} months before." : never);
            next.Add(new(action, $"{Record}?kind={kind}", points));
        }
        Part(f.LastAsked, 40, "Staff were last asked about harassment (a survey or focus group)", "Staff have not been asked about harassment by a survey or focus group.",
            "Run a staff survey on harassment and record what it found", nameof(EngagementKind.Survey));
        Part(f.LastTold, 30, "Staff were last told about harassment and how to report it (a briefing or notice)", "No briefing or notice to staff about harassment is recorded.",
            "Brief staff, or put up notices, on harassment and how to report it", nameof(EngagementKind.Briefing));
        Part(f.LastConsulted, 30, "Staff representatives were last consulted", "Staff representatives have not been consulted.",
            "Consult the union or staff forum on the policy and the risks", nameof(EngagementKind.Consultation));
        return Make(ReasonableStep.EngagingStaff, f.Day, score, o, why, next);
    }

    /// <summary>
    /// Step 3. Sites with a current site-wide assessment: up to 70, in proportion (guidance: assess the risk in
    /// each workplace). Actions done on time: up to 30, less in proportion to the open actions that are overdue
    /// (our reasoning: an assessment whose actions are not done protects no one).
    /// </summary>
    public static StepScore RiskAssessment(RiskFacts f, ScoringOptions o)
    {
        if (f.Sites == 0)
        {
            return Make(ReasonableStep.RiskAssessment, f.Day, 0, o, ["No sites are set up, so no workplace has been assessed."],
                [new("Add your sites", "/admin/sites", 70)]);
        }
        var why = new List<string>();
        var next = new List<NextAction>();
        var sites = 70 * f.SitesCurrent / f.Sites;
        var without = f.Sites - f.SitesCurrent;
        why.Add($"{f.SitesCurrent:N0} of {Plural(f.Sites, "site", "sites")} have a current risk assessment" + (without == 0 ? "." : $"; {without:N0} {(without == 1 ? "has" : "have")} none, or one past its review date."));
        if (f.SitesReviewOverdue > 0) why.Add($"{Plural(f.SitesReviewOverdue, "site's assessment is", "sites' assessments are")} past the review date.");
        if (without > 0) next.Add(new($"Assess or review the {Plural(without, "site", "sites")} without a current assessment", "/risk", 70 - sites));
        var actions = f.OpenActions == 0 ? 30 : 30 - 30 * f.OverdueActions / f.OpenActions;
        if (f.OverdueActions > 0)
        {
            why.Add($"{f.OverdueActions:N0} of {Plural(f.OpenActions, "open action is", "open actions are")} overdue.");
            next.Add(new($"Finish the {Plural(f.OverdueActions, "overdue action", "overdue actions")}", "/risk/actions?show=overdue", 30 - actions));
        }
        return Make(ReasonableStep.RiskAssessment, f.Day, sites + actions, o, why, next);
    }

    /// <summary>
    /// Step 5. The share of everyone's required training that is in date (current or due soon), over every course
    /// and the people each is for (guidance: train everyone, and refresh it; Allay (UK) Ltd v Gehlen: stale
    /// training is no defence). It falls as training lapses, with no rule of its own for age.
    /// </summary>
    public static StepScore Training(TrainingFacts f, ScoringOptions o)
    {
        var courses = f.Courses.Where(c => c.InScope > 0).ToList();
        if (courses.Count == 0)
        {
            return Make(ReasonableStep.Training, f.Day, 0, o, ["No training course was recorded for anyone."],
                [new("Add the training course everyone takes", "/training/courses/new", 100)]);
        }
        var inScope = courses.Sum(c => c.InScope);
        var inDate = courses.Sum(c => c.InDate);
        var score = Percent(inDate, inScope);
        var why = new List<string> { $"{score}% of required training is in date ({inDate:N0} of {inScope:N0} across {Plural(courses.Count, "course", "courses")})." };
        var next = new List<NextAction>();
        foreach (var c in courses.OrderBy(c => Percent(c.InDate, c.InScope)).ThenBy(c => c.Title, StringComparer.CurrentCulture))
        {
            var line = $"{c.Title}: {Percent(c.InDate, c.InScope)}% in date; {c.Stale:N0} stale, {c.Never:N0} never trained.";
            if (c.LongStale > 0) line = line[..^1] + $"; {Plural(c.LongStale, "person's", "people's")} training over {o.LongStaleMonths / 12} years old.";
            why.Add(line);
            var outstanding = c.Stale + c.Never;
            // What reminding everyone outstanding on this course would add, if they all took it.
            var gain = Percent(inDate + outstanding, inScope) - score;
            if (outstanding > 0) next.Add(new($"Remind the {Plural(outstanding, "person", "people")} whose \"{c.Title}\" training is stale or missing", $"/training/courses/{c.CourseId}?list=outstanding#people", gain));
        }
        return Make(ReasonableStep.Training, f.Day, score, o, why, next);
    }

    /// <summary>
    /// Step 4. A reporting route anyone can use, named or anonymous, without an account: 50, as this app provides
    /// one at /report (guidance, step 4). The policy in force tells people where it is: 50 (guidance, steps 1 and 4).
    /// </summary>
    public static StepScore Reporting(ReportingFacts f, ScoringOptions o)
    {
        var why = new List<string> { "Anyone can report, named or anonymously and without an account, at the reporting page." };
        var next = new List<NextAction>();
        var named = f.PolicyNamesReportingPage ? 50 : 0;
        if (f.PolicyId is null)
        {
            why.Add("No anti-harassment policy was in force to tell people where to report.");
            next.Add(new("Publish the anti-harassment policy with the reporting page in it", "/policies/manage", 50));
        }
        else if (!f.PolicyNamesReportingPage)
        {
            why.Add("The policy in force does not give the reporting page's address.");
            next.Add(new("Add the reporting page's address to the policy and publish it", $"/policies/manage/{f.PolicyId}", 50));
        }
        else
        {
            why.Add("The policy in force gives the reporting page's address.");
        }
        return Make(ReasonableStep.Reporting, f.Day, 50 + named, o, why, next);
    }

    /// <summary>
    /// Step 6. The share of case deadlines met (acknowledging, triage, feedback, each a setting) among those that fell
    /// due in the 12 months to the day (guidance, step 6: act promptly, give an outcome in good time). No deadline
    /// due scores 100: nothing was handled late.
    /// </summary>
    public static StepScore Complaints(ComplaintFacts f, ScoringOptions o)
    {
        var due = f.DeadlinesMet + f.DeadlinesMissed;
        var why = new List<string> { $"{Plural(f.Received, "report was", "reports were")} received in the {o.WindowMonths} months to {UkDates.Long(f.Day)}." };
        if (due == 0)
        {
            why.Add("No case deadline fell due in that time.");
            return Make(ReasonableStep.Complaints, f.Day, 100, o, why, []);
        }
        var score = Percent(f.DeadlinesMet, due);
        why.Add($"{f.DeadlinesMet:N0} of {Plural(due, "deadline", "deadlines")} (acknowledging, triage, feedback) were met ({score}%).");
        var next = new List<NextAction>();
        if (f.DeadlinesMissed > 0) next.Add(new("Deal with the cases whose deadlines have been missed", "/cases?view=attention", 100 - score));
        return Make(ReasonableStep.Complaints, f.Day, score, o, why, next);
    }

    /// <summary>
    /// Step 7. The share of third-party incidents in the 12 months to the day after which the site's risk assessment
    /// was reviewed and approved again within the review period (a setting; guidance, step 7: treat third-party
    /// harassment as seriously, and review the risk when it changes). No incident to act on scores 100.
    /// </summary>
    public static StepScore ThirdParties(ThirdPartyFacts f, ScoringOptions o)
    {
        var decided = f.ReviewedInTime + f.NotReviewedInTime;
        var why = new List<string> { $"{Plural(f.Incidents, "incident", "incidents")} of harassment by third parties logged in the {o.WindowMonths} months to {UkDates.Long(f.Day)}." };
        if (decided == 0)
        {
            why.Add(f.Incidents == 0 ? "None needed a review of a risk assessment." : "Their reviews are not due yet.");
            return Make(ReasonableStep.ThirdParties, f.Day, 100, o, why, []);
        }
        var score = Percent(f.ReviewedInTime, decided);
        why.Add($"After {f.ReviewedInTime:N0} of {decided:N0}, the site's risk assessment was reviewed within {o.ThirdPartyReviewWithinDays} days ({score}%).");
        var next = new List<NextAction>();
        if (f.NotReviewedInTime > 0) next.Add(new("Review the risk assessments flagged by incidents", "/risk/assessments?show=review", 100 - score));
        return Make(ReasonableStep.ThirdParties, f.Day, score, o, why, next);
    }

    /// <summary>
    /// Step 8. A review of the position by the board (or a committee), signed off by a director, within the last
    /// 12 months: 100, less 20 for each month or part month beyond (guidance, step 8: monitor and evaluate; the
    /// yearly review and its decay are our reasoning). None scores 0. Then up to 30 off in proportion to the action
    /// plan's open actions that are overdue (guidance: act on what monitoring finds; the weight is our reasoning).
    /// </summary>
    public static StepScore Monitoring(MonitoringFacts f, ScoringOptions o)
    {
        const string SignOff = "/position/sign-off";
        var why = new List<string>();
        var next = new List<NextAction>();
        int score;
        if (f.LastReviewedOn is not { } last)
        {
            score = 0;
            why.Add("No board review of the position has been signed off.");
            next.Add(new("Review the position with the board and sign it off", SignOff, 100));
        }
        else
        {
            why.Add($"The position was last reviewed by {f.Meeting} on {UkDates.Long(last)}, signed off by {f.SignedBy}.");
            var due = last.AddMonths(12);
            score = 100;
            if (f.Day > due)
            {
                var months = MonthsPast(due, f.Day);
                score = Math.Max(0, 100 - 20 * months);
                why.Add($"That review is more than a year old ({Plural(months, "month", "months")} or part past its anniversary).");
                next.Add(new("Review the position with the board and sign it off", SignOff, 100 - score));
            }
        }
        if (f.OverdueActions > 0)
        {
            var penalty = 30 * f.OverdueActions / f.OpenActions;
            why.Add($"{f.OverdueActions:N0} of the action plan's {Plural(f.OpenActions, "open action is", "open actions are")} overdue.");
            next.Add(new($"Finish the {Plural(f.OverdueActions, "overdue action", "overdue actions")} in the action plan", "/position/actions?show=overdue", Math.Min(penalty, score)));
            score -= penalty;
        }
        else if (f.OpenActions > 0)
        {
            why.Add($"The action plan has {Plural(f.OpenActions, "open action", "open actions")}, none overdue.");
        }
        return Make(ReasonableStep.Monitoring, f.Day, score, o, why, next);
    }

    /// <summary>Whole months from one day to a later one, a part month counting as one.</summary>
    internal static int MonthsPast(DateOnly from, DateOnly to)
    {
        var months = 0;
        while (from.AddMonths(months) < to) months++;
        return months;
    }

    private static StepScore Make(ReasonableStep step, DateOnly day, int score, ScoringOptions o, List<string> why, List<NextAction> next)
    {
        var clamped = Math.Clamp(score, 0, 100);
        return new StepScore(step, day, clamped, o.StatusOf(clamped), why, [.. next.Where(n => n.Gain > 0).OrderByDescending(n => n.Gain)]);
    }
}
