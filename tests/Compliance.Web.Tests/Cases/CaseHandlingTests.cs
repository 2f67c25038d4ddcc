using System.Net;
using Compliance.Core.Cases;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Cases;

/// <summary>The handlers' side: who may read a case, and the workflow's rules, driven through the pages.</summary>
public sealed class CaseHandlingTests(CaseApp app) : IClassFixture<CaseApp>
{
    [Fact]
    public async Task Only_assigned_handlers_read_a_case_and_every_opening_and_download_is_recorded_for_them_to_see()
    {
        var (reference, _, _) = await app.ReportAsync(app.ReportFields("Words only the assigned handler may read: copper kettle"), [("note.txt", "Evidence words: brass lantern"u8.ToArray())]);
        var id = await app.CaseIdAsync(reference);

        // Before anyone takes it, no one reads it: not the administrator, HR, a director, nor an unassigned handler.
        foreach (var account in new[] { app.Admin, app.HrManager, app.Director, app.Ben })
        {
            var client = await app.SignedInAsync(account);
            var response = await client.GetAsync(CaseApp.CaseUrl(id));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{account.Email} got {(int)response.StatusCode}");
            Assert.DoesNotContain("copper kettle", await response.Content.ReadAsStringAsync());
        }
        var ben = await app.SignedInAsync(app.Ben);
        var queue = await ben.GetPageAsync("/cases?view=unassigned");
        Assert.Contains(reference, queue);
        Assert.DoesNotContain("copper kettle", queue);

        var hattie = await app.SignedInAsync(app.Hattie);
        await CaseApp.TakeAsync(hattie, id);
        // Once taken, another handler cannot take it too.
        var second = await ben.SubmitFormAsync("/cases?view=open", [new("CaseId", id.ToString()), new("View", "Open")], postUrl: "/cases?handler=Take");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Contains("already has a handler", Html.Text(await ben.GetPageAsync(second.Headers.Location!.OriginalString)));
        Assert.Equal(HttpStatusCode.Forbidden, (await ben.GetAsync(CaseApp.CaseUrl(id))).StatusCode);

        var page = await hattie.GetPageAsync(CaseApp.CaseUrl(id));
        Assert.Contains("copper kettle", page);
        var fileId = await FileIdAsync(id);
        var download = await hattie.GetAsync($"/cases/{id}/files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("note.txt", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Evidence words: brass lantern", await download.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await ben.GetAsync($"/cases/{id}/files/{fileId}")).StatusCode);

        await using var db = app.NewDbContext();
        var entries = await db.AuditEntries.Where(a => a.EntityId == id.ToString()).OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal(["case.taken", "case.opened", "case.file-downloaded"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("user:" + app.Hattie.Id, e.ActorId));
        Assert.All(entries, e => Assert.DoesNotContain("kettle", e.Summary));
        var readings = Html.Text(await hattie.GetPageAsync(CaseApp.CaseUrl(id)));
        Assert.Contains("hattie@example.test Opened the case", readings);
        Assert.Contains("hattie@example.test Downloaded a file", readings);

        // Counts and ages, never content or references, for those without assignment.
        foreach (var account in new[] { app.Admin, app.HrManager, app.Director })
        {
            var overview = await (await app.SignedInAsync(account)).GetPageAsync("/cases/overview");
            Assert.Contains("open", Html.Text(overview));
            Assert.DoesNotContain(reference, overview);
            Assert.DoesNotContain("copper kettle", overview);
        }
    }

    [Fact]
    public async Task A_handler_named_by_the_reporter_or_with_a_declared_conflict_can_neither_see_nor_open_the_case()
    {
        var fields = app.ReportFields("Nora was there when it happened").ToList();
        fields.Add(new("Input.ExcludedHandlers", app.Nora.Id.ToString()));
        var (reference, _, _) = await app.ReportAsync(fields);
        var id = await app.CaseIdAsync(reference);

        var nora = await app.SignedInAsync(app.Nora);
        foreach (var view in new[] { "mine", "unassigned", "open", "closed" })
        {
            Assert.DoesNotContain(reference, await nora.GetPageAsync($"/cases?view={view}"));
        }
        var take = await nora.SubmitFormAsync("/cases", [new("CaseId", id.ToString()), new("View", "Open")], postUrl: "/cases?handler=Take");
        Assert.Equal(HttpStatusCode.Forbidden, take.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nora.GetAsync(CaseApp.CaseUrl(id))).StatusCode);

        // The assigned handler cannot bring her in either.
        var hattie = await app.SignedInAsync(app.Hattie);
        await CaseApp.TakeAsync(hattie, id);
        var assign = await CaseApp.ActAsync(hattie, id, "Assign", ("HandlerId", app.Nora.Id.ToString()));
        Assert.Contains("Nora Named is kept out of this case and cannot be assigned", CaseApp.Errors(await assign.Content.ReadAsStringAsync()));

        // Ben is added, then declares a conflict: he leaves the case and cannot open it again.
        var add = await CaseApp.ActAsync(hattie, id, "Assign", ("HandlerId", app.Ben.Id.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        var ben = await app.SignedInAsync(app.Ben);
        Assert.Equal(HttpStatusCode.OK, (await ben.GetAsync(CaseApp.CaseUrl(id))).StatusCode);
        var conflict = await CaseApp.ActAsync(ben, id, "Conflict");
        Assert.Equal("/cases", conflict.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await ben.GetAsync(CaseApp.CaseUrl(id))).StatusCode);
        Assert.DoesNotContain(reference, await ben.GetPageAsync("/cases?view=open"));

        var names = Html.Text(await hattie.GetPageAsync(CaseApp.CaseUrl(id)));
        Assert.Contains("Nora Named (Named by the reporter as involved", names);
        Assert.Contains("Ben Bystander (Declared a conflict of interest", names);

        // On another case, the assigned handler reads Ben's name in the report and keeps him out.
        var (other, _, _) = await app.ReportAsync(app.ReportFields("Ben Bystander laughed along when it happened"));
        var otherId = await app.CaseIdAsync(other);
        await CaseApp.TakeAsync(hattie, otherId);
        await CaseApp.ActAsync(hattie, otherId, "Assign", ("HandlerId", app.Ben.Id.ToString()));
        Assert.Equal(HttpStatusCode.OK, (await ben.GetAsync(CaseApp.CaseUrl(otherId))).StatusCode);
        Assert.Contains("declare a conflict instead", CaseApp.Errors(await (await CaseApp.ActAsync(hattie, otherId, "Exclude", ("ExcludeId", app.Hattie.Id.ToString()))).Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await CaseApp.ActAsync(hattie, otherId, "Exclude", ("ExcludeId", app.Ben.Id.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ben.GetAsync(CaseApp.CaseUrl(otherId))).StatusCode);
        Assert.DoesNotContain(other, await ben.GetPageAsync("/cases?view=open"));
        Assert.Contains("Ben Bystander (Named in the report", Html.Text(await hattie.GetPageAsync(CaseApp.CaseUrl(otherId))));
    }

    [Fact]
    public async Task A_case_goes_from_report_to_closure_and_check_ins_and_its_rules_refuse_steps_out_of_order()
    {
        RiskAssessment assessment;
        await using (var db = app.NewDbContext())
        {
            assessment = new RiskAssessment("Quay Street assessment", AssessmentScope.Site, app.SiteId, null, null, DateTime.UtcNow);
            db.RiskAssessments.Add(assessment);
            await db.SaveChangesAsync();
        }
        var fields = app.ReportFields("A customer made remarks about my body at the till");
        fields["Input.Involved"] = "ThirdParty";
        fields["Input.FeelsUnsafe"] = "true";
        var (reference, key, _) = await app.ReportAsync(fields);
        var id = await app.CaseIdAsync(reference);
        var hattie = await app.SignedInAsync(app.Hattie);
        await CaseApp.TakeAsync(hattie, id);
        Assert.Contains("Acknowledge by", Html.Text(await hattie.GetPageAsync(CaseApp.CaseUrl(id))));

        async Task<string> Refused(string handler, params (string, string)[] form)
        {
            var response = await CaseApp.ActAsync(hattie, id, handler, form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the page again, with the reason
            return CaseApp.Errors(await response.Content.ReadAsStringAsync());
        }
        async Task Done(string handler, params (string, string)[] form)
        {
            var response = await CaseApp.ActAsync(hattie, id, handler, form);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, CaseApp.Errors(await response.Content.ReadAsStringAsync()));
        }

        Assert.Contains("An outcome can only be recorded after triage", await Refused("Outcome", ("Outcome.Outcome", "Upheld"), ("Outcome.Reasons", "Too soon")));
        Assert.Contains("Record an outcome before closing the case", await Refused("Close", ("Close.RiskAssessmentChangeNeeded", "false"), ("Close.PolicyChangeNeeded", "false")));
        Assert.Contains("Acknowledge the report before triage", await Refused("Triage", ("Triage.Urgency", "Urgent"), ("Triage.Risk", "High")));
        Assert.Contains("Write the acknowledgement", await Refused("Acknowledge", ("AckMessage", " ")));
        Assert.Equal(CaseState.Received, (await app.CaseAsync(reference)).State);

        await Done("Acknowledge", ("AckMessage", "We have your report."));
        Assert.Contains("Choose how urgent", await Refused("Triage", ("Triage.Urgency", "Extreme"), ("Triage.Risk", "High")));
        await Done("Triage", ("Triage.Urgency", "Urgent"), ("Triage.Risk", "High"), ("Triage.Flags", "PossibleProtectedDisclosure"), ("Triage.InterimMeasures", "Moved off the till rota"));
        await Done("Route", ("Route", "FormalInvestigation"), ("RouteReason", "Repeated conduct"));
        Assert.Contains("The date is in the future", await Refused("Record", ("Record.Kind", "Meeting"), ("Record.HeldOn", "2999-01-01"), ("Record.Text", "x")));
        await Done("Record", ("Record.Kind", "Meeting"), ("Record.HeldOn", "2026-01-05"), ("Record.Text", "Met the reporter with their union rep"));
        await Done("Incident", ("Incident.OccurredOn", "2026-01-02"), ("Incident.SiteId", app.SiteId.ToString()), ("Incident.PartyType", "Customer"),
            ("Incident.Description", "Customer made sexual remarks to a till worker"), ("Incident.Responses", "Ban"), ("Incident.RespondedBy", "Store manager"));
        await Done("Outcome", ("Outcome.Outcome", "Upheld"), ("Outcome.Reasons", "CCTV and two witnesses"), ("Outcome.ActionsTaken", "Customer banned"),
            ("Outcome.MessageToReporter", "Your complaint was upheld and the customer has been banned."));
        await Done("Appeal", ("Grounds", "The customer's company disputes it"));
        Assert.Contains("Decide the appeal before closing", await Refused("Close", ("Close.RiskAssessmentChangeNeeded", "true"), ("Close.PolicyChangeNeeded", "false")));
        await Done("DecideAppeal", ("Appeal.Result", "Dismissed"), ("Appeal.Reasons", "The evidence stands"));
        Assert.Contains("Check-ins are sent after the case is closed", await Refused("Message", ("Message.Text", "Too early for a check-in"), ("Message.CheckIn", "true")));
        await Done("Close", ("Close.RiskAssessmentChangeNeeded", "true"), ("Close.PolicyChangeNeeded", "false"));

        var closed = await app.CaseAsync(reference);
        Assert.Equal(CaseState.Closed, closed.State);
        Assert.Equal(CaseOutcome.Upheld, closed.Outcome);
        Assert.NotNull(closed.FeedbackGivenOn);
        Assert.NotNull(closed.ThirdPartyIncidentId);
        Assert.Equal([1, 3, 6], closed.CheckInDates.Select(d => (d.Year - closed.ClosedOn!.Value.Year) * 12 + d.Month - closed.ClosedOn.Value.Month));
        await using (var db = app.NewDbContext())
        {
            Assert.NotNull((await db.RiskAssessments.SingleAsync(a => a.Id == assessment.Id)).ReviewFlaggedAtUtc);
        }

        // After closure only check-ins reach the reporter; the reporter may answer once one has been sent.
        Assert.Contains("only check-ins can be sent", await Refused("Message", ("Message.Text", "One more thing"), ("Message.CheckIn", "false")));
        var reporter = app.NewClient();
        Assert.Contains("cannot take new messages", Html.Text(await (await app.FollowUpAsync(reporter, reference, key)).Content.ReadAsStringAsync()));
        await Done("Message", ("Message.Text", "Has anyone treated you badly since you reported?"), ("Message.CheckIn", "true"));
        var view = Html.Text(await (await app.FollowUpAsync(reporter, reference, key)).Content.ReadAsStringAsync());
        Assert.Contains("Check-in from the team handling your case", view);
        Assert.Contains("Your complaint was upheld", view);
        Assert.DoesNotContain("CCTV and two witnesses", view); // the reasons stay with the handlers
        Assert.Contains("Reply or add information", view);
        Assert.Equal(1, (await app.CaseAsync(reference)).CheckInsSent);
    }

    private async Task<Guid> FileIdAsync(Guid caseId)
    {
        await using var db = app.NewDbContext();
        return await db.CaseFiles.Where(f => f.CaseId == caseId).Select(f => f.Id).SingleAsync();
    }
}
