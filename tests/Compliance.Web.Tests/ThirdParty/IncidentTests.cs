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
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, Html.Text(await response.Content.ReadAsStringAsync()));
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
            Assert.Equal((covering, ThirdPartyType.Customer, IncidentResponse.Warning | IncidentResponse.Ban, "Max Manager"),
                (incident.RiskAssessmentId!.Value, incident.PartyType, incident.Responses, incident.LoggedByName));
            Assert.NotNull((await db.RiskAssessments.SingleAsync(a => a.Id == covering)).ReviewFlaggedAtUtc);
            Assert.Null((await db.RiskAssessments.SingleAsync(a => a.Id == elsewhere)).ReviewFlaggedAtUtc);
            var audit = await db.AuditEntries.Where(e => e.EntityId == id.ToString() || e.EntityId == covering.ToString()).Select(e => e.Summary).ToListAsync();
            Assert.Contains(audit, s => s.StartsWith("Customer incident on", StringComparison.Ordinal));
            Assert.Contains(audit, s => s.Contains("flagged for review"));
            Assert.DoesNotContain(audit, s => s.Contains("Repeated sexual comments"));
        }

        var assessmentPage = Html.Text(await app.HrManager.GetPageAsync($"/risk/assessments/{covering}"));
        Assert.Contains("Incidents since the last approved revision", assessmentPage);
        Assert.Contains("Customer, sexual", assessmentPage);
        Assert.Contains("Incident Inn assessment (Incident Inn): flagged for review: Customer incident on", Html.Text(await app.Director.GetPageAsync("/risk")));
        Assert.Contains("Repeated sexual comments at the bar", Html.Text(await app.LineManager.GetPageAsync($"/incidents/{id}")));

        // The review starts a new draft; approving it clears the flag, and the incident no longer counts as "since the last revision".
        Assert.Equal(HttpStatusCode.Redirect, (await app.HrManager.SubmitFormAsync($"/risk/assessments/{covering}", [], $"/risk/assessments/{covering}?handler=StartReview")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.HrManager.SubmitFormAsync($"/risk/assessments/{covering}", [new("Confirm", "true")], $"/risk/assessments/{covering}?handler=Approve")).StatusCode);
        Assert.DoesNotContain("Incidents since the last approved revision", Html.Text(await app.HrManager.GetPageAsync($"/risk/assessments/{covering}")));
    }

    [Fact]
    public async Task A_manager_can_log_and_see_incidents_only_for_their_own_sites()
    {
        int before;
        await using (var db = app.NewDbContext()) before = await db.ThirdPartyIncidents.CountAsync();
        var refused = await app.LineManager.SubmitFormAsync("/incidents/new", Incident(app.OtherSite));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"Input_SiteId-error\"", html);
        Assert.Contains("You can log incidents only for the sites you manage", Html.Text(html));
        Assert.DoesNotContain("Hilltop Hotel", Html.Text(await app.LineManager.GetPageAsync("/incidents/new")));
        var otherPerson = await app.LineManager.SubmitFormAsync("/incidents/new", Incident(app.HomeSite).Append(new("Input.AffectedEmployeeNumber", "E-T1")));
        Assert.Contains("id=\"Input_AffectedEmployeeNumber-error\"", await otherPerson.Content.ReadAsStringAsync());
        await using (var db = app.NewDbContext()) Assert.Equal(before, await db.ThirdPartyIncidents.CountAsync());

        var theirs = await LogAsync(app.LineManager, Incident(app.HomeSite, "Client", "Client grabbed a waiter's arm").Append(new("Input.AffectedEmployeeNumber", "E-H1")).ToList());
        var notTheirs = await LogAsync(app.HrManager, Incident(app.OtherSite, "Supplier", "Delivery driver made remarks"));
        var list = Html.Text(await app.LineManager.GetPageAsync("/incidents"));
        Assert.Contains("Harbour Hotel", list);
        Assert.DoesNotContain("Hilltop Hotel", list);
        Assert.Equal(HttpStatusCode.OK, (await app.LineManager.GetAsync($"/incidents/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.LineManager.GetAsync($"/incidents/{notTheirs}")).StatusCode);
        Assert.Contains("Hilltop Hotel", Html.Text(await app.Director.GetPageAsync("/incidents")));
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Director.GetAsync("/incidents/new")).StatusCode);
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
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var field in new[] { "OccurredOn", "SiteId", "PartyType", "Description", "AffectedEmployeeNumber", "Responses" })
        {
            Assert.Contains($"id=\"Input_{field}-error\"", html);
        }
        var noOne = await app.HrManager.SubmitFormAsync("/incidents/new", Incident(app.HomeSite, responses: "Warning").Where(f => f.Key != "Input.RespondedBy"));
        Assert.Contains("id=\"Input_RespondedBy-error\"", await noOne.Content.ReadAsStringAsync());
        var tooLong = await app.HrManager.SubmitFormAsync("/incidents/new", Incident(app.HomeSite, description: new string('x', 4001)));
        Assert.Contains("id=\"Input_Description-error\"", await tooLong.Content.ReadAsStringAsync());
        await using (var db = app.NewDbContext()) Assert.Equal(before, await db.ThirdPartyIncidents.CountAsync());
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
        Assert.Contains("2 incidents", bySite);
        var byType = Rows(await app.HrManager.GetPageAsync($"/incidents?site={site}&type=PatientOrServiceUser"));
        Assert.Contains("1 incidents", byType);
        Assert.Contains("Support offered", byType);
        var byAction = Rows(await app.HrManager.GetPageAsync($"/incidents?site={site}&action=ContractAction"));
        Assert.Contains("Action under the contract", byAction);
        Assert.DoesNotContain("Support offered Hana", byAction);
        var byDate = Rows(await app.HrManager.GetPageAsync($"/incidents?site={site}&from=2026-01-01&to=2026-01-31"));
        Assert.Contains("15 January 2026", byDate);
        Assert.Contains("1 incidents", byDate);
        var badDate = await app.HrManager.GetPageAsync($"/incidents?site={site}&from=someday");
        Assert.Contains("id=\"From-error\"", badDate);
    }

    [Fact]
    public async Task A_director_who_is_also_a_line_manager_logs_only_at_their_own_sites_and_names_are_kept_to_the_team()
    {
        var both = await app.CreateAccountAsync("director-manager@example.test", [Core.Accounts.Roles.Director, Core.Accounts.Roles.Manager], false, "Dee Both");
        Assert.Null(await app.WithServiceAsync<Core.Accounts.StaffAccounts, string?>(s => s.SetManagerScopeAsync(both.Id, [app.HomeSite], [])));
        var client = await app.SignedInAsync(both);
        var refused = await client.SubmitFormAsync("/incidents/new", Incident(app.OtherSite));
        Assert.Contains("id=\"Input_SiteId-error\"", await refused.Content.ReadAsStringAsync());

        // HR logs an incident at the manager's site affecting someone who works elsewhere.
        var id = await LogAsync(app.HrManager, Incident(app.HomeSite).Append(new("Input.AffectedEmployeeNumber", "E-T1")).ToList());
        var asManager = Html.Text(await app.LineManager.GetPageAsync($"/incidents/{id}"));
        Assert.Contains("Recorded (not in your team)", asManager);
        Assert.DoesNotContain("E-T1", asManager);
        Assert.Contains("Sam E-T1 (E-T1)", Html.Text(await app.HrManager.GetPageAsync($"/incidents/{id}")));
    }

    [Fact]
    public async Task Unreadable_filters_are_ignored_and_an_incident_at_a_site_without_an_assessment_says_so()
    {
        var html = await app.HrManager.GetPageAsync("/incidents?site=x&type=foo&action=bar&p=abc");
        Assert.DoesNotContain("There is a problem", html);
        var site = await app.SiteAsync("Unassessed Arms");
        var response = await app.HrManager.SubmitFormAsync("/incidents/new", Incident(site));
        var page = Html.Text(await app.HrManager.GetPageAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("No risk assessment covers this site yet", page);
    }

    [GeneratedRegex("^/incidents/([0-9a-f-]{36})")]
    private static partial Regex IncidentId();
}
