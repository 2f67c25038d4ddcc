using System.Net;
using System.Text.RegularExpressions;
using Compliance.Core.ThirdParty;
using Compliance.Web.Tests.Infrastructure;
using Compliance.Web.Tests.RiskAssessments;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.ThirdParty;

public sealed partial class IncidentTests(RiskApp app) : IClassFixture<RiskApp>
{
    private static string UkToday => Compliance.Core.UkCalendar.Today(TimeProvider.System).ToString("yyyy-MM-dd");

    private static List<KeyValuePair<string, string>> Incident(Guid siteId, string type = "Customer", string description = "Comments about a receptionist's body", params string[] responses)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.OccurredOn", UkToday), new("Input.SiteId", siteId.ToString()), new("Input.PartyType", type),
            new("Input.Description", description), new("Input.IsSexual", "true"), new("Input.RespondedBy", "Duty manager"),
        };
        fields.AddRange((responses.Length == 0 ? ["Warning", "Ban"] : responses).Select(r => new KeyValuePair<string, string>("Input.Responses", r)));
        return fields;
    }

    private async Task<Guid> LogAsync(AppClient client, List<KeyValuePair<string, string>> fields)
    {
        var response = await client.SubmitFormAsync("/incidents/new", fields);
        (response.StatusCode == HttpStatusCode.Redirect).Should().BeTrue(Html.Text(await response.Content.ReadAsStringAsync()));
        return Guid.Parse(IncidentId().Match(response.Headers.Location!.OriginalString).Groups[1].Value);
    }

    [Fact]
    public async Task A_manager_logs_a_customer_incident_which_flags_and_links_the_sites_assessment_and_no_other()
    {
        var site = await app.SiteAsync("Incident Inn");
        var covering = await app.ApprovedAssessmentAsync("Incident Inn assessment", site);
        var elsewhere = await app.ApprovedAssessmentAsync("Elsewhere assessment", app.OtherSite);
        await using (var db = app.NewDbContext())
        {
            db.ManagerScopes.Add(new Core.Accounts.ManagerScope(app.LineManagerAccount.Id, site, null));
            await db.SaveChangesAsync();
        }

        var id = await LogAsync(app.LineManager, Incident(site, "Customer", "Repeated sexual comments at the bar", "Warning", "Ban"));

        await using (var db = app.NewDbContext())
        {
            var incident = await db.ThirdPartyIncidents.SingleAsync(i => i.Id == id);
            (incident.RiskAssessmentId!.Value, incident.PartyType, incident.Responses, incident.LoggedByName)
                .Should().Be((covering, ThirdPartyType.Customer, IncidentResponse.Warning | IncidentResponse.Ban, "Max Manager"));
            (await db.RiskAssessments.SingleAsync(a => a.Id == covering)).ReviewFlaggedAtUtc.Should().NotBeNull();
            (await db.RiskAssessments.SingleAsync(a => a.Id == elsewhere)).ReviewFlaggedAtUtc.Should().BeNull();
            var audit = await db.AuditEntries.Where(e => e.EntityId == id.ToString() || e.EntityId == covering.ToString()).Select(e => e.Summary).ToListAsync();
            audit.Should().Contain(s => s.StartsWith("Customer incident on", StringComparison.Ordinal));
            audit.Should().Contain(s => s.Contains("flagged for review"));
            audit.Should().NotContain(s => s.Contains("Repeated sexual comments"));
        }

        var assessmentPage = Html.Text(await app.HrManager.GetPageAsync($"/risk/assessments/{covering}"));
        assessmentPage.Should().Contain("Incidents since the last approved revision");
        assessmentPage.Should().Contain("Customer, sexual");
        Html.Text(await app.Director.GetPageAsync("/risk")).Should().Contain("Incident Inn assessment (Incident Inn): flagged for review: Customer incident on");
        Html.Text(await app.LineManager.GetPageAsync($"/incidents/{id}")).Should().Contain("Repeated sexual comments at the bar");

        // The review starts a new draft; approving it clears the flag, and the incident no longer counts as "since the last revision".
        (await app.HrManager.SubmitFormAsync($"/risk/assessments/{covering}", [], $"/risk/assessments/{covering}?handler=StartReview")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.HrManager.SubmitFormAsync($"/risk/assessments/{covering}", [new("Confirm", "true")], $"/risk/assessments/{covering}?handler=Approve")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        Html.Text(await app.HrManager.GetPageAsync($"/risk/assessments/{covering}")).Should().NotContain("Incidents since the last approved revision");
    }

    [Fact]
    public async Task A_manager_can_log_and_see_incidents_only_for_their_own_sites()
    {
        int before;
        await using (var db = app.NewDbContext()) before = await db.ThirdPartyIncidents.CountAsync();
        var refused = await app.LineManager.SubmitFormAsync("/incidents/new", Incident(app.OtherSite));
        var html = await refused.Content.ReadAsStringAsync();
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("id=\"Input_SiteId-error\"");
        Html.Text(html).Should().Contain("You can log incidents only for the sites you manage");
        Html.Text(await app.LineManager.GetPageAsync("/incidents/new")).Should().NotContain("Hilltop Hotel");
        var otherPerson = await app.LineManager.SubmitFormAsync("/incidents/new", Incident(app.HomeSite).Append(new("Input.AffectedEmployeeNumber", "E-T1")));
        (await otherPerson.Content.ReadAsStringAsync()).Should().Contain("id=\"Input_AffectedEmployeeNumber-error\"");
        await using (var db = app.NewDbContext()) (await db.ThirdPartyIncidents.CountAsync()).Should().Be(before);

        var theirs = await LogAsync(app.LineManager, Incident(app.HomeSite, "Client", "Client grabbed a waiter's arm").Append(new("Input.AffectedEmployeeNumber", "E-H1")).ToList());
        var notTheirs = await LogAsync(app.HrManager, Incident(app.OtherSite, "Supplier", "Delivery driver made remarks"));
        var list = Html.Text(await app.LineManager.GetPageAsync("/incidents"));
        list.Should().Contain("Harbour Hotel");
        list.Should().NotContain("Hilltop Hotel");
        (await app.LineManager.GetAsync($"/incidents/{theirs}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.LineManager.GetAsync($"/incidents/{notTheirs}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        Html.Text(await app.Director.GetPageAsync("/incidents")).Should().Contain("Hilltop Hotel");
        (await app.Director.GetAsync("/incidents/new")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_each_field_named_and_nothing_saved()
    {
        int before;
        await using (var db = app.NewDbContext()) before = await db.ThirdPartyIncidents.CountAsync();
        var response = await app.HrManager.SubmitFormAsync("/incidents/new",
        [
            new("Input.OccurredOn", "2999-12-31"), new("Input.PartyType", "Alien"), new("Input.Description", " "),
            new("Input.AffectedEmployeeNumber", "NOBODY"), new("Input.Responses", "Warning"), new("Input.Responses", "NoneYet"),
        ]);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var field in new[] { "OccurredOn", "SiteId", "PartyType", "Description", "AffectedEmployeeNumber", "Responses" })
        {
            html.Should().Contain($"id=\"Input_{field}-error\"");
        }
        var noOne = await app.HrManager.SubmitFormAsync("/incidents/new", Incident(app.HomeSite, responses: "Warning").Where(f => f.Key != "Input.RespondedBy"));
        (await noOne.Content.ReadAsStringAsync()).Should().Contain("id=\"Input_RespondedBy-error\"");
        var tooLong = await app.HrManager.SubmitFormAsync("/incidents/new", Incident(app.HomeSite, description: new string('x', 4001)));
        (await tooLong.Content.ReadAsStringAsync()).Should().Contain("id=\"Input_Description-error\"");
        await using (var db = app.NewDbContext()) (await db.ThirdPartyIncidents.CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task The_list_filters_by_site_third_party_action_and_date()
    {
        var site = await app.SiteAsync("Filter Farm");
        await LogAsync(app.HrManager, Incident(site, "PatientOrServiceUser", "Patient made sexual remarks", "SupportOffered"));
        var old = Incident(site, "Contractor", "Contractor sent messages", "ContractAction");
        old[0] = new("Input.OccurredOn", "2026-01-15");
        await LogAsync(app.HrManager, old);

        string Rows(string html) => Html.Text(html);
        var bySite = Rows(await app.HrManager.GetPageAsync($"/incidents?site={site}"));
        bySite.Should().Contain("2 incidents");
        var byType = Rows(await app.HrManager.GetPageAsync($"/incidents?site={site}&type=PatientOrServiceUser"));
        byType.Should().Contain("1 incidents");
        byType.Should().Contain("Support offered");
        var byAction = Rows(await app.HrManager.GetPageAsync($"/incidents?site={site}&action=ContractAction"));
        byAction.Should().Contain("Action under the contract");
        byAction.Should().NotContain("Support offered Hana");
        var byDate = Rows(await app.HrManager.GetPageAsync($"/incidents?site={site}&from=2026-01-01&to=2026-01-31"));
        byDate.Should().Contain("15 January 2026");
        byDate.Should().Contain("1 incidents");
        var badDate = await app.HrManager.GetPageAsync($"/incidents?site={site}&from=someday");
        badDate.Should().Contain("id=\"From-error\"");
    }

    [Fact]
    public async Task A_director_who_is_also_a_line_manager_logs_only_at_their_own_sites_and_names_are_kept_to_the_team()
    {
        var both = await app.CreateAccountAsync("director-manager@example.test", [Core.Accounts.Roles.Director, Core.Accounts.Roles.Manager], false, "Dee Both");
        (await app.WithServiceAsync<Core.Accounts.StaffAccounts, string?>(s => s.SetManagerScopeAsync(both.Id, [app.HomeSite], []))).Should().BeNull();
        var client = await app.SignedInAsync(both);
        var refused = await client.SubmitFormAsync("/incidents/new", Incident(app.OtherSite));
        (await refused.Content.ReadAsStringAsync()).Should().Contain("id=\"Input_SiteId-error\"");

        // HR logs an incident at the manager's site affecting someone who works elsewhere.
        var id = await LogAsync(app.HrManager, Incident(app.HomeSite).Append(new("Input.AffectedEmployeeNumber", "E-T1")).ToList());
        var asManager = Html.Text(await app.LineManager.GetPageAsync($"/incidents/{id}"));
        asManager.Should().Contain("Recorded (not in your team)");
        asManager.Should().NotContain("E-T1");
        Html.Text(await app.HrManager.GetPageAsync($"/incidents/{id}")).Should().Contain("Sam E-T1 (E-T1)");
    }

    [Fact]
    public async Task Unreadable_filters_are_ignored_and_an_incident_at_a_site_without_an_assessment_says_so()
    {
        var html = await app.HrManager.GetPageAsync("/incidents?site=x&type=foo&action=bar&p=abc");
        html.Should().NotContain("There is a problem");
        var site = await app.SiteAsync("Unassessed Arms");
        var response = await app.HrManager.SubmitFormAsync("/incidents/new", Incident(site));
        var page = Html.Text(await app.HrManager.GetPageAsync(response.Headers.Location!.OriginalString));
        page.Should().Contain("No risk assessment covers this site yet");
    }

    [GeneratedRegex("^/incidents/([0-9a-f-]{36})")]
    private static partial Regex IncidentId();
}
