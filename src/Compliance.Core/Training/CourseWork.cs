using System.Text.RegularExpressions;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Training;

/// <summary>A course as typed on its form: every value as text, so each mistake can be named.</summary>
public sealed record CourseInput(string? Code, string? Title, string? Provider, string? WhereToTake, CourseAudience? Audience, Guid[] AudienceIds,
    string? RefreshMonths, string? JoinerDays, bool RequiresPass, string? ActivityId);

/// <summary>A content version as typed.</summary>
public sealed record CourseVersionInput(string? EffectiveFrom, string? Summary, TrainingTopics Topics);

/// <summary>Creating and changing courses and adding content versions: checked, saved and audited together.</summary>
public sealed partial class CourseWork(ComplianceDbContext db, AuditTrail audit, TimeProvider clock, IOptions<TrainingOptions> options)
{
    public const int MaxRefreshMonths = 60;
    public const int MaxJoinerDays = 365;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => UkCalendar.Today(clock);

    public CourseInput Defaults() => new(null, null, null, null, CourseAudience.Everyone, [],
        options.Value.DefaultRefreshMonths.ToString(), options.Value.DefaultJoinerDays.ToString(), false, null);

    public async Task<(Guid? Id, List<FieldError> Errors)> CreateAsync(CourseInput input, CourseVersionInput first, string byName, CancellationToken ct = default)
    {
        var (settings, errors) = await CheckAsync(null, input, ct);
        var version = CheckVersion(first, errors);
        if (settings is null || version is null || errors.Count > 0) return (null, errors);
        var course = new Course(settings, Now);
        course.AddVersion(version.Value.From, version.Value.Summary, first.Topics, byName, Now);
        db.Courses.Add(course);
        await audit.SaveAsync(db, AuditEvent.For("training.course.created", "Course", course.Id,
            $"Course \"{course.Title}\" ({course.Code}) created for {course.Audience.Label().ToLowerInvariant()}, refreshed every {course.RefreshMonths} months, joiners within {course.JoinerDays} days{(course.RequiresPass ? ", pass required" : "")}"), ct);
        return (course.Id, errors);
    }

    public async Task<List<FieldError>> UpdateAsync(Guid id, CourseInput input, CancellationToken ct = default)
    {
        var course = await db.Courses.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (course is null) return [new("", "That course does not exist.")];
        var (settings, errors) = await CheckAsync(id, input, ct);
        if (settings is null || errors.Count > 0) return errors;
        var before = Describe(course);
        course.Apply(settings, Now);
        var after = Describe(course);
        if (before == after) return errors;
        await audit.SaveAsync(db, AuditEvent.For("training.course.changed", "Course", course.Id, $"Course \"{course.Title}\" changed from {before} to {after}"), ct);
        return errors;
    }

    public async Task<List<FieldError>> AddVersionAsync(Guid id, CourseVersionInput input, string byName, CancellationToken ct = default)
    {
        var course = await db.Courses.Include(c => c.Versions).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (course is null) return [new("", "That course does not exist.")];
        var errors = new List<FieldError>();
        var version = CheckVersion(input, errors);
        if (version is null || errors.Count > 0) return errors;
        var added = course.AddVersion(version.Value.From, version.Value.Summary, input.Topics, byName, Now);
        db.Add(added);
        await audit.SaveAsync(db, AuditEvent.For("training.version.added", "Course", course.Id,
            $"Content version {added.Number} of \"{course.Title}\" from {UkDates.Long(added.EffectiveFrom)}: {TrainingLabels.Describe(added.Topics)}"), ct);
        return errors;
    }

    private static string Describe(Course c) =>
        $"[{c.Code}, \"{c.Title}\", {c.Audience.Label().ToLowerInvariant()}{(c.AudienceIds.Length > 0 ? $" ({c.AudienceIds.Length})" : "")}, {c.RefreshMonths} months, joiners {c.JoinerDays} days, {(c.RequiresPass ? "pass required" : "no pass required")}{(c.ActivityId is null ? "" : $", activity {c.ActivityId}")}]";

    private (DateOnly From, string Summary)? CheckVersion(CourseVersionInput input, List<FieldError> errors)
    {
        if ((input.Topics & ~TrainingLabels.AllTopics) != 0) errors.Add(new("Topics", "Choose topics from the list."));
        var from = string.IsNullOrWhiteSpace(input.EffectiveFrom) ? Today : UkDates.Parse(input.EffectiveFrom);
        if (from is null) errors.Add(new("EffectiveFrom", $"\"{input.EffectiveFrom!.Trim()}\" is not a date. Use a UK date such as 31/03/2026 or 31 March 2026."));
        var summary = (input.Summary ?? "").Trim();
        if (summary.Length == 0) errors.Add(new("Summary", "Say in a sentence or two what this version of the course teaches."));
        else if (summary.Length > CourseVersion.MaxSummaryLength) errors.Add(new("Summary", $"Keep the summary to {CourseVersion.MaxSummaryLength:N0} characters."));
        return from is null || errors.Count > 0 ? null : (from.Value, summary);
    }

    private async Task<(CourseSettings? Settings, List<FieldError> Errors)> CheckAsync(Guid? id, CourseInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var code = (input.Code ?? "").Trim().ToUpperInvariant();
        if (code.Length == 0) errors.Add(new("Code", "Give the course a short code, such as SH-ALL; import files and the API name courses by it."));
        else if (code.Length > Course.MaxCodeLength || !CodePattern().IsMatch(code)) errors.Add(new("Code", $"Use up to {Course.MaxCodeLength} letters, digits and hyphens for the code."));
        else if (await db.Courses.AnyAsync(c => c.Code == code && c.Id != id, ct)) errors.Add(new("Code", $"Another course already has the code {code}."));
        var title = Text(input.Title, "Title", "the course's title", Course.MaxTitleLength, true, errors)!;
        var provider = Text(input.Provider, "Provider", "the provider", Course.MaxProviderLength, false, errors);
        var where = Text(input.WhereToTake, "WhereToTake", "where to take it", Course.MaxWhereLength, false, errors);
        var activity = Text(input.ActivityId, "ActivityId", "the activity id", Course.MaxActivityIdLength, false, errors);
        if (activity is not null && !Uri.TryCreate(activity, UriKind.Absolute, out _)) errors.Add(new("ActivityId", "The activity id is the full address (IRI) your learning system sends as the statement's object id, such as https://lms.example.org/course/12."));
        else if (activity is not null && await db.Courses.AnyAsync(c => c.ActivityId == activity && c.Id != id, ct)) errors.Add(new("ActivityId", "Another course already has that activity id."));
        var refresh = Number(input.RefreshMonths, "RefreshMonths", "The refresh interval", 1, MaxRefreshMonths, "months", errors);
        var joiner = Number(input.JoinerDays, "JoinerDays", "The joining period", 0, MaxJoinerDays, "days", errors);
        if (input.Audience is not { } audience || !Enum.IsDefined(audience))
        {
            errors.Add(new("Audience", "Choose who the course is for."));
            return (null, errors);
        }
        // The form offers sites and departments together: only those of the kind chosen count.
        var ticked = input.AudienceIds.Distinct().ToArray();
        var ids = audience switch
        {
            CourseAudience.Sites => [.. await db.Sites.Where(s => ticked.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct)],
            CourseAudience.Departments => [.. await db.Departments.Where(d => ticked.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct)],
            _ => Array.Empty<Guid>(),
        };
        if (audience == CourseAudience.Sites && ids.Length == 0) errors.Add(new("AudienceIds", "Choose at least one site."));
        if (audience == CourseAudience.Departments && ids.Length == 0) errors.Add(new("AudienceIds", "Choose at least one department."));
        if (errors.Count > 0) return (null, errors);
        return (new CourseSettings(code, title, provider, where, audience, ids, refresh!.Value, joiner!.Value, input.RequiresPass, activity), errors);
    }

    private static string? Text(string? value, string field, string what, int max, bool required, List<FieldError> errors)
    {
        var v = (value ?? "").Trim();
        if (v.Length == 0)
        {
            if (required) errors.Add(new(field, $"Enter {what}."));
            return null;
        }
        if (v.Length > max) errors.Add(new(field, $"Keep {what} to {max:N0} characters."));
        return v;
    }

    private static int? Number(string? value, string field, string what, int min, int max, string unit, List<FieldError> errors)
    {
        if (int.TryParse((value ?? "").Trim(), out var n) && n >= min && n <= max) return n;
        errors.Add(new(field, $"{what} must be a whole number of {unit} from {min} to {max}."));
        return null;
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]*$")]
    private static partial Regex CodePattern();
}
