using System.Net;
using Compliance.Core.Scoring;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Scoring;

public sealed class LegalTimelineTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    [Fact]
    public async Task The_standard_depends_on_the_date_and_a_planned_provision_counts_only_once_it_is_marked_in_force()
    {
        await using var db = app.NewDbContext();
        var provisions = await db.LegalProvisions.AsNoTracking().ToListAsync();
        provisions.Select(p => p.Key).Should().BeEquivalentTo(LegalKeys.ReasonableSteps, LegalKeys.AllReasonableSteps, LegalKeys.ProtectedDisclosures, LegalKeys.ConfidentialityClauses, LegalKeys.SpecifiedSteps);

        LegalTimeline.StandardOn(provisions, new DateOnly(2024, 10, 25)).Duty.Should().Be(LegalTimeline.NoDuty);
        var first = LegalTimeline.StandardOn(provisions, new DateOnly(2024, 10, 26));
        first.Duty.Should().Be("Reasonable steps");
        first.Summary.Should().Be("The duty to take reasonable steps to prevent sexual harassment.");
        LegalTimeline.StandardOn(provisions, new DateOnly(2026, 4, 5)).InForce.Select(p => p.Key).Should().Equal(LegalKeys.ReasonableSteps);
        LegalTimeline.StandardOn(provisions, new DateOnly(2026, 4, 6)).InForce.Select(p => p.Key).Should().BeEquivalentTo(LegalKeys.ReasonableSteps, LegalKeys.ProtectedDisclosures);
        // Its date has passed, but "all reasonable steps" stays planned until its commencement is confirmed.
        LegalTimeline.StandardOn(provisions, new DateOnly(2026, 11, 28)).Duty.Should().Be("Reasonable steps");
    }

}

/// <summary>On an app of its own: it changes the timeline the other tests read.</summary>
public sealed class LegalTimelineChangeTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    [Fact]
    public async Task An_administrator_marks_a_provision_in_force_which_is_audited_and_changes_the_standard_shown()
    {
        var admin = await app.SignedInAdministratorAsync();
        (await admin.GetPageAsync("/admin/legal")).Should().Contain("Duty to take all reasonable steps");
        var bad = await admin.SubmitFormAsync($"/admin/legal?edit={LegalKeys.AllReasonableSteps}",
            [new("Edit", LegalKeys.AllReasonableSteps), new("Status", "InForce"), new("EffectiveFrom", "31/02/2026")]);
        bad.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await bad.Content.ReadAsStringAsync()).Should().Contain("\"31/02/2026\" is not a date.");
        var noDate = await admin.SubmitFormAsync($"/admin/legal?edit={LegalKeys.AllReasonableSteps}",
            [new("Edit", LegalKeys.AllReasonableSteps), new("Status", "InForce"), new("EffectiveFrom", "")]);
        Html.Text(await noDate.Content.ReadAsStringAsync()).Should().Contain("A provision in force needs the date it came into force.");
        var noStatus = await admin.SubmitFormAsync($"/admin/legal?edit={LegalKeys.AllReasonableSteps}",
            [new("Edit", LegalKeys.AllReasonableSteps), new("Status", "Repealed"), new("EffectiveFrom", "1/10/2026")]);
        Html.Text(await noStatus.Content.ReadAsStringAsync()).Should().Contain("Choose whether it is in force or planned.");
        await using (var db = app.NewDbContext())
        {
            var unchanged = await db.LegalProvisions.AsNoTracking().SingleAsync(p => p.Key == LegalKeys.AllReasonableSteps);
            unchanged.Status.Should().Be(ProvisionStatus.Planned);
            (await db.AuditEntries.CountAsync(a => a.Action == "legal.provision.changed")).Should().Be(0);
        }
        var before = Html.Text(await (await app.SignedInAsync(await app.CreateAccountAsync("director-legal@example.test", [Core.Accounts.Roles.Director], false))).GetPageAsync("/"));
        before.Should().Contain("The duty to take reasonable steps to prevent sexual harassment.")
            .And.Contain("Planned but not confirmed as in force, though its date has passed: Duty to take all reasonable steps");

        var saved = await admin.SubmitFormAsync($"/admin/legal?edit={LegalKeys.AllReasonableSteps}",
            [new("Edit", LegalKeys.AllReasonableSteps), new("Status", "InForce"), new("EffectiveFrom", "1/10/2026"), new("Note", "Commenced by the Employment Rights Act 2025 (Commencement No. 5) Regulations")]);
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);

        await using (var db = app.NewDbContext())
        {
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "legal.provision.changed");
            audit.Summary.Should().Be("\"Duty to take all reasonable steps, and liability for harassment by third parties\": was planned for 1 October 2026, commencement not confirmed, now in force from 1 October 2026 (Commenced by the Employment Rights Act 2025 (Commencement No. 5) Regulations)");
        }
        var director = await app.SignedInAsync(await app.CreateAccountAsync("director-legal-2@example.test", [Core.Accounts.Roles.Director], false));
        Html.Text(await director.GetPageAsync("/")).Should().Contain("The duty to take all reasonable steps to prevent sexual harassment, with liability for harassment by third parties.")
            .And.NotContain("Planned but not confirmed");
        (await director.SubmitFormAsync("/", [], $"/admin/legal?edit={LegalKeys.AllReasonableSteps}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
