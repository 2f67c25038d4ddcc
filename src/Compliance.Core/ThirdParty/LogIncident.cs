using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Core.RiskAssessments;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.ThirdParty;

public sealed record LogIncidentInput(
    string? OccurredOn, Guid? SiteId, ThirdPartyType? PartyType, string? Description, bool IsSexual,
    string? AffectedEmployeeNumber, IReadOnlyCollection<IncidentResponse> Responses, string? RespondedBy);

/// <summary>Who is logging: a line manager may log only for the sites given to them.</summary>
public sealed record IncidentLogger(Guid UserId, string Name, bool LimitedToOwnSites);

/// <summary>
/// Logs a third-party incident and flags the risk assessment covering its site for review, linking the two,
/// because an incident is new evidence about the risk (DOMAIN.md §3: assessments are reviewed after incidents).
/// </summary>
public sealed class LogIncident(ComplianceDbContext db, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The audit action of a site's assessment flagged for review because an incident was logged there.</summary>
    public const string FlaggedForReviewAction = "risk-assessment.flagged-for-review";

    public async Task<(Guid? Id, List<FieldError> Errors)> HandleAsync(LogIncidentInput input, IncidentLogger logger, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var today = UkCalendar.Today(clock);
        var occurredOn = EmployeeValidator.ParseDate(input.OccurredOn);
        if (occurredOn is null) errors.Add(new("OccurredOn", "Enter the date it happened as a UK date, such as 31/03/2026 or 31 March 2026."));
        else if (occurredOn > today) errors.Add(new("OccurredOn", "The date it happened cannot be in the future."));

        var site = input.SiteId is { } siteId ? await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == siteId, ct) : null;
        if (site is null) errors.Add(new("SiteId", "Choose the site where it happened."));
        else if (logger.LimitedToOwnSites && !await db.SitesOf(logger.UserId).ContainsAsync(site.Id, ct))
        {
            errors.Add(new("SiteId", "You can log incidents only for the sites you manage."));
        }

        if (input.PartyType is null || !Enum.IsDefined(input.PartyType.Value)) errors.Add(new("PartyType", "Choose who it was: a customer, client, contractor and so on."));

        var description = input.Description?.Trim();
        if (string.IsNullOrEmpty(description)) errors.Add(new("Description", "Say what happened."));
        else if (description.Length > ThirdPartyIncident.MaxDescriptionLength) errors.Add(new("Description", $"Keep the description to {ThirdPartyIncident.MaxDescriptionLength:N0} characters or fewer."));

        Guid? affectedId = null;
        var number = input.AffectedEmployeeNumber?.Trim();
        if (!string.IsNullOrEmpty(number))
        {
            var people = logger.LimitedToOwnSites ? db.EmployeesVisibleTo(logger.UserId) : db.Employees;
            affectedId = await people.Where(e => e.EmployeeNumber == number).Select(e => (Guid?)e.Id).SingleOrDefaultAsync(ct);
            if (affectedId is null) errors.Add(new("AffectedEmployeeNumber", $"There is no employee numbered \"{number}\" among the people you can see."));
        }

        var responses = input.Responses.Aggregate(IncidentResponse.None, (all, r) => all | r);
        var respondedBy = input.RespondedBy?.Trim();
        if (responses == IncidentResponse.None) errors.Add(new("Responses", "Say what was done, or choose \"None yet\"."));
        else if (responses.HasFlag(IncidentResponse.NoneYet) && responses != IncidentResponse.NoneYet) errors.Add(new("Responses", "\"None yet\" cannot be chosen with another action."));
        else if (responses != IncidentResponse.NoneYet && string.IsNullOrEmpty(respondedBy)) errors.Add(new("RespondedBy", "Say who took the action."));
        if (respondedBy?.Length > 200) errors.Add(new("RespondedBy", "Keep this to 200 characters or fewer."));
        if (errors.Count > 0) return (null, errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var incident = new ThirdPartyIncident(occurredOn!.Value, site!.Id, input.PartyType!.Value, description!, input.IsSexual, affectedId,
            responses, string.IsNullOrEmpty(respondedBy) ? null : respondedBy, logger.UserId, logger.Name, now);
        db.ThirdPartyIncidents.Add(incident);
        var events = new List<AuditEvent>
        {
            // The description stays out of the audit summary: it may name people.
            AuditEvent.For("third-party-incident.logged", "ThirdPartyIncident", incident.Id,
                $"{input.PartyType.Value.Label()} incident on {UkDates.Long(occurredOn)} at \"{site.Name}\" logged by {logger.Name}{(input.IsSexual ? " (sexual)" : "")}"),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var covering = await RiskQueries.FlagSiteForReviewAsync(db, site.Id, $"{input.PartyType.Value.Label()} incident on {UkDates.Long(occurredOn)}", now, ct);
        foreach (var assessment in covering)
        {
            events.Add(AuditEvent.For(FlaggedForReviewAction, "RiskAssessment", assessment.Id,
                $"\"{assessment.Title}\" flagged for review after a third-party incident ({incident.Id})"));
        }
        if (covering.FirstOrDefault() is { } newest) incident.LinkTo(newest.Id);
        await audit.SaveAsync(db, events, ct);
        // Counted from the day it happened: the kept scores from then on are worked out again.
        await db.ForgetKeptScoresFromAsync(occurredOn.Value, ct);
        await tx.CommitAsync(ct);
        return (incident.Id, []);
    }
}
