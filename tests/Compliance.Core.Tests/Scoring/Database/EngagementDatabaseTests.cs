using Compliance.Core.Employees;
using Compliance.Core.Policies;
using Compliance.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Tests.Scoring.Database;

/// <summary>Recording an engagement activity, and the last time staff were asked, told and consulted as it stood on a day.</summary>
public sealed class EngagementDatabaseTests : IDisposable
{
    private readonly EvidenceDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private RecordEngagement Record() => new(_db.Db, _db.Audit, _db.Clock);

    private static EngagementInput Input(string? kind = "Survey", string? on = "14/03/2026", string? title = "Staff survey 2026", string? audience = "All staff",
        string? reached = null, string? summary = "Most feel safe; night staff less so.", string? link = null) => new(kind, on, title, audience, reached, summary, link);

    [Fact]
    public async Task An_activity_is_kept_as_given_and_audited()
    {
        var (id, errors) = await Record().HandleAsync(Input(kind: "Briefing", reached: " 1,200 ", link: "/position", title: "  Team talk  "), "Hana Human");
        errors.Should().BeEmpty();
        await using var db = _db.NewContext();
        var a = await db.EngagementActivities.SingleAsync();
        a.Id.Should().Be(id!.Value);
        (a.Kind, a.HeldOn, a.Title, a.Audience, a.Reached, a.Summary, a.EvidenceLink, a.RecordedByName, a.RecordedAtUtc).Should().Be(
            (EngagementKind.Briefing, new DateOnly(2026, 3, 14), "Team talk", "All staff", (int?)1200, "Most feel safe; night staff less so.", "/position", "Hana Human", _db.NowUtc));
        var audit = (await _db.AuditEntriesAsync()).Should().ContainSingle().Subject;
        (audit.Action, audit.EntityType, audit.EntityId, audit.Summary).Should().Be(("engagement.recorded", "EngagementActivity", id.ToString(),
            "Briefing or team meeting \"Team talk\" on 14 March 2026 recorded by Hana Human"));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("10000000", 10_000_000)]
    [InlineData("", null)]
    public async Task The_number_reached_may_be_blank_or_from_none_to_ten_million(string reached, int? kept)
    {
        (await Record().HandleAsync(Input(reached: reached), "Hana")).Errors.Should().BeEmpty();
        await using var db = _db.NewContext();
        (await db.EngagementActivities.SingleAsync()).Reached.Should().Be(kept);
    }

    [Fact]
    public async Task A_number_reached_beyond_the_staff_employed_that_day_is_questioned_and_nothing_is_saved()
    {
        var site = _db.Site("Harbour");
        await _db.AddAsync([site,
            _db.Employee("E-1", site.Id, start: new DateOnly(2025, 1, 1)), _db.Employee("E-2", site.Id, start: new DateOnly(2025, 1, 1)),
            _db.Employee("E-3", site.Id, start: new DateOnly(2025, 1, 1), leaving: new DateOnly(2026, 3, 14)),
            _db.Employee("E-4", site.Id, start: new DateOnly(2026, 3, 15))]);
        // Employed on 14 March 2026: E-1 and E-2 (E-3 left that day, E-4 started the next).
        var (id, errors) = await Record().HandleAsync(Input(reached: "640"), "Hana");
        id.Should().BeNull();
        errors.Should().Equal(new FieldError("Reached", "640 is more than the 2 people employed on 14 March 2026. Give the number of staff it reached, or leave it blank."));
        (await Record().HandleAsync(Input(reached: "3", title: null), "Hana")).Errors.Select(e => e.Field).Should().Equal("Title", "Reached");
        await using (var db = _db.NewContext()) (await db.EngagementActivities.CountAsync()).Should().Be(0);
        (await _db.AuditEntriesAsync()).Should().BeEmpty();
        (await Record().HandleAsync(Input(reached: "2"), "Hana")).Errors.Should().BeEmpty();
    }

    [Theory]
    [InlineData("https://intranet.example/survey")]
    [InlineData("http://intranet.example/survey")]
    [InlineData("/position/engagement")]
    public async Task An_evidence_link_may_be_a_web_address_or_a_page_of_the_app(string link) =>
        (await Record().HandleAsync(Input(link: link), "Hana")).Errors.Should().BeEmpty();

    public static TheoryData<EngagementInput, FieldError[]> Refused => new()
    {
        { Input(kind: null), [new("Kind", "Choose what kind of activity it was.")] },
        { Input(kind: "Party"), [new("Kind", "Choose what kind of activity it was.")] },
        { Input(kind: "1"), [new("Kind", "Choose what kind of activity it was.")] },
        { Input(kind: "99"), [new("Kind", "Choose what kind of activity it was.")] },
        { Input(on: " "), [new("HeldOn", "Enter the date it took place (or closed, for a survey).")] },
        { Input(on: "March"), [new("HeldOn", "\"March\" is not a date. Use a date such as 14/03/2026.")] },
        { Input(on: "17/11/2026"), [new("HeldOn", "Record an activity once it has taken place: the date cannot be in the future.")] },
        { Input(on: "15/11/2021"), [new("HeldOn", "The date must be within the last five years.")] },
        { Input(title: ""), [new("Title", "Give the activity a title, such as \"Staff survey 2026\".")] },
        { Input(title: new string('t', 201)), [new("Title", "The title is too long: keep it to 200 characters (it has 201).")] },
        { Input(audience: null), [new("Audience", "Say who it was for, such as \"All staff\" or \"Unite, hospitality branch\".")] },
        { Input(reached: "many"), [new("Reached", "Enter a whole number of people, or leave it blank.")] },
        { Input(reached: "-1"), [new("Reached", "Enter a whole number of people, or leave it blank.")] },
        { Input(reached: "10000001"), [new("Reached", "Enter a whole number of people, or leave it blank.")] },
        { Input(summary: "  "), [new("Summary", "Say what was found or said, and what will change.")] },
        { Input(link: "javascript:alert(1)"), [new("Link", "Enter a web address starting https:// or http://, or a page of this app starting with /.")] },
        { Input(link: "//evil.example/x"), [new("Link", "Enter a web address starting https:// or http://, or a page of this app starting with /.")] },
        { Input(link: "/a b"), [new("Link", "Enter a web address starting https:// or http://, or a page of this app starting with /.")] },
        { Input(link: "/a\\b"), [new("Link", "Enter a web address starting https:// or http://, or a page of this app starting with /.")] },
        { Input(link: "ftp://files.example/x"), [new("Link", "Enter a web address starting https:// or http://, or a page of this app starting with /.")] },
        { Input(link: "/" + new string('a', 500)), [new("Link", "The link is too long: keep it to 500 characters (it has 501).")] },
        { new EngagementInput(null, null, null, null, "x", null, "x"), [new("Kind", "Choose what kind of activity it was."), new("HeldOn", "Enter the date it took place (or closed, for a survey)."),
            new("Title", "Give the activity a title, such as \"Staff survey 2026\"."), new("Audience", "Say who it was for, such as \"All staff\" or \"Unite, hospitality branch\"."),
            new("Reached", "Enter a whole number of people, or leave it blank."), new("Summary", "Say what was found or said, and what will change."),
            new("Link", "Enter a web address starting https:// or http://, or a page of this app starting with /.")] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_wrong_activity_is_refused_naming_each_field_and_nothing_is_kept(EngagementInput input, FieldError[] expected)
    {
        var (id, errors) = await Record().HandleAsync(input, "Hana");
        (id, errors).Should().Be(((Guid?)null, errors));
        errors.Should().Equal(expected);
        await using var db = _db.NewContext();
        (await db.EngagementActivities.CountAsync()).Should().Be(0);
        (await _db.AuditEntriesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task The_dates_at_the_bounds_are_allowed_today_and_five_years_ago()
    {
        (await Record().HandleAsync(Input(on: "16/11/2026"), "Hana")).Errors.Should().BeEmpty();
        (await Record().HandleAsync(Input(on: "16/11/2021"), "Hana")).Errors.Should().BeEmpty();
    }

    [Fact]
    public void Each_kind_has_its_label() =>
        Enum.GetValues<EngagementKind>().Select(k => k.Label()).Should().Equal(
            "Staff survey or focus group", "Briefing or team meeting", "Notice, poster or newsletter", "Consultation with staff representatives");

    private EngagementActivity Activity(EngagementKind kind, DateOnly heldOn, DateTime recordedAtUtc) =>
        new(kind, heldOn, "T", "All staff", null, "S", null, "Hana", recordedAtUtc);

    [Fact]
    public async Task On_a_day_the_last_asking_telling_and_consulting_are_the_latest_held_and_recorded_by_the_end_of_that_day()
    {
        var day = new DateOnly(2026, 6, 30);
        var endOfDay = new DateTime(2026, 6, 30, 23, 0, 0, DateTimeKind.Utc); // 23:00 UTC is midnight in the UK in summer
        var policy = new Policy(PolicyKind.SexualHarassment, "Policy", "policy", "Text", _db.NowUtc.AddYears(-1));
        await _db.AddAsync(policy);
        var version = policy.Open!.Id;
        await _db.AddAsync(
            Activity(EngagementKind.Survey, new DateOnly(2026, 1, 10), new DateTime(2026, 1, 10, 9, 0, 0, DateTimeKind.Utc)),
            Activity(EngagementKind.Survey, new DateOnly(2026, 5, 1), new DateTime(2026, 5, 2, 9, 0, 0, DateTimeKind.Utc)),
            // Held before the day but typed in after it: not known on the day.
            Activity(EngagementKind.Survey, new DateOnly(2026, 6, 1), endOfDay),
            // Held after the day.
            Activity(EngagementKind.Survey, new DateOnly(2026, 7, 1), new DateTime(2026, 6, 20, 9, 0, 0, DateTimeKind.Utc)),
            Activity(EngagementKind.Briefing, new DateOnly(2026, 2, 1), new DateTime(2026, 2, 1, 9, 0, 0, DateTimeKind.Utc)),
            Activity(EngagementKind.Notice, new DateOnly(2026, 3, 1), new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc)),
            Activity(EngagementKind.Consultation, new DateOnly(2026, 4, 1), new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc)),
            new PolicyConsultation(policy.Id, version, ConsultationBody.Union, "Unite", new DateOnly(2026, 4, 20), "Agreed", "Hana", new DateTime(2026, 4, 20, 9, 0, 0, DateTimeKind.Utc)),
            new PolicyConsultation(policy.Id, version, ConsultationBody.Union, "Unite", new DateOnly(2026, 6, 2), "Recorded late", "Hana", endOfDay));

        var evidence = _db.Evidence();
        (await evidence.EngagementOnAsync(day)).Should().Be(new EngagementFacts(day, new DateOnly(2026, 5, 1), new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 20)));
        // A day later, what was typed in late counts; the notice still outdates the briefing, the policy's consultation the union's.
        (await evidence.EngagementOnAsync(day.AddDays(1))).Should().Be(new EngagementFacts(day.AddDays(1), new DateOnly(2026, 7, 1), new DateOnly(2026, 3, 1), new DateOnly(2026, 6, 2)));
        // A briefing after the notice, and a consultation of staff after the policy's.
        await _db.AddAsync(Activity(EngagementKind.Briefing, new DateOnly(2026, 3, 2), new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc)),
            Activity(EngagementKind.Consultation, new DateOnly(2026, 4, 21), new DateTime(2026, 4, 21, 9, 0, 0, DateTimeKind.Utc)));
        (await evidence.EngagementOnAsync(new DateOnly(2026, 5, 1))).Should().Be(new EngagementFacts(new DateOnly(2026, 5, 1), new DateOnly(2026, 1, 10), new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 21)));
        (await evidence.EngagementOnAsync(new DateOnly(2026, 1, 9))).Should().Be(new EngagementFacts(new DateOnly(2026, 1, 9), null, null, null));
    }
}
