using Compliance.Core.Organisation;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.RiskAssessments;

public sealed class AssessmentStorageTests(ComplianceAppFactory app) : IClassFixture<ComplianceAppFactory>
{
    private static readonly DateTime Now = new(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task An_approved_revision_survives_a_review_unchanged_and_the_database_refuses_to_alter_it()
    {
        var site = new Site("Storage Quay", Nation.England, null);
        var assessment = new RiskAssessment("Storage Quay", AssessmentScope.Site, site.Id, null, null, Now);
        assessment.Draft.Rate("LONE", true, "Cleaners", 4, 3, "Hourly check-in");
        assessment.Draft.Rate("ALCOHOL", true, "Bar staff", 2, 4, "Door staff on Fridays");
        await using (var db = app.NewDbContext())
        {
            // Ratings are saved while the revision is a draft (the database takes none afterwards), then it is approved.
            db.Sites.Add(site);
            db.RiskAssessments.Add(assessment);
            await db.SaveChangesAsync();
            assessment.Approve(Guid.NewGuid(), "Dana Director", Now, new DateOnly(2027, 11, 21),
                new ApprovalScope(new Dictionary<string, string> { ["LONE"] = "Lone working", ["ALCOHOL"] = "Alcohol" }, new HashSet<string> { "LONE" }));
            await db.SaveChangesAsync();
        }

        string content;
        await using (var db = app.NewDbContext())
        {
            var loaded = await db.RiskAssessments.Include(a => a.Revisions).ThenInclude(r => r.Ratings).SingleAsync(a => a.Id == assessment.Id);
            content = loaded.LastApproved!.ApprovedContent!;
            var second = loaded.StartReview(Now.AddMonths(3));
            second.Rate("LONE", true, "Cleaners and porters", 2, 3, "Personal alarms");
            await db.SaveChangesAsync();
        }

        await using (var db = app.NewDbContext())
        {
            var loaded = await db.RiskAssessments.Include(a => a.Revisions).ThenInclude(r => r.Ratings).SingleAsync(a => a.Id == assessment.Id);
            loaded.Revisions.Count.Should().Be(2);
            var first = loaded.Revisions.Single(r => r.Number == 1);
            first.ApprovedContent.Should().Be(content);
            first.Ratings.Single(r => r.FactorCode == "LONE").Score.Should().Be(12);
            loaded.Current.Ratings.Single(r => r.FactorCode == "LONE").Score.Should().Be(6);
            FluentActions.Invoking(() => first.Rate("LONE", true, "x", 1, 1, null)).Should().ThrowExactly<AssessmentRuleException>();
        }

        // Even straight SQL cannot change what was approved.
        var revisionId = assessment.Revisions[0].Id;
        var ratingUpdate = (await FluentActions.Awaiting(() =>
            TestDatabase.ExecuteAsync(app.ConnectionString, $"UPDATE factor_ratings SET likelihood = 1 WHERE revision_id = {TestDatabase.Literal(revisionId)}")).Should().ThrowAsync<System.Data.Common.DbException>()).Which;
        ratingUpdate.Message.Should().Contain("approved revision");
        await FluentActions.Awaiting(() =>
            TestDatabase.ExecuteAsync(app.ConnectionString, $"UPDATE assessment_revisions SET approved_content = '{{}}' WHERE id = {TestDatabase.Literal(revisionId)}")).Should().ThrowAsync<System.Data.Common.DbException>();
        await FluentActions.Awaiting(() =>
            TestDatabase.ExecuteAsync(app.ConnectionString, $"DELETE FROM assessment_revisions WHERE id = {TestDatabase.Literal(revisionId)}")).Should().ThrowAsync<System.Data.Common.DbException>();
        var ratingInsert = (await FluentActions.Awaiting(() => TestDatabase.ExecuteAsync(app.ConnectionString,
            $"INSERT INTO factor_ratings (id, revision_id, factor_code, applies) VALUES ({TestDatabase.Literal(Guid.NewGuid())}, {TestDatabase.Literal(revisionId)}, 'POWER', false)")).Should().ThrowAsync<System.Data.Common.DbException>()).Which;
        ratingInsert.Message.Should().Contain("cannot be added to an approved revision");
        (await TestDatabase.ScalarAsync<string>(app.ConnectionString, $"SELECT approved_content FROM assessment_revisions WHERE id = {TestDatabase.Literal(revisionId)}")).Should().Be(content);
    }
}
