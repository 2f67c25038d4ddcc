using System.Net;
using System.Security.Cryptography;
using System.Text;
using Compliance.Core.Policies;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Policies;

public sealed class PolicyTests(PolicyApp app) : IClassFixture<PolicyApp>
{
    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task A_policy_goes_from_template_to_acknowledgement_and_every_refusal_on_the_way_changes_nothing()
    {
        var id = await app.CreateThroughPageAsync(PolicyKind.SexualHarassment);
        string text;
        await using (var db = app.NewDbContext())
        {
            text = (await db.PolicyVersions.SingleAsync(v => v.PolicyId == id)).Text;
        }
        // The shipped template holds every section the guidance expects, filled with the organisation's details.
        PolicySections.Check(text).Where(c => !c.Present).Select(c => $"{c.Section.Code}: {c.Why}").Should().BeEmpty();
        text.Should().Contain("Harbour Hotel").And.Contain("/report").And.Contain("Priya Shah, HR adviser");
        var edit = Html.Text(await app.HrManager.GetPageAsync($"/policies/manage/{id}/edit"));
        edit.Should().Contain("Section checklist: 12 of 12 present");

        // The live preview renders what is typed without saving it, and never lets markup or script through.
        var preview = await app.HrManager.SubmitFormAsync($"/policies/manage/{id}/edit", [new("Text", "## Review\n\n<script>alert(1)</script> [x](javascript:alert(2))")],
            $"/policies/manage/{id}/edit?handler=Preview");
        var previewHtml = await preview.Content.ReadAsStringAsync();
        previewHtml.Should().NotContain("<script>").And.NotContain("javascript:");
        previewHtml.Should().Contain("Section checklist: 0 of 12 present");

        // Without the review section, the checklist says so.
        var withoutReview = text[..text.IndexOf("## Review", StringComparison.Ordinal)];
        (await app.HrManager.SubmitFormAsync($"/policies/manage/{id}/edit", [new("Text", withoutReview)])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        Html.Text(await app.HrManager.GetPageAsync($"/policies/manage/{id}")).Should().Contain("11 of 12 required sections present")
            .And.Contain("Missing When the policy is reviewed").And.Contain("No heading names this section.");

        // Consultation: each field named when missing; then recorded.
        var badConsultation = Html.Text(await (await app.PostAsync(app.HrManager, id, "Consultation", ("Consultation.HeldOn", "31/02/2026"))).Content.ReadAsStringAsync());
        badConsultation.Should().Contain("Choose who was consulted").And.Contain("Name who was consulted").And.Contain("Enter the date of the consultation").And.Contain("Say what changed");
        (await app.PostAsync(app.HrManager, id, "Consultation", ("Consultation.Body", "Union"), ("Consultation.ConsultedName", "Unite, Harbour branch"),
            ("Consultation.HeldOn", "1/11/2026"), ("Consultation.Outcome", "Added the named contact at each site."))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        // Publishing needs a director's approval first; approving needs a director, with a second factor.
        Html.Text(await (await app.PostAsync(app.HrManager, id, "Publish", ("Publish.Audience", "Everyone"), ("Publish.Change", "Material"))).Content.ReadAsStringAsync())
            .Should().Contain("has not been approved by a director");
        (await app.PostAsync(app.HrManager, id, "Submit")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.PostAsync(app.HrManager, id, "Approve", ("Confirm", "true"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        Html.Text(await (await app.PostAsync(app.DirectorWithoutSecondFactor, id, "Approve", ("Confirm", "true"))).Content.ReadAsStringAsync())
            .Should().Contain("Approving a policy needs two-factor sign-in");
        Html.Text(await (await app.PostAsync(app.Director, id, "Approve")).Content.ReadAsStringAsync()).Should().Contain("Tick the box to confirm");
        (await app.PostAsync(app.Director, id, "Approve", ("Confirm", "true"))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        // An approved version is frozen: an edit is refused and the text is as approved.
        Html.Text(await (await app.HrManager.SubmitFormAsync($"/policies/manage/{id}/edit", [new("Text", "Something else")])).Content.ReadAsStringAsync())
            .Should().Contain("was approved as it stands and cannot be changed");
        // Publishing with a section missing needs a written reason, which is kept.
        Html.Text(await (await app.PostAsync(app.HrManager, id, "Publish", ("Publish.Audience", "Everyone"), ("Publish.Change", "Material"))).Content.ReadAsStringAsync())
            .Should().Contain("1 required section is missing (When the policy is reviewed)");
        const string reason = "The review date is set by the board's calendar and is recorded there.";
        (await app.PostAsync(app.HrManager, id, "Publish", ("Publish.Audience", "Everyone"), ("Publish.Change", "Material"), ("Publish.MissingSectionsReason", reason)))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        Guid versionId;
        await using (var db = app.NewDbContext())
        {
            var version = await db.PolicyVersions.AsNoTracking().SingleAsync(v => v.PolicyId == id);
            version.Status.Should().Be(PolicyVersionStatus.Published);
            version.ContentHash.Should().Be(Sha256(withoutReview.ReplaceLineEndings("\n")));
            version.MissingSections.Should().Equal("review");
            version.MissingSectionsReason.Should().Be(reason);
            versionId = version.Id;
            (await db.AuditEntries.CountAsync(a => a.EntityId == id.ToString() && a.Action == "policy.published" && a.Summary.Contains(reason))).Should().Be(1);
            (await db.PolicyConsultations.CountAsync(c => c.VersionId == version.Id)).Should().Be(1);
        }

        // The links go out through the outbox: one per person with an email address; the person without one needs a letter.
        var sent = await app.WithServiceAsync<PolicyDistribution, SendResult>(d => d.AskNewAsync(id));
        sent.Should().Be(new SendResult(3, 2, 1, 0));
        var links = await app.LinksAsync(id);
        links.Keys.Should().BeEquivalentTo(["p1@example.test", "p2@example.test"]);
        await using (var db = app.NewDbContext())
        {
            // Only the hash of a link's secret is kept.
            var hashes = await db.PolicyLinks.Select(l => l.SecretHash).ToListAsync();
            hashes.Should().HaveCountGreaterThanOrEqualTo(2).And.OnlyContain(h => h.Length == 32);
        }
        var coverage = Html.Text(await app.HrManager.GetPageAsync($"/policies/manage/{id}/coverage"));
        coverage.Should().Contain("0 of 3 people it is for (0%)").And.Contain("Without an email address 1");

        // The employee opens their link without an account and acknowledges; twice records once.
        var employee = app.NewClient();
        var page = Html.Text(await employee.GetPageAsync(links["p1@example.test"]));
        page.Should().Contain("version 1").And.Contain("I have read and understood this policy");
        (await employee.SubmitFormAsync(links["p1@example.test"], [new("VersionId", versionId.ToString())])).StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await employee.GetPageAsync(links["p1@example.test"])).Should().Contain("You confirmed that you have read and understood");
        await using (var db = app.NewDbContext())
        {
            var ack = await db.PolicyAcknowledgements.AsNoTracking().SingleAsync(a => a.PolicyId == id);
            ack.VersionNumber.Should().Be(1);
            ack.ContentHash.Should().Be(Sha256(withoutReview.ReplaceLineEndings("\n")));
        }
        Html.Text(await app.HrManager.GetPageAsync($"/policies/manage/{id}/coverage")).Should().Contain("1 of 3 people it is for (33%)");
        var csv = await (await app.HrManager.GetAsync($"/policies/manage/{id}/coverage?handler=Csv")).Content.ReadAsStringAsync();
        csv.Should().Contain("P-2").And.Contain("P-3").And.NotContain("P-1");

        // Chasing on the day they were sent sends no one a second link.
        (await app.HrManager.SubmitFormAsync($"/policies/manage/{id}/coverage", [], $"/policies/manage/{id}/coverage?handler=Chase")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using (var db = app.NewDbContext())
        {
            (await db.Policies.SingleAsync(p => p.Id == id)).ChaseRequestedAtUtc.Should().NotBeNull();
        }
        (await app.WithServiceAsync<PolicyDistribution, SendResult>(d => d.ChaseAsync(id))).Should().Be(new SendResult(0, 0, 1, 1));

        // A forged link and a leaver's link get the same plain message and no detail.
        var forged = await employee.GetAsync("/policies/acknowledge/" + new string('A', 43));
        forged.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var forgedText = Html.Text(await forged.Content.ReadAsStringAsync());
        forgedText.Should().Contain("This link is not valid").And.NotContain("Pat");
        await using (var db = app.NewDbContext())
        {
            var p2 = await db.Employees.SingleAsync(e => e.EmployeeNumber == "P-2");
            p2.MarkAsLeaver(Compliance.Core.UkCalendar.Today(TimeProvider.System), DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
        var leaver = await employee.GetAsync(links["p2@example.test"]);
        leaver.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Html.Text(await leaver.Content.ReadAsStringAsync()).Should().Be(forgedText);

        // Anyone can read the version in force, and download it as a PDF; the reporting page links to it.
        var reader = app.NewClient();
        (await reader.GetPageAsync("/report")).Should().Contain("href=\"/policies/harassment\"");
        Html.Text(await reader.GetPageAsync("/policies/harassment")).Should().Contain("preventing sexual harassment at work").And.Contain(Sha256(withoutReview.ReplaceLineEndings("\n")));
        var pdf = await reader.GetAsync("/policies/harassment/pdf");
        pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..5]).Should().Be("%PDF-");
    }

    [Fact]
    public async Task Every_shipped_template_with_a_checklist_holds_every_required_section()
    {
        foreach (var kind in Enum.GetValues<PolicyKind>().Where(k => k.HasChecklist()))
        {
            var text = await app.WithServiceAsync<PolicyTemplates, string>(t => Task.FromResult(t.Render(kind,
                new PolicyTemplateModel("Harbour Hotels Ltd", ["Harbour Hotel"], "https://example.test/report", ["Priya Shah, HR adviser"], PolicyTemplates.DefaultSupportLines, new DateOnly(2027, 11, 1)))));
            PolicySections.Check(text).Where(c => !c.Present).Select(c => $"{kind}: {c.Section.Code}: {c.Why}").Should().BeEmpty();
        }
    }

    [Fact]
    public async Task A_person_without_an_email_address_reads_and_acknowledges_with_the_code_from_a_printed_letter()
    {
        var id = await app.CreateThroughPageAsync(PolicyKind.ThirdPartyHarassment);
        await app.PublishAsync(id);
        await app.WithServiceAsync<PolicyDistribution, SendResult>(d => d.AskNewAsync(id));

        // HR prints the letters: one page for P-3, the only person without an email address, with a code.
        var response = await app.HrManager.SubmitFormAsync($"/policies/manage/{id}/coverage", [], $"/policies/manage/{id}/coverage?handler=Letters");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        var folder = Directory.CreateTempSubdirectory("policy-letters").FullName;
        string text;
        try
        {
            var file = Path.Combine(folder, "letters.pdf");
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
            var check = await Tool.RunAsync("qpdf", "--check", file);
            (check.ExitCode == 0).Should().BeTrue(check.Output + check.Errors);
            text = System.Text.RegularExpressions.Regex.Replace((await Tool.RunAsync("pdftotext", file, "-")).Output, @"\s+", " ");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
        text.Should().Contain("Pat P-3 (P-3), Hilltop Hotel").And.Contain("/policies/code").And.NotContain("P-1 (P-1)");
        var code = System.Text.RegularExpressions.Regex.Match(text, @"Enter your code ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})").Groups[1].Value;
        code.Should().NotBeEmpty();
        await using (var db = app.NewDbContext())
        {
            (await db.AuditEntries.CountAsync(a => a.Action == "policy.letters" && a.EntityId == id.ToString())).Should().Be(1);
        }

        // A wrong code, or none, gets a plain message; the right one, typed carelessly, opens the policy.
        var employee = app.NewClient();
        Html.Text(await (await employee.SubmitFormAsync("/policies/code", [new("Code", "")])).Content.ReadAsStringAsync()).Should().Contain("Enter the code from your letter.");
        Html.Text(await (await employee.SubmitFormAsync("/policies/code", [new("Code", "0000-0000-0000")])).Content.ReadAsStringAsync()).Should().Contain("That code is not valid.");
        Html.Text(await (await employee.SubmitFormAsync("/policies/code", [new("Code", "not a code")])).Content.ReadAsStringAsync()).Should().Contain("That code is not valid.");
        var opened = await employee.SubmitFormAsync("/policies/code", [new("Code", " " + code.ToLowerInvariant().Replace("-", " ") + " ")]);
        opened.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var link = opened.Headers.Location!.OriginalString;
        link.Should().Be("/policies/acknowledge/" + code.Replace("-", ""));
        Guid versionId;
        await using (var db = app.NewDbContext())
        {
            versionId = (await db.PolicyVersions.SingleAsync(v => v.PolicyId == id)).Id;
        }
        Html.Text(await employee.GetPageAsync(link)).Should().Contain("I have read and understood this policy");
        (await employee.SubmitFormAsync(link, [new("VersionId", versionId.ToString())])).StatusCode.Should().Be(HttpStatusCode.OK);
        await using (var db = app.NewDbContext())
        {
            var p3 = await db.Employees.SingleAsync(e => e.EmployeeNumber == "P-3");
            (await db.PolicyAcknowledgements.CountAsync(a => a.PolicyId == id && a.EmployeeId == p3.Id)).Should().Be(1);
        }
        // Once they have acknowledged, there is no one left to print a letter for.
        var none = await app.HrManager.SubmitFormAsync($"/policies/manage/{id}/coverage", [], $"/policies/manage/{id}/coverage?handler=Letters");
        none.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Acknowledging_a_superseded_version_records_nothing_and_an_old_link_shows_the_current_version()
    {
        var id = await app.CreateThroughPageAsync(PolicyKind.Other, "Social media at work");
        await app.PublishAsync(id);
        await app.WithServiceAsync<PolicyDistribution, string>(d => d.RunPendingAsync());
        var link = (await app.LinksAsync(id))["p1@example.test"];
        Guid first;
        await using (var db = app.NewDbContext())
        {
            first = (await db.PolicyVersions.SingleAsync(v => v.PolicyId == id && v.Number == 1)).Id;
        }
        (await app.PostAsync(app.HrManager, id, "NewVersion")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.HrManager.SubmitFormAsync($"/policies/manage/{id}/edit", [new("Text", "# Social media at work\n\n## Review\n\nReviewed every 12 months by HR with the staff forum.")]))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        await app.PublishAsync(id);

        var employee = app.NewClient();
        var page = Html.Text(await (await employee.SubmitFormAsync(link, [new("VersionId", first.ToString())])).Content.ReadAsStringAsync());
        page.Should().Contain("The policy was updated after you opened it, so nothing was recorded").And.Contain("version 2");
        await using (var db = app.NewDbContext())
        {
            (await db.PolicyAcknowledgements.CountAsync(a => a.PolicyId == id)).Should().Be(0);
            // Editing a published version is refused by the version itself.
            var policy = await db.Policies.Include(p => p.Versions).SingleAsync(p => p.Id == id);
            var act = () => policy.Versions.Single(v => v.Number == 1).Edit("changed", DateTime.UtcNow);
            act.Should().Throw<PolicyRuleException>().WithMessage("*cannot be changed*");
        }
        // A minor change needs a version before it; the second version's round is its own (material).
        await using (var db = app.NewDbContext())
        {
            var second = await db.PolicyVersions.SingleAsync(v => v.PolicyId == id && v.Number == 2);
            second.AcknowledgementRound.Should().Be(2);
        }
    }

    [Fact]
    public async Task Only_HR_managers_draft_and_publish_and_only_directors_approve_and_staff_pages_are_closed_to_others()
    {
        var id = await app.CreateThroughPageAsync(PolicyKind.Whistleblowing);
        (await app.PostAsync(app.Director, id, "Submit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.PostAsync(app.Director, id, "Publish", ("Publish.Audience", "Everyone"), ("Publish.Change", "Material"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.Director.SubmitFormAsync($"/policies/manage/{id}/edit", [new("Text", "x")], $"/policies/manage/{id}/edit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.Director.SubmitFormAsync($"/policies/manage/{id}/coverage", [], $"/policies/manage/{id}/coverage?handler=Letters")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var anonymous = app.NewClient();
        (await anonymous.GetAsync($"/policies/manage/{id}")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        // Nothing is published yet, so there is no public page.
        var missing = await anonymous.GetAsync("/policies/whistleblowing");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound, missing.Headers.Location?.ToString());
        // A second policy of the same kind is refused, naming the field.
        var again = await app.HrManager.SubmitFormAsync("/policies/manage/new", [new("Kind", "Whistleblowing")]);
        Html.Text(await again.Content.ReadAsStringAsync()).Should().Contain("There is already a policy of this kind (whistleblowing policy)");
    }
}
