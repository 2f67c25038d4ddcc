namespace Compliance.Core.Mail;

/// <summary>
/// The typed model of one template in templates/email/: <see cref="Template"/> names the pair of files
/// (name.html.sbn and name.txt.sbn). Only these properties reach the template; a name the template uses that the
/// model lacks fails rendering, so a typo cannot send a message with a hole in it.
/// </summary>
public interface IEmailModel
{
    string Template { get; }
    string Subject { get; }

    /// <summary>For a reporter rather than staff: the footer says why they are getting it in their terms.</summary>
    bool ToReporter => false;

    /// <summary>The link's words and the footer, when the message is for someone other than staff or a reporter.</summary>
    string? LinkLabel => null;

    string? Footer => null;
}

/// <summary>A request to read a policy and confirm it, with a personal link; also each reminder.</summary>
public sealed record PolicyRequestEmail(string OrganisationName, string PolicyTitle, int VersionNumber, int Reminder) : IEmailModel
{
    public string Template => "policy-acknowledge";
    public string Subject => Reminder == 0 ? $"Please read: {PolicyTitle}" : $"Reminder: please read {PolicyTitle}";
    public string LinkLabel => "Read the policy";
    public string Footer => $"{OrganisationName} asks everyone it applies to to read this policy. The link is personal to you: please do not forward it. It records only that you confirmed, and when.";
}

/// <summary>A policy's review date, to the HR managers: coming up, or passed.</summary>
public sealed record PolicyReviewEmail(string PolicyTitle, string DueOn, string When, bool Overdue) : IEmailModel
{
    public string Template => "policy-review-due";
    public string Subject => Overdue ? $"Policy review overdue: {PolicyTitle}" : $"Policy review due {When}: {PolicyTitle}";
}

/// <summary>To a line manager: how many of their people have not confirmed a policy, weeks after being asked. No names.</summary>
public sealed record PolicyTeamEmail(string PolicyTitle, int Outstanding, int Days) : IEmailModel
{
    public string Template => "policy-team-outstanding";
    public string Subject => $"Your team: {PolicyTitle} not yet read";
}

public sealed record TestMessageEmail(string SentBy, string SentAt) : IEmailModel
{
    public string Template => "test-message";
    public string Subject => "Test message from your harassment prevention records";
}

/// <summary>A risk assessment's review: coming up in 30 or 7 days, overdue, or asked for early.</summary>
public sealed record RiskReviewEmail(string AssessmentTitle, string DueOn, string When, bool Overdue, bool Flagged, string? FlagReason) : IEmailModel
{
    public string Template => "risk-review-due";
    public string Subject => Flagged ? $"Risk assessment to review early: {AssessmentTitle}"
        : Overdue ? $"Risk assessment review overdue: {AssessmentTitle}" : $"Risk assessment review due {When}: {AssessmentTitle}";
}

public sealed record ActionOverdueEmail(string ActionDescription, string Owner, string AssessmentTitle, string DueOn) : IEmailModel
{
    public string Template => "action-overdue";
    public string Subject => $"Action overdue on {AssessmentTitle}";
}

/// <summary>A case deadline. Carries no case content: only which deadline, when, and whether it has passed.</summary>
public sealed record CaseDeadlineEmail(string Deadline, string DueOn, bool Missed, bool Unassigned) : IEmailModel
{
    public string Template => "case-deadline";
    public string Subject => Missed ? $"Case deadline missed: {Deadline}" : $"Case deadline coming up: {Deadline}";
}

/// <summary>A check-in with the person who reported, after closure. No case content.</summary>
public sealed record CaseCheckInEmail(string DueOn, int Number, int Of) : IEmailModel
{
    public string Template => "case-check-in";
    public string Subject => "Check-in due with the person who reported";
}

/// <summary>A report waiting for a handler, or a reporter's new message. No case content: only that it waits and whether it is urgent.</summary>
public sealed record CaseWaitingEmail(bool Urgent, bool Message, bool Unassigned) : IEmailModel
{
    public string Template => "case-waiting";
    public string Subject => (Urgent ? "Urgent: a" : "A") + (Message ? " reporter has written on a case" : " new report is waiting for a case handler");
}

/// <summary>A one-time link to choose a password. The link itself is the layout's link; it is never stored.</summary>
public sealed record InvitationEmail(string Organisation, string InvitedBy, string ExpiresAt) : IEmailModel
{
    public string Template => "invitation";
    public string Subject => $"Your account for {Organisation}'s harassment prevention records";
}

/// <summary>To a confidential reporter who asked: a message is waiting. Nothing of the case, not even its reference.</summary>
public sealed record ReporterMessageEmail : IEmailModel
{
    public string Template => "reporter-message";
    public string Subject => "A new message is waiting for you";
    public bool ToReporter => true;
}

/// <summary>The audit trail's head on a day, for directors to keep: a copy outside the app of what the trail said.</summary>
public sealed record AuditCheckpointEmail(long Sequence, string Hash, string At) : IEmailModel
{
    public string Template => "audit-checkpoint";
    public string Subject => $"Audit trail checkpoint: {Sequence:N0} entries";
}

/// <summary>
/// To a person (no account): their training on a course lapses soon, has lapsed, or HR asks them to take it. Says
/// which course and where to take it; nothing else about them.
/// </summary>
public sealed record TrainingReminderEmail(string OrganisationName, string CourseTitle, string Reason, string LapsesOn, string WhereToTake) : IEmailModel
{
    public string Template => "training-reminder";
    public string Subject => Reason switch
    {
        "due" => $"Your training is due: {CourseTitle}",
        "stale" => $"Your training has lapsed: {CourseTitle}",
        _ => $"Please take your training: {CourseTitle}",
    };
    public string Footer => $"{OrganisationName} asks everyone a course is for to keep it up to date. Reply to HR if you have already taken it.";
}

/// <summary>To a line manager: how many of their people's training on a course lapsed on a day. No names.</summary>
public sealed record TrainingTeamEmail(string CourseTitle, int Stale, string LapsedOn) : IEmailModel
{
    public string Template => "training-team-stale";
    public string Subject => $"Your team: training lapsed on {CourseTitle}";
}

/// <summary>To HR managers: a course's coverage is below the threshold.</summary>
public sealed record TrainingCoverageEmail(string CourseTitle, int Percent, int Threshold, int Stale, int Never) : IEmailModel
{
    public string Template => "training-coverage-low";
    public string Subject => $"Training coverage below {Threshold}%: {CourseTitle}";
}
