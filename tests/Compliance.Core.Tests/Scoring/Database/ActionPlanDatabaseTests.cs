using System.Security.Cryptography;
using Compliance.Core.Cases;
using Compliance.Core.Employees;
using Compliance.Core.RiskAssessments;
using Compliance.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Tests.Scoring.Database;

/// <summary>The action plan's own actions kept, started and completed, each change audited, and a board's sign-off with the scores of its meeting day.</summary>
public sealed class ActionPlanDatabaseTests : IDisposable
{
    private const string BadLink = "Enter a web address starting https:// or http://, or a page of this app starting with /.";
    private static readonly byte[] Pdf = "%PDF-1.7\nminutes"u8.ToArray();
    private readonly EvidenceDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private ActionPlan Plan() => new(_db.Db, _db.Audit, _db.Clock);

    private async Task<Guid> AddAsync(string due = "30/11/2026")
    {
        var (id, errors) = await Plan().AddAsync(new PlanActionInput("5", "  Refresh the course  ", " Hana ", due), "Hana Human");
        errors.Should().BeEmpty();
        return id!.Value;
    }

    private async Task<PlanAction> ReadAsync(Guid id)
    {
        await using var db = _db.NewContext();
        return await db.PlanActions.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    private async Task<List<string>> AuditAsync() => [.. (await _db.AuditEntriesAsync()).Select(a => $"{a.Action} {a.EntityId}: {a.Summary}")];

    [Fact]
    public async Task An_action_added_by_hand_is_kept_open_and_audited()
    {
        var id = await AddAsync();
        var a = await ReadAsync(id);
        (a.Step, a.Description, a.Owner, a.DueDate, a.Status, a.Source, a.SourceId, a.CreatedByName, a.CreatedAtUtc).Should().Be(
            (ReasonableStep.Training, "Refresh the course", "Hana", new DateOnly(2026, 11, 30), ActionStatus.Open, PlanSource.Manual, (Guid?)null, "Hana Human", _db.NowUtc));
        (await AuditAsync()).Should().Equal($"plan.action.added {id}: Action for step 5 added to the action plan by Hana Human, owned by Hana, due 30 November 2026");
    }

    [Fact]
    public async Task A_wrong_action_is_refused_and_nothing_is_kept()
    {
        var (id, errors) = await Plan().AddAsync(new PlanActionInput("9", "", "", "1/1/2020"), "Hana");
        id.Should().BeNull();
        errors.Select(e => e.Field).Should().Equal("Step", "Description", "Owner", "DueDate");
        await using var db = _db.NewContext();
        (await db.PlanActions.CountAsync()).Should().Be(0);
        (await AuditAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task An_action_is_started_once_and_cannot_be_started_again_or_once_done()
    {
        var id = await AddAsync();
        (await Plan().StartAsync(id, "Sam")).Should().BeEmpty();
        (await ReadAsync(id)).Status.Should().Be(ActionStatus.InProgress);
        (await Plan().StartAsync(id, "Sam")).Should().Equal(new FieldError("", "This action is already in progress."));
        (await Plan().CompleteAsync(id, new("16/11/2026", "Done", "/training", null), "Sam")).Should().BeEmpty();
        (await Plan().StartAsync(id, "Sam")).Should().Equal(new FieldError("", "This action is already done."));
        (await Plan().StartAsync(Guid.NewGuid(), "Sam")).Should().Equal(new FieldError("", "That action is not in the plan."));
        (await AuditAsync()).Skip(1).Should().Equal($"plan.action.started {id}: Action in the plan started by Sam",
            $"plan.action.completed {id}: Action in the plan completed on 16 November 2026, recorded by Sam");
    }

    [Fact]
    public async Task A_completion_keeps_the_day_the_note_and_the_evidence_with_the_files_hash_in_the_audit()
    {
        var id = await AddAsync();
        (await Plan().CompleteAsync(id, new(" 16/11/2026 ", "  Course refreshed  ", " https://lms.example/course ", new IncomingFile("minutes.pdf", Pdf)), "Sam")).Should().BeEmpty();
        var a = await ReadAsync(id);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Pdf));
        (a.Status, a.CompletedOn, a.CompletionNote, a.EvidenceLink, a.EvidenceFileName, a.EvidenceSha256).Should().Be(
            (ActionStatus.Done, (DateOnly?)new DateOnly(2026, 11, 16), "Course refreshed", "https://lms.example/course", "minutes.pdf", hash));
        a.EvidenceFile.Should().Equal(Pdf);
        (await AuditAsync()).Last().Should().Be($"plan.action.completed {id}: Action in the plan completed on 16 November 2026, recorded by Sam; evidence file SHA-256 {hash}");
        (await Plan().CompleteAsync(id, new("16/11/2026", "Again", "/x", null), "Sam")).Should().Equal(new FieldError("", "This action is already done."));
        (await Plan().CompleteAsync(Guid.NewGuid(), new("16/11/2026", "Again", "/x", null), "Sam")).Should().Equal(new FieldError("", "That action is not in the plan."));
    }

    [Fact]
    public async Task A_file_alone_is_evidence_enough()
    {
        var id = await AddAsync();
        (await Plan().CompleteAsync(id, new("16/11/2026", "Done", null, new IncomingFile("notes.txt", "Notes of the meeting"u8.ToArray())), "Sam")).Should().BeEmpty();
        (await ReadAsync(id)).EvidenceLink.Should().BeNull();
    }

    public static TheoryData<PlanCompletionInput, FieldError[]> RefusedCompletions => new()
    {
        { new(" ", "Done", "/x", null), [new("CompletedOn", "Enter the date the action was completed.")] },
        { new("yesterday", "Done", "/x", null), [new("CompletedOn", "\"yesterday\" is not a date. Use a date such as 14/03/2027.")] },
        { new("17/11/2026", "Done", "/x", null), [new("CompletedOn", "The completion date cannot be in the future.")] },
        { new("15/11/2026", "Done", "/x", null), [new("CompletedOn", "The action was added on 16 November 2026: it cannot have been completed before that.")] },
        { new("16/11/2026", "", "/x", null), [new("Note", "Say what was done to complete the action.")] },
        { new("16/11/2026", "Done", "javascript:alert(1)", null), [new("Link", BadLink)] },
        { new("16/11/2026", "Done", null, null), [new("Link", "Give the evidence that the action is done: a link, a file, or both.")] },
        { new("16/11/2026", "Done", null, new IncomingFile("minutes.pdf", "not a pdf"u8.ToArray())),
            [new("File", "minutes.pdf: The file's content does not match its type: it is named as a PDF but its content is plain text.")] },
        // A link that is wrong is named once: not also as missing evidence.
        { new("16/11/2026", "Done", "ftp://x", null), [new("Link", BadLink)] },
    };

    [Theory]
    [MemberData(nameof(RefusedCompletions))]
    public async Task A_wrong_completion_is_refused_naming_the_field_and_the_action_stays_open(PlanCompletionInput input, FieldError[] expected)
    {
        var id = await AddAsync();
        (await Plan().CompleteAsync(id, input, "Sam")).Should().Equal(expected);
        (await ReadAsync(id)).Should().Match<PlanAction>(a => a.Status == ActionStatus.Open && a.CompletedOn == null && a.EvidenceFile == null);
        (await AuditAsync()).Should().HaveCount(1);
    }

    private SignOffPosition SignOff() => new(_db.Db, _db.Audit, _db.Evidence(), _db.Clock);

    private static SignOffInput Input(string? on = "10/11/2026", string? meeting = "Board", string? attendees = "Dana, Hana", string? decisions = "No change",
        IReadOnlyList<PlanActionInput>? actions = null) => new(on, meeting, attendees, decisions, actions);

    [Fact]
    public async Task A_sign_off_keeps_the_meeting_and_the_scores_it_saw_and_adds_its_actions_to_the_plan()
    {
        var director = Guid.NewGuid();
        // A survey two days after the meeting: the meeting day's scores, which the sign-off keeps, are not today's.
        await _db.AddAsync(new EngagementActivity(EngagementKind.Survey, new DateOnly(2026, 11, 12), "Survey", "All staff", 10, "Fine", null, "Hana", _db.NowUtc));
        var expected = await _db.Evidence().ScoresOnAsync(new DateOnly(2026, 11, 10));
        expected.Select(x => x.Score).Should().NotEqual((await _db.Evidence().ScoresOnAsync(_db.Today)).Select(x => x.Score));
        var (id, errors) = await SignOff().HandleAsync(Input(meeting: "  Audit committee ", actions:
        [
            new("1", "Publish the policy", "Hana", "30/11/2026"), new(null, " ", null, ""), new("3", "Assess the Harbour", "Sam", "1/12/2026"),
        ]), director, "Dana Director");
        errors.Should().BeEmpty();
        await using var db = _db.NewContext();
        var s = await db.BoardSignOffs.SingleAsync();
        (s.Id, s.ReviewedOn, s.Meeting, s.Attendees, s.Decisions, s.SignedById, s.SignedByName, s.SignedAtUtc).Should().Be(
            (id!.Value, new DateOnly(2026, 11, 10), "Audit committee", "Dana, Hana", "No change", director, "Dana Director", _db.NowUtc));
        expected.Should().HaveCount(8);
        s.Seen().Should().Equal(expected.Select(x => new BoardSignOff.SeenScore(x.Step, x.Score, x.Status)));
        var actions = await db.PlanActions.OrderBy(a => a.Step).ToListAsync();
        actions.Select(a => (a.Step, a.Description, a.Source, a.SourceId, a.CreatedByName)).Should().Equal(
            (ReasonableStep.Policy, "Publish the policy", PlanSource.BoardSignOff, (Guid?)id, "Dana Director"),
            (ReasonableStep.RiskAssessment, "Assess the Harbour", PlanSource.BoardSignOff, (Guid?)id, "Dana Director"));
        var audit = (await _db.AuditEntriesAsync()).Should().ContainSingle().Subject;
        (audit.Action, audit.EntityType, audit.EntityId).Should().Be(("position.signed-off", "BoardSignOff", id.ToString()));
        audit.Summary.Should().Be("Position reviewed by Audit committee on 10 November 2026 and signed off by Dana Director: "
            + string.Join(", ", expected.Select(x => $"step {(int)x.Step} {x.Score}")) + "; 2 action(s) added to the action plan");
        (await new StepEvidence(db, Microsoft.Extensions.Options.Options.Create(_db.Policies), Microsoft.Extensions.Options.Options.Create(_db.Risk),
            Microsoft.Extensions.Options.Options.Create(_db.Training), Microsoft.Extensions.Options.Options.Create(_db.Cases), _db.Settings()).MonitoringOnAsync(_db.Today))
            .Should().Be(new MonitoringFacts(_db.Today, new DateOnly(2026, 11, 10), "Audit committee", "Dana Director", 2, 0));
    }

    [Fact]
    public async Task A_sign_off_with_no_actions_says_none_were_added_and_only_five_actions_are_read_from_one_form()
    {
        (await SignOff().HandleAsync(Input(on: "16/8/2026"), Guid.NewGuid(), "Dana")).Errors.Should().BeEmpty("three months ago is the earliest meeting allowed");
        (await _db.AuditEntriesAsync()).Single().Summary.Should().NotContain("action");
        var six = Enumerable.Range(1, 6).Select(i => new PlanActionInput("8", $"Action {i}", "Dana", "30/11/2026")).ToList();
        (await SignOff().HandleAsync(Input(on: "16/11/2026", actions: six), Guid.NewGuid(), "Dana")).Errors.Should().BeEmpty();
        await using var db = _db.NewContext();
        (await db.PlanActions.Select(a => a.Description).ToListAsync()).Should().BeEquivalentTo(["Action 1", "Action 2", "Action 3", "Action 4", "Action 5"]);
    }

    public static TheoryData<SignOffInput, FieldError[]> RefusedSignOffs => new()
    {
        { Input(on: ""), [new("ReviewedOn", "Enter the date of the meeting that reviewed the position.")] },
        { Input(on: "last week"), [new("ReviewedOn", "\"last week\" is not a date. Use a date such as 14/03/2026.")] },
        { Input(on: "17/11/2026"), [new("ReviewedOn", "The meeting cannot be in the future.")] },
        { Input(on: "15/08/2026"), [new("ReviewedOn", "A sign-off records a review of today's position: the meeting must be within the last three months.")] },
        { Input(meeting: "  "), [new("Meeting", "Enter the meeting, such as \"Board\" or \"Audit committee\".")] },
        { Input(meeting: new string('m', 201)), [new("Meeting", "This must be 200 characters or fewer (it is 201).")] },
        { Input(attendees: null), [new("Attendees", "Enter who attended.")] },
        { Input(attendees: new string('a', 2001)), [new("Attendees", "This must be 2,000 characters or fewer (it is 2,001).")] },
        { Input(decisions: ""), [new("Decisions", "Enter what the meeting decided, even if it was to make no change.")] },
        { Input(decisions: new string('d', 8001)), [new("Decisions", "This must be 8,000 characters or fewer (it is 8,001).")] },
        { Input(actions: [new("1", "Fine", "Hana", "30/11/2026"), new("2", "No owner", "", "30/11/2026")]), [new("Actions[1].Owner", "Enter who owns the action (a person or a role).")] },
    };

    [Theory]
    [MemberData(nameof(RefusedSignOffs))]
    public async Task A_wrong_sign_off_is_refused_naming_the_field_and_nothing_is_kept(SignOffInput input, FieldError[] expected)
    {
        var (id, errors) = await SignOff().HandleAsync(input, Guid.NewGuid(), "Dana");
        id.Should().BeNull();
        errors.Should().Equal(expected);
        await using var db = _db.NewContext();
        (await db.BoardSignOffs.CountAsync() + await db.PlanActions.CountAsync()).Should().Be(0);
        (await _db.AuditEntriesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task The_longest_texts_allowed_are_kept()
    {
        (await SignOff().HandleAsync(Input(meeting: new string('m', 200), attendees: new string('a', 2000), decisions: new string('d', 8000)), Guid.NewGuid(), "Dana")).Errors.Should().BeEmpty();
    }
}
