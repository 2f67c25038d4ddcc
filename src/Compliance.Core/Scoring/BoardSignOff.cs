using System.Text.Json;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Scoring;

/// <summary>
/// A review of the position by the board or a committee, signed by a director with a second factor: when, which
/// meeting, who attended, what was decided, and the scores of the meeting day (this review counted in step 8 when it
/// was signed on that day), kept as they were worked out at signing.
/// </summary>
public sealed class BoardSignOff
{
    public const int MaxMeetingLength = 200;
    public const int MaxAttendeesLength = 2000;
    public const int MaxDecisionsLength = 8000;

    private BoardSignOff()
    {
    }

    internal BoardSignOff(Guid id, DateOnly reviewedOn, string meeting, string attendees, string decisions, string scoresSeen, Guid signedById, string signedByName, DateTime nowUtc)
    {
        Id = id;
        (ReviewedOn, Meeting, Attendees, Decisions, ScoresSeen, SignedById, SignedByName, SignedAtUtc) = (reviewedOn, meeting, attendees, decisions, scoresSeen, signedById, signedByName, nowUtc);
    }

    public Guid Id { get; private set; }

    /// <summary>The day of the meeting that reviewed the position.</summary>
    public DateOnly ReviewedOn { get; private set; }

    public string Meeting { get; private set; } = "";
    public string Attendees { get; private set; } = "";
    public string Decisions { get; private set; } = "";

    /// <summary>The meeting day's scores as worked out at signing, as JSON (step, score, status), kept as they were.</summary>
    public string ScoresSeen { get; private set; } = "[]";

    public Guid SignedById { get; private set; }
    public string SignedByName { get; private set; } = "";
    public DateTime SignedAtUtc { get; private set; }

    public sealed record SeenScore(ReasonableStep Step, int Score, StepStatus Status);

    public IReadOnlyList<SeenScore> Seen() => JsonSerializer.Deserialize<List<SeenScore>>(ScoresSeen) ?? [];

    /// <summary>Keeps the meeting day's scores, worked out once this sign-off is saved.</summary>
    internal void Keep(IEnumerable<StepScore> scores) => ScoresSeen = Freeze(scores);

    internal static string Freeze(IEnumerable<StepScore> scores) => JsonSerializer.Serialize(scores.Select(s => new SeenScore(s.Step, s.Score, s.Status)).ToList());
}

public sealed record SignOffInput(string? ReviewedOn, string? Meeting, string? Attendees, string? Decisions, IReadOnlyList<PlanActionInput>? Actions = null)
{
    /// <summary>The most actions one sign-off form carries; more are added on the action plan.</summary>
    public const int MaxActions = 5;
}

/// <summary>Records a board sign-off of today's position. The second factor is checked by the page before this is called.</summary>
public sealed class SignOffPosition(ComplianceDbContext db, AuditTrail audit, StepEvidence evidence, TimeProvider clock, AuditAnchor? anchor = null)
{
    public async Task<(Guid? Id, List<FieldError> Errors)> HandleAsync(SignOffInput input, Guid directorId, string directorName, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var today = UkCalendar.Today(clock);
        var on = UkDates.Parse(input.ReviewedOn);
        if (string.IsNullOrWhiteSpace(input.ReviewedOn)) errors.Add(new(nameof(input.ReviewedOn), "Enter the date of the meeting that reviewed the position."));
        else if (on is null) errors.Add(new(nameof(input.ReviewedOn), $"\"{input.ReviewedOn.Trim()}\" is not a date. Use a date such as 14/03/2026."));
        else if (on > today) errors.Add(new(nameof(input.ReviewedOn), "The meeting cannot be in the future."));
        else if (on < today.AddMonths(-3)) errors.Add(new(nameof(input.ReviewedOn), "A sign-off records a review of today's position: the meeting must be within the last three months."));
        var meeting = Required(input.Meeting, nameof(input.Meeting), "Enter the meeting, such as \"Board\" or \"Audit committee\".", BoardSignOff.MaxMeetingLength, errors);
        var attendees = Required(input.Attendees, nameof(input.Attendees), "Enter who attended.", BoardSignOff.MaxAttendeesLength, errors);
        var decisions = Required(input.Decisions, nameof(input.Decisions), "Enter what the meeting decided, even if it was to make no change.", BoardSignOff.MaxDecisionsLength, errors);
        var now = clock.GetUtcNow().UtcDateTime;
        var signOffId = RecordId.New();
        var actions = new List<PlanAction>();
        var given = (input.Actions ?? []).Take(SignOffInput.MaxActions).ToList();
        for (var i = 0; i < given.Count; i++)
        {
            if (given[i].IsBlank) continue;
            if (ActionPlan.Parse(given[i], PlanSource.BoardSignOff, signOffId, directorName, today, now, $"Actions[{i}].", errors) is { } a) actions.Add(a);
        }
        if (errors.Count > 0) return (null, errors);

        // The scores of the meeting day, worked out from the records for that day: the same figures the position page
        // and the evidence pack work out for it. A review counts from the day it is signed, so one signed on its
        // meeting day counts in that day's step 8: it is saved first, in a transaction, and the day worked out with
        // it. One signed later does not, and the day is worked out before anything is held.
        var signOff = new BoardSignOff(signOffId, on!.Value, meeting, attendees, decisions, "[]", directorId, directorName, now);
        var signedOnTheDay = on.Value == today;
        var scores = signedOnTheDay ? [] : await evidence.ScoresOnAsync(on.Value, ct);
        await using var tx = signedOnTheDay ? await db.Database.BeginTransactionAsync(ct) : null;
        db.BoardSignOffs.Add(signOff);
        db.PlanActions.AddRange(actions);
        if (signedOnTheDay)
        {
            await db.SaveChangesAsync(ct);
            scores = await evidence.ScoresOnAsync(on.Value, ct);
        }
        signOff.Keep(scores);
        await audit.SaveAsync(db, AuditEvent.For("position.signed-off", "BoardSignOff", signOff.Id,
            $"Position reviewed by {meeting} on {UkDates.Long(signOff.ReviewedOn)} and signed off by {directorName}: "
            + string.Join(", ", scores.Select(s => $"step {(int)s.Step} {s.Score}")) + (actions.Count == 0 ? "" : $"; {actions.Count} action(s) added to the action plan")), ct);
        if (tx is not null) await tx.CommitAsync(ct);
        // A sign-off is evidence a tribunal will read: its entry is anchored outside the database at once.
        if (anchor is not null) await anchor.TryWriteAsync(db, "board sign-off", ct);
        return (signOff.Id, errors);
    }

    private static string Required(string? value, string field, string missing, int max, List<FieldError> errors)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) errors.Add(new(field, missing));
        else if (text.Length > max) errors.Add(new(field, $"This must be {max:N0} characters or fewer (it is {text.Length:N0})."));
        return text;
    }
}
