using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Core;
using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Training;
using Compliance.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Api;

/// <summary>One completion as the API takes it: the plain import file's columns, as JSON.</summary>
public sealed record CompletionRecord
{
    public string? EmployeeNumber { get; init; }
    public string? WorkEmail { get; init; }

    /// <summary>The course's code or title.</summary>
    public string? Course { get; init; }

    /// <summary>YYYY-MM-DD.</summary>
    public string? CompletedOn { get; init; }
    public decimal? Score { get; init; }
    public bool? Passed { get; init; }
    public int? ContentVersion { get; init; }
}

/// <summary>What a request recorded.</summary>
public sealed record CompletionsResult(int Added, int Updated, int Skipped, int Ignored);

/// <summary>
/// Completions from a learning system, by the same rules as the import: one or many in a request, all or nothing.
/// And xAPI statements forwarded by a learning record store: "completed" and "passed" are recorded (the actor's
/// mbox matched to the work email, the object id to a course's activity id); other verbs are ignored.
/// </summary>
public static class TrainingApi
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxItems = 1000;

    private static readonly string[] RecordedVerbs = ["http://adlnet.gov/expapi/verbs/completed", "http://adlnet.gov/expapi/verbs/passed"];

    public static void MapTrainingApi(this RouteGroupBuilder api)
    {
        api.MapPost("/training/completions", PostCompletionsAsync)
            .WithTags("Training")
            .RequireAuthorization(ApiTokenAuthentication.Policy(ApiScopes.TrainingWrite))
            .WithName("PostTrainingCompletions")
            .WithSummary("Record one or many training completions")
            .WithDescription($"A completion object, or an array of up to {MaxItems:N0}. Each names a person (employee_number or work_email), a course (its code or title) and completed_on (YYYY-MM-DD), with optional score, passed and content_version. All are recorded or, if any is wrong, none; errors name the item and the field. The same person, course and day again is skipped, or updated when its result differs.")
            .WithMetadata(new JsonRequestBody(typeof(CompletionRecord[])))
            .Produces<CompletionsResult>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapPost("/xapi/statements", PostStatementsAsync)
            .WithTags("Training")
            .RequireAuthorization(ApiTokenAuthentication.Policy(ApiScopes.TrainingWrite))
            .WithName("PostXapiStatements")
            .WithSummary("Record completions from xAPI statements")
            .WithDescription("A statement or an array of statements, as a learning record store forwards them. Verbs completed and passed (ADL) are recorded: actor.mbox is matched to a work email, object.id to a course's xAPI activity id, result.success and result.score.scaled (or raw) are kept, and timestamp gives the UK date. Statements with other verbs are ignored. All are recorded or none.")
            .Produces<CompletionsResult>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<IResult> PostCompletionsAsync(HttpRequest request, ClaimsPrincipal user, RecordCompletions record, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync(request, ct);
        if (problem is not null) return problem;
        try
        {
            return await CompletionsAsync(body!, user, record, ct);
        }
        catch (ArgumentException)
        {
            return Invalid("body", "An object in the body names the same field twice.");
        }
    }

    private static async Task<IResult> CompletionsAsync(JsonNode body, ClaimsPrincipal user, RecordCompletions record, CancellationToken ct)
    {
        var items = body is JsonArray array ? array.ToList() : [body];
        if (items.Count == 0) return Invalid("body", "Send at least one completion.");
        if (items.Count > MaxItems) return Invalid("body", $"Send at most {MaxItems:N0} completions in one request.");
        var rows = new List<CompletionInput>();
        for (var i = 0; i < items.Count; i++)
        {
            CompletionRecord? item;
            try
            {
                item = items[i]?.Deserialize<CompletionRecord>(EmployeesApi.Json);
            }
            catch (JsonException e)
            {
                var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "";
                return Invalid(Name(body, i, field), e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                    ? $"\"{field}\" is not a field of a completion." : $"The value of \"{field}\" is not valid JSON of the right type.");
            }
            if (item is null) return Invalid(Name(body, i, ""), "Each completion must be a JSON object.");
            rows.Add(new CompletionInput(i + 1, i + 1, item.EmployeeNumber, item.WorkEmail, item.Course, item.CompletedOn,
                item.Score?.ToString(CultureInfo.InvariantCulture), item.Passed switch { true => "yes", false => "no", null => null }, item.ContentVersion?.ToString(CultureInfo.InvariantCulture)));
        }
        return await RecordAsync(record, rows, body, CompletionSource.Api, user, 0, ct);
    }

    private static async Task<IResult> PostStatementsAsync(HttpRequest request, ClaimsPrincipal user, RecordCompletions record, ComplianceDbContext db, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync(request, ct);
        if (problem is not null) return problem;
        try
        {
            return await StatementsAsync(body!, user, record, db, ct);
        }
        catch (ArgumentException)
        {
            // System.Text.Json refuses an object that names a property twice only when it is read.
            return Invalid("body", "An object in the body names the same field twice.");
        }
    }

    private static async Task<IResult> StatementsAsync(JsonNode body, ClaimsPrincipal user, RecordCompletions record, ComplianceDbContext db, CancellationToken ct)
    {
        var items = body is JsonArray array ? array.ToList() : [body];
        if (items.Count == 0) return Invalid("body", "Send at least one statement.");
        if (items.Count > MaxItems) return Invalid("body", $"Send at most {MaxItems:N0} statements in one request.");
        var courses = await db.Courses.AsNoTracking().Where(c => c.ActivityId != null).ToDictionaryAsync(c => c.ActivityId!, c => c.Code, StringComparer.Ordinal, ct);
        var rows = new List<CompletionInput>();
        var ignored = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject s) return Invalid(Name(body, i, ""), "Each statement must be a JSON object.");
            var verb = Text(s, "verb", "id");
            if (verb is null || !RecordedVerbs.Contains(verb, StringComparer.Ordinal))
            {
                ignored++;
                continue;
            }
            var mbox = Text(s, "actor", "mbox");
            if (mbox is null || !mbox.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
                return Invalid(Name(body, i, "actor.mbox"), "The actor needs an mbox (mailto:their work email) to be matched to a person.");
            var activity = Text(s, "object", "id");
            if (activity is null) return Invalid(Name(body, i, "object.id"), "The statement has no object id.");
            if (!courses.TryGetValue(activity, out var code)) return Invalid(Name(body, i, "object.id"), $"No course has the xAPI activity id \"{activity}\". Set it on the course's page.");
            var stamp = Text(s, "timestamp");
            if (stamp is null) return Invalid(Name(body, i, "timestamp"), "The statement has no timestamp, so its date is not known.");
            if (CompletionDates.Instant(stamp) is not { } at) return Invalid(Name(body, i, "timestamp"), $"\"{stamp}\" is not an ISO 8601 time, such as 2026-02-20T10:35:00Z.");
            var day = DateOnly.FromDateTime(UkCalendar.ToUk(at.UtcDateTime)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var result = s["result"] as JsonObject;
            bool? success = result?["success"] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
            if (verb.EndsWith("/passed", StringComparison.Ordinal)) success ??= true;
            // A score as a share of the whole (scaled, or raw of max); one outside 0 to 100% is not kept.
            double? share = null;
            if (result?["score"] is JsonObject sc)
            {
                if (sc["scaled"] is JsonValue scaled && scaled.TryGetValue<double>(out var x)) share = x;
                else if (sc["raw"] is JsonValue raw && raw.TryGetValue<double>(out var r) && sc["max"] is JsonValue max && max.TryGetValue<double>(out var m) && m > 0) share = r / m;
            }
            decimal? score = share is >= 0 and <= 1 ? Math.Round((decimal)(share.Value * 100), 2) : null;
            rows.Add(new CompletionInput(i + 1, i + 1, null, mbox["mailto:".Length..], code, day, score?.ToString(CultureInfo.InvariantCulture), success switch { true => "yes", false => "no", null => null }));
        }
        if (rows.Count == 0) return Results.Json(new CompletionsResult(0, 0, 0, ignored), EmployeesApi.Json);
        // A record store often sends "completed" and "passed" for one attempt: one completion, with the pass if any said so.
        rows = [.. rows.GroupBy(r => (r.WorkEmail!.ToUpperInvariant(), r.Course, r.CompletedOn)).Select(g => g.First() with
        {
            Passed = g.Any(r => r.Passed == "yes") ? "yes" : g.Any(r => r.Passed == "no") ? "no" : null,
            Score = g.Select(r => r.Score).FirstOrDefault(x => x is not null),
        })];
        return await RecordAsync(record, rows, body, CompletionSource.Xapi, user, ignored, ct);
    }

    private static async Task<IResult> RecordAsync(RecordCompletions record, List<CompletionInput> rows, JsonNode? body, CompletionSource source, ClaimsPrincipal user, int ignored, CancellationToken ct)
    {
        var result = await record.RecordAsync(rows, source, TokenName(user), TokenName(user) ?? "API", ct);
        if (!result.Recorded)
        {
            var errors = result.Analysis.Errors.GroupBy(e => Name(body, e.Row - 1, source == CompletionSource.Xapi ? Xapi(e.Column) : e.Column))
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            if (errors.Count == 0) errors["body"] = ["Nothing to record."];
            return Results.ValidationProblem(errors, title: "Nothing was recorded", statusCode: StatusCodes.Status400BadRequest);
        }
        var a = result.Analysis;
        return Results.Json(new CompletionsResult(a.ToCreate, a.ToUpdate, a.ToSkip, ignored), EmployeesApi.Json);
    }

    private static string Xapi(string column) => column switch
    {
        "work_email" => "actor.mbox",
        "course" => "object.id",
        "completed_on" => "timestamp",
        "passed" => "result.success",
        "score" => "result.score",
        _ => column,
    };

    /// <summary>The field's name as the client sent it: "field" for one object, "[2].field" for the third of an array.</summary>
    private static string Name(JsonNode? body, int index, string field) =>
        body is JsonArray ? $"[{index}]{(field.Length > 0 && field != "(row)" ? "." + field : "")}" : field is "" or "(row)" ? "body" : field;

    private static string? Text(JsonObject o, params string[] path)
    {
        JsonNode? node = o;
        foreach (var p in path) node = (node as JsonObject)?[p];
        return node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
    }

    private static string? TokenName(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } n ? (n.Length > 100 ? n[..100] : n) : null;

    private static async Task<(JsonNode? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return (null, TooLarge());
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes) return (null, TooLarge());
        }
        if (!request.HasJsonContentType())
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send JSON", detail: "Set 'Content-Type: application/json'."));
        }
        buffer.Position = 0;
        try
        {
            var node = await JsonNode.ParseAsync(buffer, cancellationToken: ct);
            return node is JsonObject or JsonArray ? (node, null) : (null, Invalid("body", "Send a JSON object or an array of objects."));
        }
        catch (JsonException)
        {
            return (null, Invalid("body", "The body is not valid JSON."));
        }
    }

    private static IResult TooLarge() =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large", detail: $"Send at most {MaxBodyBytes / 1024} KB in one request.");

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Nothing was recorded");
}
