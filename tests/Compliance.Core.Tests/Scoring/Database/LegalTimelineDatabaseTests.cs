using Compliance.Core.Employees;
using Compliance.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Tests.Scoring.Database;

/// <summary>The provisions every installation starts with, how they are listed, the standard on a day, and the checks on a change.</summary>
public sealed class LegalTimelineDatabaseTests : IDisposable
{
    private readonly EvidenceDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private LegalTimeline Timeline() => new(_db.Db, _db.Audit, _db.Clock);

    private static ChangeProvisionInput Change(string key, string? from, ProvisionStatus? status, string? note = null) => new(key, from, status, note);

    [Fact]
    public async Task The_provisions_are_listed_dated_first_by_date_then_by_key_and_the_undated_last()
    {
        (await Timeline().ProvisionsAsync()).Select(p => p.Key).Should().Equal(
            LegalKeys.ReasonableSteps, LegalKeys.ProtectedDisclosures, LegalKeys.AllReasonableSteps, LegalKeys.ConfidentialityClauses, LegalKeys.SpecifiedSteps);
        // Two on one date: by key, not by the order they were stored in.
        (await Timeline().ChangeAsync(Change(LegalKeys.ReasonableSteps, "1/10/2026", ProvisionStatus.InForce), "Ada")).Should().BeEmpty();
        (await Timeline().ProvisionsAsync()).Select(p => p.Key).Should().Equal(
            LegalKeys.ProtectedDisclosures, LegalKeys.AllReasonableSteps, LegalKeys.ReasonableSteps, LegalKeys.ConfidentialityClauses, LegalKeys.SpecifiedSteps);
    }

    [Fact]
    public async Task The_standard_on_a_day_follows_the_provisions_as_kept()
    {
        var today = await Timeline().StandardOnAsync(_db.Today);
        (today.Day, today.Duty, today.ThirdPartyLiability).Should().Be((_db.Today, "Reasonable steps", false));
        today.InForce.Select(p => p.Key).Should().Equal(LegalKeys.ReasonableSteps, LegalKeys.ProtectedDisclosures);
        today.NotYet.Select(p => p.Key).Should().Equal(LegalKeys.AllReasonableSteps, LegalKeys.ConfidentialityClauses, LegalKeys.SpecifiedSteps);

        (await Timeline().ChangeAsync(Change(LegalKeys.AllReasonableSteps, "01/10/2026", ProvisionStatus.InForce, "  SI 2026/999  "), "Ada Admin")).Should().BeEmpty();
        var after = await Timeline().StandardOnAsync(_db.Today);
        (after.Duty, after.ThirdPartyLiability).Should().Be(("All reasonable steps", true));
        (await Timeline().StandardOnAsync(new DateOnly(2026, 9, 30))).Duty.Should().Be("Reasonable steps");
        (await Timeline().StandardOnAsync(new DateOnly(2024, 10, 25))).Duty.Should().Be(LegalTimeline.NoDuty);

        await using var db = _db.NewContext();
        var kept = await db.LegalProvisions.SingleAsync(p => p.Key == LegalKeys.AllReasonableSteps);
        (kept.EffectiveFrom, kept.Status, kept.Note, kept.ChangedByName, kept.ChangedAtUtc).Should().Be((new DateOnly(2026, 10, 1), ProvisionStatus.InForce, "SI 2026/999", "Ada Admin", _db.NowUtc));
        var audit = (await _db.AuditEntriesAsync()).Should().ContainSingle().Subject;
        (audit.Action, audit.EntityType, audit.EntityId).Should().Be(("legal.provision.changed", "LegalProvision", kept.Id.ToString()));
        audit.Summary.Should().Be($"\"{kept.Title}\": was planned for 1 October 2026, commencement not confirmed, now in force from 1 October 2026 (SI 2026/999)");
    }

    [Fact]
    public async Task A_change_with_no_date_and_no_note_is_kept_as_planned_with_its_date_to_be_set()
    {
        (await Timeline().ChangeAsync(Change(LegalKeys.AllReasonableSteps, "  ", ProvisionStatus.Planned, "   "), "Ada")).Should().BeEmpty();
        await using var db = _db.NewContext();
        var kept = await db.LegalProvisions.SingleAsync(p => p.Key == LegalKeys.AllReasonableSteps);
        (kept.EffectiveFrom, kept.Note).Should().Be(((DateOnly?)null, (string?)null));
        (await _db.AuditEntriesAsync()).Single().Summary.Should().EndWith("now planned, date to be set");
    }

    public static TheoryData<ChangeProvisionInput, FieldError[]> Refused => new()
    {
        { Change("no-such-thing", "1/10/2026", ProvisionStatus.InForce), [new("", "There is no such provision.")] },
        { Change(LegalKeys.AllReasonableSteps, "October", ProvisionStatus.Planned), [new("EffectiveFrom", "\"October\" is not a date. Use a date such as 1/10/2026.")] },
        { Change(LegalKeys.AllReasonableSteps, "30/09/2010", ProvisionStatus.Planned), [new("EffectiveFrom", "The date must be between 1 October 2010 (when the Equality Act 2010 began) and 2100.")] },
        { Change(LegalKeys.AllReasonableSteps, "1/1/2101", ProvisionStatus.Planned), [new("EffectiveFrom", "The date must be between 1 October 2010 (when the Equality Act 2010 began) and 2100.")] },
        { Change(LegalKeys.AllReasonableSteps, "1/10/2026", null), [new("Status", "Choose whether it is in force or planned.")] },
        { Change(LegalKeys.AllReasonableSteps, "1/10/2026", (ProvisionStatus)99), [new("Status", "Choose whether it is in force or planned.")] },
        { Change(LegalKeys.AllReasonableSteps, null, ProvisionStatus.InForce), [new("EffectiveFrom", "A provision in force needs the date it came into force.")] },
        // A date that is wrong is named once: not also as missing.
        { Change(LegalKeys.AllReasonableSteps, "soon", ProvisionStatus.InForce), [new("EffectiveFrom", "\"soon\" is not a date. Use a date such as 1/10/2026.")] },
        { Change(LegalKeys.AllReasonableSteps, "1/10/2026", ProvisionStatus.InForce, new string('n', 501)), [new("Note", "The note must be 500 characters or fewer.")] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_wrong_change_is_refused_naming_the_field_and_the_provision_is_unchanged(ChangeProvisionInput input, FieldError[] expected)
    {
        (await Timeline().ChangeAsync(input, "Ada")).Should().Equal(expected);
        await using var db = _db.NewContext();
        (await db.LegalProvisions.Where(p => p.ChangedByName != null).CountAsync()).Should().Be(0);
        (await _db.AuditEntriesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task The_dates_and_note_at_the_bounds_are_allowed()
    {
        (await Timeline().ChangeAsync(Change(LegalKeys.AllReasonableSteps, "1/10/2010", ProvisionStatus.Planned, new string('n', 500)), "Ada")).Should().BeEmpty();
        (await Timeline().ChangeAsync(Change(LegalKeys.SpecifiedSteps, "31/12/2100", ProvisionStatus.Planned), "Ada")).Should().BeEmpty();
        await using var db = _db.NewContext();
        (await db.LegalProvisions.SingleAsync(p => p.Key == LegalKeys.AllReasonableSteps)).Note.Should().HaveLength(500);
    }
}
