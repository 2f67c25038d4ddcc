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
        Assert.Contains("Power imbalances", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Suggested: 1 lone worker at this site", page);

        foreach (var (code, who) in new[] { ("LONE", "Room attendants"), ("ALCOHOL", "Bar staff"), ("CUSTOMER", "Reception") })
        {
            var saved = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/{code}", Rating("true", who, "3", "4", "Radios"));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        // "Not relevant here" needs its reason, which is kept.
        var noReason = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/SOCIAL", [new("Input.Applies", "false")]);
        Assert.Contains("Say why this factor is not relevant here", Html.Text(await noReason.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/SOCIAL",
            [new("Input.Applies", "false"), new("Input.NotRelevantReason", "The hotel holds no staff events.")])).StatusCode);
        foreach (var (description, code) in new[] { ("Issue personal alarms", "LONE"), ("Train bar staff", "ALCOHOL") })
        {
            var added = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}",
                [new("Action.Description", description), new("Action.Owner", "Facilities manager"), new("Action.DueDate", UkToday), new("Action.FactorCode", code)],
                $"/risk/assessments/{id}?handler=AddAction");
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }
        page = Html.Text(await app.HrManager.GetPageAsync($"/risk/assessments/{id}"));
        Assert.Contains("12 (High): likelihood 3, severity 4", page);
        var library = await TestDatabase.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM risk_factors");
        Assert.Contains($"4 of {library} factors considered.", page);
        Assert.Contains("1 High or Very high risk has no action yet.", page);

        var unconfirmed = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}", [], $"/risk/assessments/{id}?handler=Approve");
        Assert.Contains("Tick the box to confirm", Html.Text(await unconfirmed.Content.ReadAsStringAsync()));
        // A nearly empty assessment is refused, naming what is missing: unconsidered factors and the High risk with no action.
        var refused = Html.Text(await (await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}", [new("Confirm", "true")], $"/risk/assessments/{id}?handler=Approve")).Content.ReadAsStringAsync());
        Assert.Contains($"{library - 4} of {library} factors have not been considered", refused);
        Assert.Contains("Power imbalances", refused);
        Assert.Contains("1 High or Very high risk has no action (Customer-facing work)", refused);
        await using (var db = app.NewDbContext())
        {
            Assert.Equal(RevisionStatus.Draft, (await db.AssessmentRevisions.SingleAsync(r => r.AssessmentId == id)).Status);
        }

        var customerAction = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}",
            [new("Action.Description", "Put up the customer notice"), new("Action.Owner", "Front office"), new("Action.DueDate", UkToday), new("Action.FactorCode", "CUSTOMER")],
            $"/risk/assessments/{id}?handler=AddAction");
        Assert.Equal(HttpStatusCode.Redirect, customerAction.StatusCode);
        var noRestReason = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}", [new("RestReason", " ")], $"/risk/assessments/{id}?handler=RestNotRelevant");
        Assert.Contains("Say why the remaining factors are not relevant here.", Html.Text(await noRestReason.Content.ReadAsStringAsync()));
        var rest = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}", [new("RestReason", "Looked at in the site walk-round on 1 November: none applies here.")], $"/risk/assessments/{id}?handler=RestNotRelevant");
        Assert.Equal(HttpStatusCode.Redirect, rest.StatusCode);
        Assert.Contains($"{library} of {library} factors considered.", Html.Text(await app.HrManager.GetPageAsync($"/risk/assessments/{id}")));
        var approved = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}", [new("Confirm", "true")], $"/risk/assessments/{id}?handler=Approve");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        // The frozen revision shows every factor, those judged not relevant with the reason.
        var frozen = Html.Text(await app.HrManager.GetPageAsync($"/risk/assessments/{id}/revisions/1"));
        Assert.Contains("Not relevant here Why not: The hotel holds no staff events.", frozen);
        Assert.Contains("Why not: Looked at in the site walk-round on 1 November: none applies here.", frozen);

        string content, hash;
        await using (var db = app.NewDbContext())
        {
            var first = await db.AssessmentRevisions.AsNoTracking().SingleAsync(r => r.AssessmentId == id && r.Number == 1);
            Assert.Equal(RevisionStatus.Approved, first.Status);
            (content, hash) = (first.ApprovedContent!, first.ApprovedContentHash!);
            Assert.Equal(3, await db.RiskActions.CountAsync(a => a.AssessmentId == id));
        }

        // An edit of the approved revision is refused and changes nothing.
        var edit = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/ALCOHOL", Rating("true", "Everyone", "5", "5"));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Contains("cannot be changed", Html.Text(await edit.Content.ReadAsStringAsync()));
        await using (var db = app.NewDbContext())
        {
            var rating = await db.Set<FactorRating>().AsNoTracking().SingleAsync(r => r.FactorCode == "ALCOHOL" && db.AssessmentRevisions.Any(v => v.Id == r.RevisionId && v.AssessmentId == id));
            Assert.Equal((3, 4, "Bar staff"), (rating.Likelihood!.Value, rating.Severity!.Value, rating.WhoIsAtRisk!));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}", [], $"/risk/assessments/{id}?handler=StartReview")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/ALCOHOL", Rating("true", "Bar and door staff", "2", "4"))).StatusCode);

        var download = await app.HrManager.GetAsync($"/risk/assessments/{id}/revisions/1?handler=Content");
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(content, System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal(hash, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var revisionPage = Html.Text(await app.Director.GetPageAsync($"/risk/assessments/{id}/revisions/1"));
        Assert.Contains("Bar staff", revisionPage);
        Assert.DoesNotContain("Bar and door staff", revisionPage);
        Assert.Contains(hash, revisionPage);
        Assert.Equal(HttpStatusCode.NotFound, (await app.HrManager.GetAsync($"/risk/assessments/{id}/revisions/2")).StatusCode);
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
        Assert.Equal(HttpStatusCode.OK, likelihood.StatusCode);
        Assert.Contains("id=\"Input_Likelihood-error\"", html);
        Assert.Contains("Choose a likelihood from 1 (rare) to 5 (almost certain)", Html.Text(html));
        var unreadable = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/LONE", Rating("true", "Cleaners", "three", "3"));
        Assert.Contains("id=\"Input_Likelihood-error\"", await unreadable.Content.ReadAsStringAsync());

        var past = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}",
            [new("Action.Description", "Fix the lights"), new("Action.Owner", "Site manager"), new("Action.DueDate", "2020-01-01")], $"/risk/assessments/{id}?handler=AddAction");
        html = await past.Content.ReadAsStringAsync();
        Assert.Contains("id=\"Action_DueDate-error\"", html);
        Assert.Contains("The due date cannot be in the past", Html.Text(html));

        var noSite = await app.HrManager.SubmitFormAsync("/risk/assessments/new", [new("Input.Title", "Nowhere"), new("Input.Scope", "Site")]);
        html = await noSite.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, noSite.StatusCode);
        Assert.Contains("id=\"Input_SiteId-error\"", html);
        Assert.Contains("href=\"#Input_SiteId\"", html);

        var early = await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}", [new("Confirm", "true")], $"/risk/assessments/{id}?handler=Approve");
        Assert.Contains("This assessment cannot be approved yet.", Html.Text(await early.Content.ReadAsStringAsync()));

        await using (var db = app.NewDbContext())
        {
            Assert.Equal((ratings, actions, assessments), (await db.Set<FactorRating>().CountAsync(), await db.RiskActions.CountAsync(), await db.RiskAssessments.CountAsync()));
            Assert.Equal(RevisionStatus.Draft, (await db.AssessmentRevisions.SingleAsync(r => r.AssessmentId == id)).Status);
        }
    }

    [Fact]
    public async Task A_director_reads_and_approves_but_cannot_edit()
    {
        var id = await app.StartThroughPageAsync("Director's view", app.HomeSite);
        Assert.Equal(HttpStatusCode.Redirect, (await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/POWER", Rating("true", "Junior staff", "2", "3"))).StatusCode);

        var page = await app.Director.GetPageAsync($"/risk/assessments/{id}");
        Assert.DoesNotContain("Add an action", page);
        Assert.DoesNotContain($"/risk/assessments/{id}/factors/", page);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Director.GetAsync($"/risk/assessments/{id}/factors/POWER")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Director.GetAsync("/risk/assessments/new")).StatusCode);
        var addAction = await app.Director.SubmitFormAsync($"/risk/assessments/{id}",
            [new("Action.Description", "Sneaky"), new("Action.Owner", "Me"), new("Action.DueDate", UkToday)], $"/risk/assessments/{id}?handler=AddAction");
        Assert.Equal(HttpStatusCode.Forbidden, addAction.StatusCode);
        var addFactor = await app.Director.SubmitFormAsync("/risk/factors", [new("Input.Title", "Sneaky factor"), new("Input.Explanation", "No")]);
        Assert.Equal(HttpStatusCode.Forbidden, addFactor.StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await app.Director.SubmitFormAsync($"/risk/assessments/{id}", [new("RestReason", "Not here")], $"/risk/assessments/{id}?handler=RestNotRelevant")).StatusCode);
        Assert.Empty(await app.WithServiceAsync<RiskAssessmentWork, List<Core.Employees.FieldError>>(w => w.MarkRestNotRelevantAsync(id, "Considered by HR: not relevant here.")));
        var approve = await app.Director.SubmitFormAsync($"/risk/assessments/{id}", [new("Confirm", "true")], $"/risk/assessments/{id}?handler=Approve");
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        var review = await app.Director.SubmitFormAsync($"/risk/assessments/{id}", [], $"/risk/assessments/{id}?handler=StartReview");
        Assert.Equal(HttpStatusCode.Forbidden, review.StatusCode);

        await using var db = app.NewDbContext();
        Assert.False(await db.RiskActions.AnyAsync(a => a.AssessmentId == id));
        Assert.False(await db.RiskFactors.AnyAsync(f => f.Title == "Sneaky factor"));
        var revisions = await db.AssessmentRevisions.Where(r => r.AssessmentId == id).ToListAsync();
        Assert.Equal(RevisionStatus.Approved, Assert.Single(revisions).Status);
        Assert.Equal("Dana Director", revisions[0].ApprovedByName);
    }

    [Fact]
    public async Task The_overview_lists_overdue_reviews_and_overdue_actions_by_site()
    {
        var site = await app.SiteAsync("Overdue Lodge");
        var id = await app.ApprovedAssessmentAsync("Overdue Lodge assessment", site);
        Assert.Empty(await app.WithServiceAsync<RiskAssessmentWork, List<Core.Employees.FieldError>>(w => w.AddActionAsync(id, new ActionInput(null, "Install CCTV in the car park", "Estates", UkToday))));
        await using (var db = app.NewDbContext())
        {
            // Time passes: the review date and the action's due date are now behind us.
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE risk_assessments SET next_review_due = {new DateOnly(2025, 1, 31)} WHERE id = {id}");
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE risk_actions SET due_date = {new DateOnly(2025, 2, 28)} WHERE assessment_id = {id}");
        }
        var html = await app.Director.GetPageAsync("/risk");
        var text = Html.Text(html);
        Assert.Contains("Overdue Lodge assessment (Overdue Lodge): review was due 31 January 2025", text);
        Assert.Contains("Install CCTV in the car park Overdue Lodge assessment Estates 28 February 2025", text);
        // Site, assessments, approved, reviews due, overdue actions, incidents in the last year.
        Assert.Contains("Overdue Lodge 1 1 1 1 0", text);
        Assert.Contains("Overdue Lodge assessment", Html.Text(await app.Director.GetPageAsync("/risk/assessments?show=review")));
        Assert.Contains("Install CCTV", Html.Text(await app.Director.GetPageAsync("/risk/actions?show=overdue")));
        Assert.DoesNotContain("Install CCTV", Html.Text(await app.Director.GetPageAsync("/risk/actions?show=done")));
        var home = Html.Text(await app.Director.GetPageAsync("/"));
        Assert.Matches(@"\d+ assessments? (is|are) due for review", home);
        Assert.Matches(@"\d+ actions? (is|are) overdue", home);
        Assert.DoesNotContain("due for review", Html.Text(await app.LineManager.GetPageAsync("/")));
    }

    [Fact]
    public async Task An_action_is_completed_only_with_a_date_and_a_note()
    {
        var id = await app.ApprovedAssessmentAsync("Completion Court", await app.SiteAsync("Completion Court"));
        Assert.Empty(await app.WithServiceAsync<RiskAssessmentWork, List<Core.Employees.FieldError>>(w => w.AddActionAsync(id, new ActionInput(null, "Put up the customer notice", "Duty manager", UkToday))));
        Guid actionId;
        await using (var db = app.NewDbContext()) actionId = await db.RiskActions.Where(a => a.AssessmentId == id).Select(a => a.Id).SingleAsync();

        var noNote = await app.HrManager.SubmitFormAsync($"/risk/actions/{actionId}", [new("Input.CompletedOn", UkToday), new("Input.CompletionNote", " ")], $"/risk/actions/{actionId}?handler=Complete");
        Assert.Contains("id=\"Input_CompletionNote-error\"", await noNote.Content.ReadAsStringAsync());
        var future = await app.HrManager.SubmitFormAsync($"/risk/actions/{actionId}", [new("Input.CompletedOn", "2999-01-01"), new("Input.CompletionNote", "Done")], $"/risk/actions/{actionId}?handler=Complete");
        Assert.Contains("id=\"Input_CompletedOn-error\"", await future.Content.ReadAsStringAsync());
        var longNote = await app.HrManager.SubmitFormAsync($"/risk/actions/{actionId}", [new("Input.CompletedOn", UkToday), new("Input.CompletionNote", new string('x', 2001))], $"/risk/actions/{actionId}?handler=Complete");
        Assert.Equal(HttpStatusCode.OK, longNote.StatusCode);
        Assert.Contains("id=\"Input_CompletionNote-error\"", await longNote.Content.ReadAsStringAsync());
        var director = await app.Director.SubmitFormAsync($"/risk/actions/{actionId}", [new("Input.CompletedOn", UkToday), new("Input.CompletionNote", "Done")], $"/risk/actions/{actionId}?handler=Complete");
        Assert.Equal(HttpStatusCode.Forbidden, director.StatusCode);
        await using (var db = app.NewDbContext()) Assert.Equal(ActionStatus.Open, (await db.RiskActions.SingleAsync(a => a.Id == actionId)).Status);

        var done = await app.HrManager.SubmitFormAsync($"/risk/actions/{actionId}", [new("Input.CompletedOn", UkToday), new("Input.CompletionNote", "Notice up at reception")], $"/risk/actions/{actionId}?handler=Complete");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        await using (var db = app.NewDbContext())
        {
            var action = await db.RiskActions.SingleAsync(a => a.Id == actionId);
            Assert.Equal((ActionStatus.Done, "Notice up at reception"), (action.Status, action.CompletionNote));
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "risk-action.completed" && e.EntityId == actionId.ToString()));
        }
    }

    [Fact]
    public async Task Two_approvals_at_once_approve_once_and_refuse_the_other_politely()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var site = await app.SiteAsync($"Race Court {attempt}");
            var (id, errors) = await app.WithServiceAsync<RiskAssessmentWork, (Guid?, List<Core.Employees.FieldError>)>(w => w.StartAsync(new StartAssessmentInput("Race", AssessmentScope.Site, site, null, null)));
            Assert.Empty(errors);
            Assert.Empty(await app.WithServiceAsync<RiskAssessmentWork, List<Core.Employees.FieldError>>(w => w.RateAsync(id!.Value, new RatingInput("LONE", true, "Porters", 2, 2, null))));
            Assert.Empty(await app.WithServiceAsync<RiskAssessmentWork, List<Core.Employees.FieldError>>(w => w.MarkRestNotRelevantAsync(id!.Value, "Not relevant at the race course.")));
            var results = await Task.WhenAll(
                app.WithServiceAsync<RiskAssessmentWork, List<Core.Employees.FieldError>>(w => w.ApproveAsync(id!.Value, app.Admin.Id, "First")),
                app.WithServiceAsync<RiskAssessmentWork, List<Core.Employees.FieldError>>(w => w.ApproveAsync(id!.Value, app.Admin.Id, "Second")),
                app.WithServiceAsync<RiskAssessmentWork, List<Core.Employees.FieldError>>(w => w.RateAsync(id!.Value, new RatingInput("NIGHT", true, "Porters", 3, 3, null))));
            Assert.Single(results.Take(2), r => r.Count == 0);
            Assert.Contains(results.Take(2), r => r.Count == 1 && r[0].Message.Contains("cannot be changed"));
            await using var db = app.NewDbContext();
            var revision = await db.AssessmentRevisions.AsNoTracking().Include(r => r.Ratings).SingleAsync(r => r.AssessmentId == id);
            // Whatever the order, the approved content describes exactly the ratings the revision holds.
            Assert.Equal(revision.Ratings.Count, System.Text.Json.JsonDocument.Parse(revision.ApprovedContent!).RootElement.GetProperty("factors").GetArrayLength());
        }
    }

    [Fact]
    public async Task An_organisation_adds_its_own_factor_which_every_draft_then_lists()
    {
        var blank = await app.HrManager.SubmitFormAsync("/risk/factors", [new("Input.Title", ""), new("Input.Explanation", "")]);
        var html = await blank.Content.ReadAsStringAsync();
        Assert.Contains("id=\"Input_Title-error\"", html);
        Assert.Contains("id=\"Input_Explanation-error\"", html);

        var added = await app.HrManager.SubmitFormAsync("/risk/factors",
            [new("Input.Title", "Home visits to clients"), new("Input.Explanation", "Carers visit clients alone in their homes."), new("Input.SuggestedControls", "Buddy calls")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var duplicate = await app.HrManager.SubmitFormAsync("/risk/factors", [new("Input.Title", "home visits to clients"), new("Input.Explanation", "Again")]);
        Assert.Contains("There is already a factor with that name", Html.Text(await duplicate.Content.ReadAsStringAsync()));

        await using var db = app.NewDbContext();
        var factor = await db.RiskFactors.SingleAsync(f => f.Title == "Home visits to clients");
        Assert.StartsWith("ORG-", factor.Code);
        Assert.False(factor.IsBuiltIn);
        var id = await app.StartThroughPageAsync("Care round", app.OtherSite);
        Assert.Contains("Home visits to clients", Html.Text(await app.HrManager.GetPageAsync($"/risk/assessments/{id}")));
        Assert.Equal(HttpStatusCode.Redirect, (await app.HrManager.SubmitFormAsync($"/risk/assessments/{id}/factors/{factor.Code}", Rating("true", "Carers", "3", "3"))).StatusCode);
    }
}
