using Compliance.Core.Scoring;
using Compliance.Web.Tests.Infrastructure;
using Compliance.Web.Tests.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.Scoring;

public sealed class PositionTodayTests(TrainingApp app) : IClassFixture<TrainingApp>
{
    private Task<List<StepScore>> TodayAsync() =>
        app.WithServiceAsync<StepEvidence, List<StepScore>>(e => app.Services.GetRequiredService<PositionToday>().ScoresAsync(e));

    [Fact]
    public async Task Todays_position_is_kept_between_visits_until_a_write_to_what_it_reads_or_a_minute_passes()
    {
        var first = await TodayAsync();
        (await TodayAsync()).Should().BeSameAs(first, "nothing was written in between");

        // A write to a table the scores do not read (the record of job runs) keeps it.
        await using (var db = app.NewDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE job_runs SET job = job WHERE 1 = 0");
        }
        (await TodayAsync()).Should().BeSameAs(first);

        // An engagement activity recorded through the app: seen at once.
        await app.HrManager.SubmitFormAsync("/position/engagement/new",
        [
            new("Input.Kind", "Briefing"), new("Input.HeldOn", app.Today.AddDays(-1).ToString("dd/MM/yyyy")), new("Input.Title", "Toolbox talk"),
            new("Input.Audience", "Kitchen staff"), new("Input.Reached", ""), new("Input.Summary", "What to do as a bystander."), new("Input.Link", ""),
        ]);
        var second = await TodayAsync();
        second.Should().NotBeSameAs(first);
        Html.Text(await app.Director.GetPageAsync("/position")).Should().Contain("Step 2: Engaging staff, 30 out of 100");
        second.Single(s => s.Step == ReasonableStep.EngagingStaff).Why.Should().Contain(w => w.Contains("briefing or notice", StringComparison.Ordinal));

        // A raw update (an import or a purge writes this way) is seen too.
        await using (var db = app.NewDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE engagement_activities SET title = title");
        }
        var third = await TodayAsync();
        third.Should().NotBeSameAs(second);

        // Another instance's writes are not counted here: a minute on, the position is worked out again anyway.
        (await TodayAsync()).Should().BeSameAs(third);
        app.Clock.Advance(PositionToday.MaxAge + TimeSpan.FromSeconds(1));
        (await TodayAsync()).Should().NotBeSameAs(third);
    }
}
