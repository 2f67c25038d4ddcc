using Compliance.Core.Auditing;
using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Scoring;

/// <summary>The ways of engaging staff the guidance's step 2 names: asking them, telling them, and involving their representatives.</summary>
public enum EngagementKind
{
    /// <summary>A staff survey, focus group or other way of asking staff about harassment and how safe they feel.</summary>
    Survey = 1,

    /// <summary>A briefing, team meeting or talk that tells staff what harassment is and how to report it.</summary>
    Briefing = 2,

    /// <summary>A notice, poster, newsletter or intranet post.</summary>
    Notice = 3,

    /// <summary>A consultation with a union, staff forum or other staff representatives (a policy's consultations also count).</summary>
    Consultation = 4,
}

/// <summary>Something done to engage staff on preventing sexual harassment: what, when, with whom, and what came of it.</summary>
public sealed class EngagementActivity
{
    public const int MaxTitleLength = 200;
    public const int MaxAudienceLength = 200;
    public const int MaxSummaryLength = 4000;

    private EngagementActivity()
    {
    }

    internal EngagementActivity(EngagementKind kind, DateOnly heldOn, string title, string audience, int? reached, string summary, string? link, string recordedBy, DateTime nowUtc)
    {
        Id = RecordId.New();
        (Kind, HeldOn, Title, Audience, Reached, Summary, EvidenceLink, RecordedByName, RecordedAtUtc) = (kind, heldOn, title, audience, reached, summary, link, recordedBy, nowUtc);
    }

    public Guid Id { get; private set; }
    public EngagementKind Kind { get; private set; }
    public DateOnly HeldOn { get; private set; }
    public string Title { get; private set; } = "";
    public string Audience { get; private set; } = "";

    /// <summary>People who answered or attended, where known.</summary>
    public int? Reached { get; private set; }

    /// <summary>What was found or said, and what will change.</summary>
    public string Summary { get; private set; } = "";
    public string? EvidenceLink { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }
}

public sealed record EngagementInput(string? Kind, string? HeldOn, string? Title, string? Audience, string? Reached, string? Summary, string? Link);

/// <summary>Records an engagement activity, audited.</summary>
public sealed class RecordEngagement(ComplianceDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<(Guid? Id, List<FieldError> Errors)> HandleAsync(EngagementInput input, string actorName, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var today = UkCalendar.Today(clock);
        EngagementKind? kind = Enum.TryParse<EngagementKind>(input.Kind, out var k) && Enum.IsDefined(k) && !int.TryParse(input.Kind, out _) ? k : null;
        if (kind is null) errors.Add(new(nameof(input.Kind), "Choose what kind of activity it was."));
        var on = UkDates.Parse(input.HeldOn);
        if (string.IsNullOrWhiteSpace(input.HeldOn)) errors.Add(new(nameof(input.HeldOn), "Enter the date it took place (or closed, for a survey)."));
        else if (on is null) errors.Add(new(nameof(input.HeldOn), $"\"{input.HeldOn.Trim()}\" is not a date. Use a date such as 14/03/2026."));
        else if (on > today) errors.Add(new(nameof(input.HeldOn), "Record an activity once it has taken place: the date cannot be in the future."));
        else if (on < today.AddYears(-5)) errors.Add(new(nameof(input.HeldOn), "The date must be within the last five years."));
        var title = TextRules.Required(input.Title, EngagementActivity.MaxTitleLength, nameof(input.Title), "The title", errors, "Give the activity a title, such as \"Staff survey 2026\".");
        var audience = TextRules.Required(input.Audience, EngagementActivity.MaxAudienceLength, nameof(input.Audience), "Who it was for", errors, "Say who it was for, such as \"All staff\" or \"Unite, hospitality branch\".");
        int? reached = null;
        if (!string.IsNullOrWhiteSpace(input.Reached))
        {
            if (int.TryParse(input.Reached.Trim().Replace(",", ""), out var r) && r is >= 0 and <= 10_000_000) reached = r;
            else errors.Add(new(nameof(input.Reached), "Enter a whole number of people, or leave it blank."));
        }
        if (reached is { } many && on is { } held)
        {
            // A reach beyond the staff employed that day would be read as evidence it cannot be: it is questioned here.
            var employed = await db.Employees.CountAsync(e => (e.StartDate == null || e.StartDate <= held) && (e.LeavingDate == null || e.LeavingDate > held), ct);
            if (employed > 0 && many > employed)
            {
                errors.Add(new(nameof(input.Reached), $"{many:N0} is more than the {employed:N0} people employed on {UkDates.Long(held)}. Give the number of staff it reached, or leave it blank."));
            }
        }
        var summary = TextRules.Required(input.Summary, EngagementActivity.MaxSummaryLength, nameof(input.Summary), "The summary", errors, "Say what was found or said, and what will change.");
        var link = TextRules.Optional(input.Link, PlanAction.MaxLinkLength, nameof(input.Link), "The link", errors);
        if (link is not null && !ActionPlan.IsEvidenceLink(link)) errors.Add(new(nameof(input.Link), "Enter a web address starting https:// or http://, or a page of this app starting with /."));
        if (errors.Count > 0) return (null, errors);

        var activity = new EngagementActivity(kind!.Value, on!.Value, title!, audience!, reached, summary!, link, actorName, clock.GetUtcNow().UtcDateTime);
        db.EngagementActivities.Add(activity);
        await audit.SaveAsync(db, AuditEvent.For("engagement.recorded", "EngagementActivity", activity.Id,
            $"{kind.Value.Label()} \"{title}\" on {UkDates.Long(activity.HeldOn)} recorded by {actorName}"), ct);
        return (activity.Id, errors);
    }
}

public static class EngagementLabels
{
    public static string Label(this EngagementKind kind) => kind switch
    {
        EngagementKind.Survey => "Staff survey or focus group",
        EngagementKind.Briefing => "Briefing or team meeting",
        EngagementKind.Notice => "Notice, poster or newsletter",
        _ => "Consultation with staff representatives",
    };
}
