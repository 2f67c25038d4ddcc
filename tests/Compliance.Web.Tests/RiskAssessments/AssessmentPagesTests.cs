using System.Net;
using System.Security.Cryptography;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.RiskAssessments;

public sealed class AssessmentPagesTests(RiskApp app) : IClassFixture<RiskApp>
{
    private static string UkToday => Compliance.Core.UkCalendar.Today(TimeProvider.System).ToString("yyyy-MM-dd");

    private static KeyValuePair<string, string>[] Rating(string applies, string who, string likelihood, string severity, string controls = "") =>
        [new("Input.Applies", applies), new("Input.WhoIsAtRisk", who), new("Input.Likelihood", likelihood), new("Input.Severity", severity), new("Input.ControlsInPlace", controls)];

    [Fact]
    public async Task An_HR_manager_creates_scores_approves_and_reviews_and_the_approved_revision_stays_byte_for_byte()
    {
        var id = await app.StartThroughPageAsync("Harbour Hotel assessment", app.HomeSite);
        var page = Html.Text(await app.HrManager.GetPageAsync($"/risk/assessments/{id}"));
        page.Should().ContainEquivalentOf("Power imbalances");
        page.Should().Contain("Suggested: 1 lone worker at this site");

        foreach (var (code, who) in new[] { ("LONE", "Room attendants"), ("ALCOHOL", "Bar staff"), ("CUSTOMER", "Reception") })
        {
            var saved = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/{code}", Rating("true", who, "3", "4", "Radios"));
            saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }
        // "Not relevant here" needs its reason, which is kept.
        var noReason = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/SOCIAL", [new("Input.Applies", "false")]);
        Html.Text(await noReason.Content.ReadAsStringAsync()).Should().Contain("Say why this factor is not relevant here");
        (await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/SOCIAL",
            [new("Input.Applies", "false"), new("Input.NotRelevantReason", "The hotel holds no staff events.")])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        foreach (var (description, code) in new[] { ("Issue personal alarms", "LONE"), ("Train bar staff", "ALCOHOL") })
        {
            var added = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}",
                [new("Action.Description", description), new("Action.Owner", "Facilities manager"), new("Action.DueDate", UkToday), new("Action.FactorCode", code)],
                $"/risk/assessments/{id}?handler=AddAction");
            added.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }
        page = Html.Text(await app.HrManager.GetPageAsync($"/risk/assessments/{id}"));
        page.Should().Contain("12 (High): likelihood 3, severity 4");
        var library = await TestDatabase.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM risk_factors");
        page.Should().Contain($"4 of {library} factors considered.");
        page.Should().Contain("1 High or Very high risk has no action yet.");

        var unconfirmed = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}", [], $"/risk/assessments/{id}?handler=Approve");
        Html.Text(await unconfirmed.Content.ReadAsStringAsync()).Should().Contain("Tick the box to confirm");
        // A nearly empty assessment is refused, naming what is missing: unconsidered factors and the High risk with no action.
        var refused = Html.Text(await (await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}", [new("Confirm", "true")], $"/risk/assessments/{id}?handler=Approve")).Content.ReadAsStringAsync());
        refused.Should().Contain($"{library - 4} of {library} factors have not been considered");
        refused.Should().Contain("Power imbalances");
        refused.Should().Contain("1 High or Very high risk has no action (Customer-facing work)");
        await using (var db = app.NewDbContext())
        {
            (await db.AssessmentRevisions.SingleAsync(r => r.AssessmentId == id)).Status.Should().Be(RevisionStatus.Draft);
        }

        var customerAction = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}",
            [new("Action.Description", "Put up the customer notice"), new("Action.Owner", "Front office"), new("Action.DueDate", UkToday), new("Action.FactorCode", "CUSTOMER")],
            $"/risk/assessments/{id}?handler=AddAction");
        customerAction.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var noRestReason = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}", [new("RestReason", " ")], $"/risk/assessments/{id}?handler=RestNotRelevant");
        Html.Text(await noRestReason.Content.ReadAsStringAsync()).Should().Contain("Say why the remaining factors are not relevant here.");
        var rest = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}", [new("RestReason", "Looked at in the site walk-round on 1 November: none applies here.")], $"/risk/assessments/{id}?handler=RestNotRelevant");
        rest.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Html.Text(await app.HrManager.GetPageAsync($"/risk/assessments/{id}")).Should().Contain($"{library} of {library} factors considered.");
        var approved = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}", [new("Confirm", "true")], $"/risk/assessments/{id}?handler=Approve");
        approved.StatusCode.Should().Be(HttpStatusCode.Redirect);

        // The frozen revision shows every factor, those judged not relevant with the reason.
        var frozen = Html.Text(await app.HrManager.GetPageAsync($"/risk/assessments/{id}/revisions/1"));
        frozen.Should().Contain("Not relevant here Why not: The hotel holds no staff events.");
        frozen.Should().Contain("Why not: Looked at in the site walk-round on 1 November: none applies here.");

        string content, hash;
        await using (var db = app.NewDbContext())
        {
            var first = await db.AssessmentRevisions.AsNoTracking().SingleAsync(r => r.AssessmentId == id && r.Number == 1);
            first.Status.Should().Be(RevisionStatus.Approved);
            (content, hash) = (first.ApprovedContent!, first.ApprovedContentHash!);
            (await db.RiskActions.CountAsync(a => a.AssessmentId == id)).Should().Be(3);
        }

        // An edit of the approved revision is refused and changes nothing.
        var edit = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/ALCOHOL", Rating("true", "Everyone", "5", "5"));
        edit.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await edit.Content.ReadAsStringAsync()).Should().Contain("cannot be changed");
        await using (var db = app.NewDbContext())
        {
            var rating = await db.Set<FactorRating>().AsNoTracking().SingleAsync(r => r.FactorCode == "ALCOHOL" && db.AssessmentRevisions.Any(v => v.Id == r.RevisionId && v.AssessmentId == id));
            (rating.Likelihood!.Value, rating.Severity!.Value, rating.WhoIsAtRisk!).Should().Be((3, 4, "Bar staff"));
        }

        (await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}", [], $"/risk/assessments/{id}?handler=StartReview")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/ALCOHOL", Rating("true", "Bar and door staff", "2", "4"))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var download = await app.HrManager.GetAsync($"/risk/assessments/{id}/revisions/1?handler=Content");
        var bytes = await download.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.UTF8.GetString(bytes).Should().Be(content);
        Convert.ToHexStringLower(SHA256.HashData(bytes)).Should().Be(hash);
        var revisionPage = Html.Text(await app.Director.GetPageAsync($"/risk/assessments/{id}/revisions/1"));
        revisionPage.Should().Contain("Bar staff");
        revisionPage.Should().NotContain("Bar and door staff");
        revisionPage.Should().Contain(hash);
        (await app.HrManager.GetAsync($"/risk/assessments/{id}/revisions/2")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_input_on_the_pages_names_the_field_and_saves_nothing()
    {
        var id = await app.StartThroughPageAsync("Refusals", app.OtherSite);
        int ratings, actions, assessments;
        await using (var db = app.NewDbContext())
        {
            (ratings, actions, assessments) = (await db.Set<FactorRating>().CountAsync(), await db.RiskActions.CountAsync(), await db.RiskAssessments.CountAsync());
        }

        var likelihood = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/LONE", Rating("true", "Cleaners", "9", "3"));
        var html = await likelihood.Content.ReadAsStringAsync();
        likelihood.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("id=\"Input_Likelihood-error\"");
        Html.Text(html).Should().Contain("Choose a likelihood from 1 (rare) to 5 (almost certain)");
        var unreadable = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/LONE", Rating("true", "Cleaners", "three", "3"));
        (await unreadable.Content.ReadAsStringAsync()).Should().Contain("id=\"Input_Likelihood-error\"");

        var past = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}",
            [new("Action.Description", "Fix the lights"), new("Action.Owner", "Site manager"), new("Action.DueDate", "2020-01-01")], $"/risk/assessments/{id}?handler=AddAction");
        html = await past.Content.ReadAsStringAsync();
        html.Should().Contain("id=\"Action_DueDate-error\"");
        Html.Text(html).Should().Contain("The due date cannot be in the past");

        var noSite = await app.HrManager.SubmitFormAsync("/risk/assessments/new", [new("Input.Title", "Nowhere"), new("Input.Scope", "Site")]);
        html = await noSite.Content.ReadAsStringAsync();
        noSite.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("id=\"Input_SiteId-error\"");
        html.Should().Contain("href=\"#Input_SiteId\"");

        var early = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}", [new("Confirm", "true")], $"/risk/assessments/{id}?handler=Approve");
        Html.Text(await early.Content.ReadAsStringAsync()).Should().Contain("This assessment cannot be approved yet.");

        await using (var db = app.NewDbContext())
        {
            (await db.Set<FactorRating>().CountAsync(), await db.RiskActions.CountAsync(), await db.RiskAssessments.CountAsync()).Should().Be((ratings, actions, assessments));
            (await db.AssessmentRevisions.SingleAsync(r => r.AssessmentId == id)).Status.Should().Be(RevisionStatus.Draft);
        }
    }

    [Fact]
    public async Task A_director_reads_and_approves_but_cannot_edit()
    {
        var id = await app.StartThroughPageAsync("Director's view", app.HomeSite);
        (await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/POWER", Rating("true", "Junior staff", "2", "3"))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var page = await app.Director.GetPageAsync($"/risk/assessments/{id}");
        page.Should().NotContain("Add an action");
        page.Should().NotContain($"/risk/assessments/{id}/factors/");
        (await app.Director.GetAsync($"/risk/assessments/{id}/factors/POWER")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.Director.GetAsync("/risk/assessments/new")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var addAction = await app.Director.SubmitFormAsync($"/risk/assessments/{id}",
            [new("Action.Description", "Sneaky"), new("Action.Owner", "Me"), new("Action.DueDate", UkToday)], $"/risk/assessments/{id}?handler=AddAction");
        addAction.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var addFactor = await app.Director.SubmitFormAsync("/risk/factors", [new("Input.Title", "Sneaky factor"), new("Input.Explanation", "No")]);
        addFactor.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await app.Director.SubmitFormAsync($"/risk/assessments/{id}", [new("RestReason", "Not here")], $"/risk/assessments/{id}?handler=RestNotRelevant")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.MarkRestNotRelevantAsync(id, "Considered by HR: not relevant here."))).Should().BeEmpty();
        var approve = await app.Director.SubmitFormAsync($"/risk/assessments/{id}", [new("Confirm", "true")], $"/risk/assessments/{id}?handler=Approve");
        approve.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var review = await app.Director.SubmitFormAsync($"/risk/assessments/{id}", [], $"/risk/assessments/{id}?handler=StartReview");
        review.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await using var db = app.NewDbContext();
        (await db.RiskActions.AnyAsync(a => a.AssessmentId == id)).Should().BeFalse();
        (await db.RiskFactors.AnyAsync(f => f.Title == "Sneaky factor")).Should().BeFalse();
        var revisions = await db.AssessmentRevisions.Where(r => r.AssessmentId == id).ToListAsync();
        revisions.Should().ContainSingle().Which.Status.Should().Be(RevisionStatus.Approved);
        revisions[0].ApprovedByName.Should().Be("Dana Director");
    }

    [Fact]
    public async Task The_overview_lists_overdue_reviews_and_overdue_actions_by_site()
    {
        var site = await app.SiteAsync("Overdue Lodge");
        var id = await app.ApprovedAssessmentAsync("Overdue Lodge assessment", site);
        (await app.WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.AddActionAsync(id, new ActionInput(null, "Install CCTV in the car park", "Estates", UkToday)))).Should().BeEmpty();
        await using (var db = app.NewDbContext())
        {
            // Time passes: the review date and the action's due date are now behind us.
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE risk_assessments SET next_review_due = {new DateOnly(2025, 1, 31)} WHERE id = {id}");
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE risk_actions SET due_date = {new DateOnly(2025, 2, 28)} WHERE assessment_id = {id}");
        }
        var html = await app.Director.GetPageAsync("/risk");
        var text = Html.Text(html);
        text.Should().Contain("Overdue Lodge assessment (Overdue Lodge): review was due 31 January 2025");
        text.Should().Contain("Install CCTV in the car park Overdue Lodge assessment Estates 28 February 2025");
        // Site, assessments, approved, reviews due, overdue actions, incidents in the last year.
        text.Should().Contain("Overdue Lodge 1 1 1 1 0");
        Html.Text(await app.Director.GetPageAsync("/risk/assessments?show=review")).Should().Contain("Overdue Lodge assessment");
        Html.Text(await app.Director.GetPageAsync("/risk/actions?show=overdue")).Should().Contain("Install CCTV");
        Html.Text(await app.Director.GetPageAsync("/risk/actions?show=done")).Should().NotContain("Install CCTV");
        var home = Html.Text(await app.Director.GetPageAsync("/"));
        home.Should().MatchRegex(@"\d+ assessments? (is|are) due for review");
        home.Should().MatchRegex(@"\d+ actions? (is|are) overdue");
        Html.Text(await app.LineManager.GetPageAsync("/")).Should().NotContain("due for review");
    }

    [Fact]
    public async Task An_action_is_completed_only_with_a_date_and_a_note()
    {
        var id = await app.ApprovedAssessmentAsync("Completion Court", await app.SiteAsync("Completion Court"));
        (await app.WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.AddActionAsync(id, new ActionInput(null, "Put up the customer notice", "Duty manager", UkToday)))).Should().BeEmpty();
        Guid actionId;
        await using (var db = app.NewDbContext()) actionId = await db.RiskActions.Where(a => a.AssessmentId == id).Select(a => a.Id).SingleAsync();

        var noNote = await app.HrManager.SubmitFormAsync($"/risk/actions/{actionId}", [new("Input.CompletedOn", UkToday), new("Input.CompletionNote", " ")], $"/risk/actions/{actionId}?handler=Complete");
        (await noNote.Content.ReadAsStringAsync()).Should().Contain("id=\"Input_CompletionNote-error\"");
        var future = await app.HrManager.SubmitFormAsync($"/risk/actions/{actionId}", [new("Input.CompletedOn", "2999-01-01"), new("Input.CompletionNote", "Done")], $"/risk/actions/{actionId}?handler=Complete");
        (await future.Content.ReadAsStringAsync()).Should().Contain("id=\"Input_CompletedOn-error\"");
        var longNote = await app.HrManager.SubmitFormAsync($"/risk/actions/{actionId}", [new("Input.CompletedOn", UkToday), new("Input.CompletionNote", new string('x', 2001))], $"/risk/actions/{actionId}?handler=Complete");
        longNote.StatusCode.Should().Be(HttpStatusCode.OK);
        (await longNote.Content.ReadAsStringAsync()).Should().Contain("id=\"Input_CompletionNote-error\"");
        var director = await app.Director.SubmitFormAsync($"/risk/actions/{actionId}", [new("Input.CompletedOn", UkToday), new("Input.CompletionNote", "Done")], $"/risk/actions/{actionId}?handler=Complete");
        director.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using (var db = app.NewDbContext()) (await db.RiskActions.SingleAsync(a => a.Id == actionId)).Status.Should().Be(ActionStatus.Open);

        var done = await app.HrManager.SubmitFormAsync($"/risk/actions/{actionId}", [new("Input.CompletedOn", UkToday), new("Input.CompletionNote", "Notice up at reception")], $"/risk/actions/{actionId}?handler=Complete");
        done.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using (var db = app.NewDbContext())
        {
            var action = await db.RiskActions.SingleAsync(a => a.Id == actionId);
            (action.Status, action.CompletionNote).Should().Be((ActionStatus.Done, "Notice up at reception"));
            (await db.AuditEntries.AnyAsync(e => e.Action == "risk-action.completed" && e.EntityId == actionId.ToString())).Should().BeTrue();
        }
    }

    [Fact]
    public async Task Two_approvals_at_once_approve_once_and_refuse_the_other_politely()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var site = await app.SiteAsync($"Race Court {attempt}");
            var (id, errors) = await app.WithServiceAsync<RiskAssessmentWork, (Guid?, List<FieldError>)>(w => w.StartAsync(new StartAssessmentInput("Race", AssessmentScope.Site, site, null, null)));
            errors.Should().BeEmpty();
            (await app.WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.RateAsync(id!.Value, new RatingInput("LONE", true, "Porters", 2, 2, null)))).Should().BeEmpty();
            (await app.WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.MarkRestNotRelevantAsync(id!.Value, "Not relevant at the race course."))).Should().BeEmpty();
            var results = await Task.WhenAll(
                app.WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.ApproveAsync(id!.Value, app.Admin.Id, "First")),
                app.WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.ApproveAsync(id!.Value, app.Admin.Id, "Second")),
                app.WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.RateAsync(id!.Value, new RatingInput("NIGHT", true, "Porters", 3, 3, null))));
            results.Take(2).Should().ContainSingle(r => r.Count == 0);
            results.Take(2).Should().Contain(r => r.Count == 1 && r[0].Message.Contains("cannot be changed"));
            await using var db = app.NewDbContext();
            var revision = await db.AssessmentRevisions.AsNoTracking().Include(r => r.Ratings).SingleAsync(r => r.AssessmentId == id);
            // Whatever the order, the approved content describes exactly the ratings the revision holds.
            System.Text.Json.JsonDocument.Parse(revision.ApprovedContent!).RootElement.GetProperty("factors").GetArrayLength().Should().Be(revision.Ratings.Count);
        }
    }

    [Fact]
    public async Task An_organisation_adds_its_own_factor_which_every_draft_then_lists()
    {
        var blank = await app.HrManager.SubmitFormAsync("/risk/factors", [new("Input.Title", ""), new("Input.Explanation", "")]);
        var html = await blank.Content.ReadAsStringAsync();
        html.Should().Contain("id=\"Input_Title-error\"");
        html.Should().Contain("id=\"Input_Explanation-error\"");

        var added = await app.HrManager.SubmitFormAsync("/risk/factors",
            [new("Input.Title", "Home visits to clients"), new("Input.Explanation", "Carers visit clients alone in their homes."), new("Input.SuggestedControls", "Buddy calls")]);
        added.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var duplicate = await app.HrManager.SubmitFormAsync("/risk/factors", [new("Input.Title", "home visits to clients"), new("Input.Explanation", "Again")]);
        Html.Text(await duplicate.Content.ReadAsStringAsync()).Should().Contain("There is already a factor with that name");

        await using var db = app.NewDbContext();
        var factor = await db.RiskFactors.SingleAsync(f => f.Title == "Home visits to clients");
        factor.Code.Should().StartWith("ORG-");
        factor.IsBuiltIn.Should().BeFalse();
        var id = await app.StartThroughPageAsync("Care round", app.OtherSite);
        Html.Text(await app.HrManager.GetPageAsync($"/risk/assessments/{id}")).Should().Contain("Home visits to clients");
        (await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/{factor.Code}", Rating("true", "Carers", "3", "3"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }
}
