using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.RiskAssessments;

public sealed class AssessmentWorkTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    private Task<T> Work<T>(Func<RiskAssessmentWork, Task<T>> use) => app.WithServiceAsync(use);

    private async Task<Guid> SiteAsync(string name)
    {
        var (id, errors) = await app.WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, name, Nation.England, null)));
        Assert.Empty(errors);
        return id!.Value;
    }

    private async Task<Guid> StartedAsync(string siteName)
    {
        var siteId = await SiteAsync(siteName);
        var (id, errors) = await Work(w => w.StartAsync(new StartAssessmentInput(siteName, AssessmentScope.Site, siteId, null, null)));
        Assert.Empty(errors);
        return id!.Value;
    }

    private static string Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"))).ToString("yyyy-MM-dd");

    [Fact]
    public async Task Create_score_approve_refuse_an_edit_and_review_into_a_new_revision_leaving_the_old_one_byte_for_byte()
    {
        var id = await StartedAsync("Quayside Hotel");
        Assert.Empty(await Work(w => w.RateAsync(id, new RatingInput("LONE", true, "Room attendants", 4, 3, "Hourly check-in"))));
        Assert.Empty(await Work(w => w.RateAsync(id, new RatingInput("ALCOHOL", true, "Bar staff", 3, 4, "Door staff"))));
        Assert.Empty(await Work(w => w.RateAsync(id, new RatingInput("CUSTOMER", true, "Reception", 3, 3, null))));
        Assert.Empty(await Work(w => w.AddActionAsync(id, new ActionInput("LONE", "Issue personal alarms", "Facilities manager", Today))));
        Assert.Empty(await Work(w => w.AddActionAsync(id, new ActionInput("ALCOHOL", "Train bar staff", "Bar manager", Today))));
        Assert.Empty(await Work(w => w.MarkRestNotRelevantAsync(id, "Not relevant at the quayside.")));
        Assert.Empty(await Work(w => w.ApproveAsync(id, app.Admin.Id, "Dana Director")));

        string content, hash;
        await using (var db = app.NewDbContext())
        {
            var first = await db.AssessmentRevisions.AsNoTracking().SingleAsync(r => r.AssessmentId == id && r.Number == 1);
            (content, hash) = (first.ApprovedContent!, first.ApprovedContentHash!);
            var assessment = await db.RiskAssessments.AsNoTracking().SingleAsync(a => a.Id == id);
            Assert.Equal(DateOnly.Parse(Today).AddMonths(12), assessment.NextReviewDue);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "risk-assessment.approved" && a.EntityId == id.ToString() && a.Summary.Contains(hash)));
        }

        var refused = await Work(w => w.RateAsync(id, new RatingInput("LONE", true, "Everyone", 5, 5, null)));
        Assert.Contains("cannot be changed", Assert.Single(refused).Message);

        Assert.Empty(await Work(w => w.StartReviewAsync(id)));
        Assert.Empty(await Work(w => w.RateAsync(id, new RatingInput("LONE", true, "Room attendants and porters", 2, 3, "Personal alarms"))));
        Assert.Contains("still a draft", Assert.Single(await Work(w => w.StartReviewAsync(id))).Message);

        await using (var db = app.NewDbContext())
        {
            var first = await db.AssessmentRevisions.AsNoTracking().Include(r => r.Ratings).SingleAsync(r => r.AssessmentId == id && r.Number == 1);
            Assert.Equal(content, first.ApprovedContent);
            Assert.Equal(hash, first.ApprovedContentHash);
            Assert.Equal(12, first.Ratings.Single(r => r.FactorCode == "LONE").Score);
            var second = await db.AssessmentRevisions.AsNoTracking().Include(r => r.Ratings).SingleAsync(r => r.AssessmentId == id && r.Number == 2);
            Assert.Equal(RevisionStatus.Draft, second.Status);
            Assert.Equal(6, second.Ratings.Single(r => r.FactorCode == "LONE").Score);
        }
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_field_named_and_nothing_saved()
    {
        var id = await StartedAsync("Refusal Road");
        var likelihood = await Work(w => w.RateAsync(id, new RatingInput("LONE", true, "Cleaners", 9, 3, null)));
        Assert.Equal("Likelihood", Assert.Single(likelihood).Field);
        var unknown = await Work(w => w.RateAsync(id, new RatingInput("MADE-UP", true, "Cleaners", 2, 3, null)));
        Assert.Equal("FactorCode", Assert.Single(unknown).Field);
        var past = await Work(w => w.AddActionAsync(id, new ActionInput(null, "Fix the lights", "Site manager", "2020-01-01")));
        Assert.Equal("DueDate", Assert.Single(past).Field);
        var empty = await Work(w => w.AddActionAsync(id, new ActionInput(null, " ", "", "tomorrow")));
        Assert.Equal(["Description", "Owner", "DueDate"], empty.Select(e => e.Field));
        var (_, noSite) = await Work(w => w.StartAsync(new StartAssessmentInput("Somewhere", AssessmentScope.Site, null, null, null)));
        Assert.Equal("SiteId", Assert.Single(noSite).Field);
        var (_, noEvent) = await Work(w => w.StartAsync(new StartAssessmentInput("Party", AssessmentScope.Event, null, null, " ")));
        Assert.Equal("ScopeDescription", Assert.Single(noEvent).Field);
        Assert.Contains("This assessment cannot be approved yet", Assert.Single(await Work(w => w.ApproveAsync(id, app.Admin.Id, "Dana"))).Message);

        await using var db = app.NewDbContext();
        Assert.False(await db.AssessmentRevisions.Where(r => r.AssessmentId == id).SelectMany(r => r.Ratings).AnyAsync());
        Assert.False(await db.RiskActions.AnyAsync(a => a.AssessmentId == id));
        Assert.False(await db.RiskAssessments.AnyAsync(a => a.Title == "Somewhere" || a.Title == "Party"));
        Assert.Equal(RevisionStatus.Draft, (await db.AssessmentRevisions.SingleAsync(r => r.AssessmentId == id)).Status);
    }

    [Fact]
    public async Task An_action_is_completed_only_with_a_date_and_a_note()
    {
        var id = await StartedAsync("Action Avenue");
        Assert.Empty(await Work(w => w.AddActionAsync(id, new ActionInput(null, "Add lighting to the car park", "Site manager", Today))));
        Guid actionId;
        await using (var db = app.NewDbContext())
        {
            actionId = (await db.RiskActions.SingleAsync(a => a.AssessmentId == id)).Id;
        }
        Assert.Equal("CompletionNote", Assert.Single(await Work(w => w.CompleteActionAsync(actionId, Today, ""))).Field);
        Assert.Equal("CompletedOn", Assert.Single(await Work(w => w.CompleteActionAsync(actionId, null, "Done"))).Field);
        Assert.Empty(await Work(w => w.CompleteActionAsync(actionId, Today, "Six new lamps fitted")));
        await using var check = app.NewDbContext();
        var action = await check.RiskActions.SingleAsync(a => a.Id == actionId);
        Assert.Equal(ActionStatus.Done, action.Status);
        Assert.Equal("Six new lamps fitted", action.CompletionNote);
    }

    [Fact]
    public async Task The_directory_suggests_factors_for_a_site_from_its_people()
    {
        var siteId = await SiteAsync("Suggestion Street");
        foreach (var (number, lone, customer) in new[] { ("SG1", "yes", "no"), ("SG2", "yes", "yes"), ("SG3", "no", "no") })
        {
            var (_, errors) = await app.WithServiceAsync<SaveEmployee, (Guid?, List<FieldError>)>(s => s.HandleAsync(null,
                new EmployeeFields { EmployeeNumber = number, FirstName = "Sam", LastName = number, Site = "Suggestion Street", LoneWorking = lone, CustomerFacing = customer }));
            Assert.Empty(errors);
        }
        var suggestions = await Work(w => w.SuggestionsAsync(siteId));
        Assert.Equal([("CUSTOMER", 1), ("LONE", 2)], suggestions.Select(s => (s.FactorCode, s.People)));
        var empty = await SiteAsync("Empty Lot");
        Assert.Empty(await Work(w => w.SuggestionsAsync(empty)));
    }
}
