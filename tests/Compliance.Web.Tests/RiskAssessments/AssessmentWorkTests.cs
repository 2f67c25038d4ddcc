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
        errors.Should().BeEmpty();
        return id!.Value;
    }

    private async Task<Guid> StartedAsync(string siteName)
    {
        var siteId = await SiteAsync(siteName);
        var (id, errors) = await Work(w => w.StartAsync(new StartAssessmentInput(siteName, AssessmentScope.Site, siteId, null, null)));
        errors.Should().BeEmpty();
        return id!.Value;
    }

    private static string Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"))).ToString("yyyy-MM-dd");

    [Fact]
    public async Task Create_score_approve_refuse_an_edit_and_review_into_a_new_revision_leaving_the_old_one_byte_for_byte()
    {
        var id = await StartedAsync("Quayside Hotel");
        (await Work(w => w.RateAsync(id, new RatingInput("LONE", true, "Room attendants", 4, 3, "Hourly check-in")))).Should().BeEmpty();
        (await Work(w => w.RateAsync(id, new RatingInput("ALCOHOL", true, "Bar staff", 3, 4, "Door staff")))).Should().BeEmpty();
        (await Work(w => w.RateAsync(id, new RatingInput("CUSTOMER", true, "Reception", 3, 3, null)))).Should().BeEmpty();
        (await Work(w => w.AddActionAsync(id, new ActionInput("LONE", "Issue personal alarms", "Facilities manager", Today)))).Should().BeEmpty();
        (await Work(w => w.AddActionAsync(id, new ActionInput("ALCOHOL", "Train bar staff", "Bar manager", Today)))).Should().BeEmpty();
        (await Work(w => w.MarkRestNotRelevantAsync(id, "Not relevant at the quayside."))).Should().BeEmpty();
        (await Work(w => w.ApproveAsync(id, app.Admin.Id, "Dana Director"))).Should().BeEmpty();

        string content, hash;
        await using (var db = app.NewDbContext())
        {
            var first = await db.AssessmentRevisions.AsNoTracking().SingleAsync(r => r.AssessmentId == id && r.Number == 1);
            (content, hash) = (first.ApprovedContent!, first.ApprovedContentHash!);
            var assessment = await db.RiskAssessments.AsNoTracking().SingleAsync(a => a.Id == id);
            assessment.NextReviewDue.Should().Be(DateOnly.Parse(Today).AddMonths(12));
            (await db.AuditEntries.AnyAsync(a => a.Action == "risk-assessment.approved" && a.EntityId == id.ToString() && a.Summary.Contains(hash))).Should().BeTrue();
        }

        var refused = await Work(w => w.RateAsync(id, new RatingInput("LONE", true, "Everyone", 5, 5, null)));
        refused.Should().ContainSingle().Which.Message.Should().Contain("cannot be changed");

        (await Work(w => w.StartReviewAsync(id))).Should().BeEmpty();
        (await Work(w => w.RateAsync(id, new RatingInput("LONE", true, "Room attendants and porters", 2, 3, "Personal alarms")))).Should().BeEmpty();
        (await Work(w => w.StartReviewAsync(id))).Should().ContainSingle().Which.Message.Should().Contain("still a draft");

        await using (var db = app.NewDbContext())
        {
            var first = await db.AssessmentRevisions.AsNoTracking().Include(r => r.Ratings).SingleAsync(r => r.AssessmentId == id && r.Number == 1);
            first.ApprovedContent.Should().Be(content);
            first.ApprovedContentHash.Should().Be(hash);
            first.Ratings.Single(r => r.FactorCode == "LONE").Score.Should().Be(12);
            var second = await db.AssessmentRevisions.AsNoTracking().Include(r => r.Ratings).SingleAsync(r => r.AssessmentId == id && r.Number == 2);
            second.Status.Should().Be(RevisionStatus.Draft);
            second.Ratings.Single(r => r.FactorCode == "LONE").Score.Should().Be(6);
        }
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_field_named_and_nothing_saved()
    {
        var id = await StartedAsync("Refusal Road");
        var likelihood = await Work(w => w.RateAsync(id, new RatingInput("LONE", true, "Cleaners", 9, 3, null)));
        likelihood.Should().ContainSingle().Which.Field.Should().Be("Likelihood");
        var unknown = await Work(w => w.RateAsync(id, new RatingInput("MADE-UP", true, "Cleaners", 2, 3, null)));
        unknown.Should().ContainSingle().Which.Field.Should().Be("FactorCode");
        var past = await Work(w => w.AddActionAsync(id, new ActionInput(null, "Fix the lights", "Site manager", "2020-01-01")));
        past.Should().ContainSingle().Which.Field.Should().Be("DueDate");
        var empty = await Work(w => w.AddActionAsync(id, new ActionInput(null, " ", "", "tomorrow")));
        empty.Select(e => e.Field).Should().Equal("Description", "Owner", "DueDate");
        var (_, noSite) = await Work(w => w.StartAsync(new StartAssessmentInput("Somewhere", AssessmentScope.Site, null, null, null)));
        noSite.Should().ContainSingle().Which.Field.Should().Be("SiteId");
        var (_, noEvent) = await Work(w => w.StartAsync(new StartAssessmentInput("Party", AssessmentScope.Event, null, null, " ")));
        noEvent.Should().ContainSingle().Which.Field.Should().Be("ScopeDescription");
        (await Work(w => w.ApproveAsync(id, app.Admin.Id, "Dana"))).Should().ContainSingle().Which.Message.Should().Contain("This assessment cannot be approved yet");

        await using var db = app.NewDbContext();
        (await db.AssessmentRevisions.Where(r => r.AssessmentId == id).SelectMany(r => r.Ratings).AnyAsync()).Should().BeFalse();
        (await db.RiskActions.AnyAsync(a => a.AssessmentId == id)).Should().BeFalse();
        (await db.RiskAssessments.AnyAsync(a => a.Title == "Somewhere" || a.Title == "Party")).Should().BeFalse();
        (await db.AssessmentRevisions.SingleAsync(r => r.AssessmentId == id)).Status.Should().Be(RevisionStatus.Draft);
    }

    [Fact]
    public async Task An_action_is_completed_only_with_a_date_and_a_note()
    {
        var id = await StartedAsync("Action Avenue");
        (await Work(w => w.AddActionAsync(id, new ActionInput(null, "Add lighting to the car park", "Site manager", Today)))).Should().BeEmpty();
        Guid actionId;
        await using (var db = app.NewDbContext())
        {
            actionId = (await db.RiskActions.SingleAsync(a => a.AssessmentId == id)).Id;
        }
        (await Work(w => w.CompleteActionAsync(actionId, Today, ""))).Should().ContainSingle().Which.Field.Should().Be("CompletionNote");
        (await Work(w => w.CompleteActionAsync(actionId, null, "Done"))).Should().ContainSingle().Which.Field.Should().Be("CompletedOn");
        (await Work(w => w.CompleteActionAsync(actionId, Today, "Six new lamps fitted"))).Should().BeEmpty();
        await using var check = app.NewDbContext();
        var action = await check.RiskActions.SingleAsync(a => a.Id == actionId);
        action.Status.Should().Be(ActionStatus.Done);
        action.CompletionNote.Should().Be("Six new lamps fitted");
    }

    [Fact]
    public async Task The_directory_suggests_factors_for_a_site_from_its_people()
    {
        var siteId = await SiteAsync("Suggestion Street");
        foreach (var (number, lone, customer) in new[] { ("SG1", "yes", "no"), ("SG2", "yes", "yes"), ("SG3", "no", "no") })
        {
            var (_, errors) = await app.WithServiceAsync<SaveEmployee, (Guid?, List<FieldError>)>(s => s.HandleAsync(null,
                new EmployeeFields { EmployeeNumber = number, FirstName = "Sam", LastName = number, Site = "Suggestion Street", LoneWorking = lone, CustomerFacing = customer }));
            errors.Should().BeEmpty();
        }
        var suggestions = await Work(w => w.SuggestionsAsync(siteId));
        suggestions.Select(s => (s.FactorCode, s.People)).Should().Equal(("CUSTOMER", 1), ("LONE", 2));
        var empty = await SiteAsync("Empty Lot");
        (await Work(w => w.SuggestionsAsync(empty))).Should().BeEmpty();
    }
}
