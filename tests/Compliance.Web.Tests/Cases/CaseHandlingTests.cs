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
            (response.StatusCode == HttpStatusCode.Forbidden).Should().BeTrue($"{account.Email} got {(int)response.StatusCode}");
            (await response.Content.ReadAsStringAsync()).Should().NotContain("copper kettle");
        }
        var ben = await app.SignedInAsync(app.Ben);
        var queue = await ben.GetPageAsync("/cases?view=unassigned");
        queue.Should().Contain(reference);
        queue.Should().NotContain("copper kettle");

        var hattie = await app.SignedInAsync(app.Hattie);
        await CaseApp.TakeAsync(hattie, id);
        // Once taken, another handler cannot take it too.
        var second = await ben.SubmitFormAsync("/cases?view=open", [new("CaseId", id.ToString()), new("View", "Open")], postUrl: "/cases?handler=Take");
        second.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Html.Text(await ben.GetPageAsync(second.Headers.Location!.OriginalString)).Should().Contain("already has a handler");
        (await ben.GetAsync(CaseApp.CaseUrl(id))).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var page = await hattie.GetPageAsync(CaseApp.CaseUrl(id));
        page.Should().Contain("copper kettle");
        var fileId = await FileIdAsync(id);
        var download = await hattie.GetAsync($"/cases/{id}/files/{fileId}");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (download.Content.Headers.ContentDisposition?.DispositionType).Should().Be("attachment");
        (download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName).Should().Be("note.txt");
        (download.Content.Headers.ContentType?.MediaType).Should().Be("application/octet-stream");
        (await download.Content.ReadAsStringAsync()).Should().Be("Evidence words: brass lantern");
        (await ben.GetAsync($"/cases/{id}/files/{fileId}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await using var db = app.NewDbContext();
        var entries = await db.AuditEntries.Where(a => a.EntityId == id.ToString()).OrderBy(a => a.Sequence).ToListAsync();
        entries.Select(e => e.Action).Should().Equal("case.taken", "case.opened", "case.file-downloaded");
        entries.Should().AllSatisfy(e => e.ActorId.Should().Be("user:" + app.Hattie.Id));
        entries.Should().AllSatisfy(e => e.Summary.Should().NotContain("kettle"));
        var readings = Html.Text(await hattie.GetPageAsync(CaseApp.CaseUrl(id)));
        readings.Should().Contain("hattie@example.test Opened the case");
        readings.Should().Contain("hattie@example.test Downloaded a file");

        // Counts and ages, never content or references, for those without assignment.
        foreach (var account in new[] { app.Admin, app.HrManager, app.Director })
        {
            var overview = await (await app.SignedInAsync(account)).GetPageAsync("/cases/overview");
            Html.Text(overview).Should().Contain("open");
            overview.Should().NotContain(reference);
            overview.Should().NotContain("copper kettle");
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
            (await nora.GetPageAsync($"/cases?view={view}")).Should().NotContain(reference);
        }
        var take = await nora.SubmitFormAsync("/cases", [new("CaseId", id.ToString()), new("View", "Open")], postUrl: "/cases?handler=Take");
        take.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nora.GetAsync(CaseApp.CaseUrl(id))).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // The assigned handler cannot bring her in either.
        var hattie = await app.SignedInAsync(app.Hattie);
        await CaseApp.TakeAsync(hattie, id);
        var assign = await CaseApp.ActAsync(hattie, id, "Assign", ("HandlerId", app.Nora.Id.ToString()));
        CaseApp.Errors(await assign.Content.ReadAsStringAsync()).Should().Contain("Nora Named is kept out of this case and cannot be assigned");

        // Ben is added, then declares a conflict: he leaves the case and cannot open it again.
        var add = await CaseApp.ActAsync(hattie, id, "Assign", ("HandlerId", app.Ben.Id.ToString()));
        add.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var ben = await app.SignedInAsync(app.Ben);
        (await ben.GetAsync(CaseApp.CaseUrl(id))).StatusCode.Should().Be(HttpStatusCode.OK);
        var conflict = await CaseApp.ActAsync(ben, id, "Conflict");
        (conflict.Headers.Location?.OriginalString).Should().Be("/cases");
        (await ben.GetAsync(CaseApp.CaseUrl(id))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ben.GetPageAsync("/cases?view=open")).Should().NotContain(reference);

        var names = Html.Text(await hattie.GetPageAsync(CaseApp.CaseUrl(id)));
        names.Should().Contain("Nora Named (Named by the reporter as involved");
        names.Should().Contain("Ben Bystander (Declared a conflict of interest");

        // On another case, the assigned handler reads Ben's name in the report and keeps him out.
        var (other, _, _) = await app.ReportAsync(app.ReportFields("Ben Bystander laughed along when it happened"));
        var otherId = await app.CaseIdAsync(other);
        await CaseApp.TakeAsync(hattie, otherId);
        await CaseApp.ActAsync(hattie, otherId, "Assign", ("HandlerId", app.Ben.Id.ToString()));
        (await ben.GetAsync(CaseApp.CaseUrl(otherId))).StatusCode.Should().Be(HttpStatusCode.OK);
        CaseApp.Errors(await (await CaseApp.ActAsync(hattie, otherId, "Exclude", ("ExcludeId", app.Hattie.Id.ToString()))).Content.ReadAsStringAsync()).Should().Contain("declare a conflict instead");
        (await CaseApp.ActAsync(hattie, otherId, "Exclude", ("ExcludeId", app.Ben.Id.ToString()))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ben.GetAsync(CaseApp.CaseUrl(otherId))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ben.GetPageAsync("/cases?view=open")).Should().NotContain(other);
        Html.Text(await hattie.GetPageAsync(CaseApp.CaseUrl(otherId))).Should().Contain("Ben Bystander (Named in the report");
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
        Html.Text(await hattie.GetPageAsync(CaseApp.CaseUrl(id))).Should().Contain("Acknowledge by");

        async Task<string> Refused(string handler, params (string, string)[] form)
        {
            var response = await CaseApp.ActAsync(hattie, id, handler, form);
            response.StatusCode.Should().Be(HttpStatusCode.OK); // the page again, with the reason
            return CaseApp.Errors(await response.Content.ReadAsStringAsync());
        }
        async Task Done(string handler, params (string, string)[] form)
        {
            var response = await CaseApp.ActAsync(hattie, id, handler, form);
            (response.StatusCode == HttpStatusCode.Redirect).Should().BeTrue(CaseApp.Errors(await response.Content.ReadAsStringAsync()));
        }

        (await Refused("Outcome", ("Outcome.Outcome", "Upheld"), ("Outcome.Reasons", "Too soon"))).Should().Contain("An outcome can only be recorded after triage");
        (await Refused("Close", ("Close.RiskAssessmentChangeNeeded", "false"), ("Close.PolicyChangeNeeded", "false"))).Should().Contain("Record an outcome before closing the case");
        (await Refused("Triage", ("Triage.Urgency", "Urgent"), ("Triage.Risk", "High"))).Should().Contain("Acknowledge the report before triage");
        (await Refused("Acknowledge", ("AckMessage", " "))).Should().Contain("Write the acknowledgement");
        (await app.CaseAsync(reference)).State.Should().Be(CaseState.Received);

        await Done("Acknowledge", ("AckMessage", "We have your report."));
        (await Refused("Triage", ("Triage.Urgency", "Extreme"), ("Triage.Risk", "High"))).Should().Contain("Choose how urgent");
        await Done("Triage", ("Triage.Urgency", "Urgent"), ("Triage.Risk", "High"), ("Triage.Flags", "PossibleProtectedDisclosure"), ("Triage.InterimMeasures", "Moved off the till rota"));
        await Done("Route", ("Route", "FormalInvestigation"), ("RouteReason", "Repeated conduct"));
        (await Refused("Record", ("Record.Kind", "Meeting"), ("Record.HeldOn", "2999-01-01"), ("Record.Text", "x"))).Should().Contain("The date is in the future");
        await Done("Record", ("Record.Kind", "Meeting"), ("Record.HeldOn", "2026-01-05"), ("Record.Text", "Met the reporter with their union rep"));
        await Done("Incident", ("Incident.OccurredOn", "2026-01-02"), ("Incident.SiteId", app.SiteId.ToString()), ("Incident.PartyType", "Customer"),
            ("Incident.Description", "Customer made sexual remarks to a till worker"), ("Incident.Responses", "Ban"), ("Incident.RespondedBy", "Store manager"));
        await Done("Outcome", ("Outcome.Outcome", "Upheld"), ("Outcome.Reasons", "CCTV and two witnesses"), ("Outcome.ActionsTaken", "Customer banned"),
            ("Outcome.MessageToReporter", "Your complaint was upheld and the customer has been banned."));
        await Done("Appeal", ("Grounds", "The customer's company disputes it"));
        (await Refused("Close", ("Close.RiskAssessmentChangeNeeded", "true"), ("Close.PolicyChangeNeeded", "false"))).Should().Contain("Decide the appeal before closing");
        await Done("DecideAppeal", ("Appeal.Result", "Dismissed"), ("Appeal.Reasons", "The evidence stands"));
        (await Refused("Message", ("Message.Text", "Too early for a check-in"), ("Message.CheckIn", "true"))).Should().Contain("Check-ins are sent after the case is closed");
        await Done("Close", ("Close.RiskAssessmentChangeNeeded", "true"), ("Close.PolicyChangeNeeded", "false"));

        var closed = await app.CaseAsync(reference);
        closed.State.Should().Be(CaseState.Closed);
        closed.Outcome.Should().Be(CaseOutcome.Upheld);
        closed.FeedbackGivenOn.Should().NotBeNull();
        closed.ThirdPartyIncidentId.Should().NotBeNull();
        closed.CheckInDates.Select(d => (d.Year - closed.ClosedOn!.Value.Year) * 12 + d.Month - closed.ClosedOn.Value.Month).Should().Equal(1, 3, 6);
        await using (var db = app.NewDbContext())
        {
            (await db.RiskAssessments.SingleAsync(a => a.Id == assessment.Id)).ReviewFlaggedAtUtc.Should().NotBeNull();
            // The closure's "yes" puts a review in the action plan, with the date and site and nothing of the case.
            var planned = await db.PlanActions.AsNoTracking().SingleAsync(a => a.SourceId == closed.Id);
            planned.Should().Match<Core.Scoring.PlanAction>(a => a.Step == Core.Scoring.ReasonableStep.RiskAssessment && a.Source == Core.Scoring.PlanSource.CaseClosure
                && a.DueDate == closed.ClosedOn!.Value.AddDays(30) && a.Description.StartsWith("Review the risk assessment for ") && a.Description.EndsWith("asked for a change."));
            planned.Description.Should().NotContain(reference);
        }

        // After closure only check-ins reach the reporter; the reporter may answer once one has been sent.
        (await Refused("Message", ("Message.Text", "One more thing"), ("Message.CheckIn", "false"))).Should().Contain("only check-ins can be sent");
        var reporter = app.NewClient();
        Html.Text(await (await app.FollowUpAsync(reporter, reference, key)).Content.ReadAsStringAsync()).Should().Contain("cannot take new messages");
        await Done("Message", ("Message.Text", "Has anyone treated you badly since you reported?"), ("Message.CheckIn", "true"));
        var view = Html.Text(await (await app.FollowUpAsync(reporter, reference, key)).Content.ReadAsStringAsync());
        view.Should().Contain("Check-in from the team handling your case");
        view.Should().Contain("Your complaint was upheld");
        view.Should().NotContain("CCTV and two witnesses"); // the reasons stay with the handlers
        view.Should().Contain("Reply or add information");
        (await app.CaseAsync(reference)).CheckInsSent.Should().Be(1);
    }

    private async Task<Guid> FileIdAsync(Guid caseId)
    {
        await using var db = app.NewDbContext();
        return await db.CaseFiles.Where(f => f.CaseId == caseId).Select(f => f.Id).SingleAsync();
    }
}
