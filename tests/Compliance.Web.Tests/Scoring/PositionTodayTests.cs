using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Scoring;
using Compliance.Core.Training;
using Compliance.Web.Tests.Infrastructure;
using Compliance.Web.Tests.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Tests.Scoring;

public sealed partial class PositionTodayTests(TrainingApp app) : IClassFixture<TrainingApp>
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

        // A raw update (an import or a purge writes this way) is seen too, however the table's name is written.
        await using (var db = app.NewDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE ENGAGEMENT_ACTIVITIES SET title = title");
        }
        var third = await TodayAsync();
        third.Should().NotBeSameAs(second);

        // Another instance's writes are not counted here: a minute on, the position is worked out again anyway.
        (await TodayAsync()).Should().BeSameAs(third);
        app.Clock.Advance(PositionToday.MaxAge + TimeSpan.FromSeconds(1));
        (await TodayAsync()).Should().NotBeSameAs(third);
    }

    private Task<TrainingCoverage.Coverage> CoverageAsync(Guid courseId) =>
        app.WithServiceAsync<ComplianceDbContext, TrainingCoverage.Coverage>(async db =>
            await app.Services.GetRequiredService<CoverageToday>().OfAsync(db, courseId, 30, CancellationToken.None));

    [Fact]
    public async Task A_courses_coverage_is_kept_between_visits_until_a_completion_or_a_change_of_who_holds_a_role()
    {
        var id = await app.CourseAsync("SH-KEPT", audience: nameof(CourseAudience.CaseHandlers));
        var first = await CoverageAsync(id);
        first.Totals.InScope.Should().Be(0, "no one in the directory handles cases yet");
        (await CoverageAsync(id)).Should().BeSameAs(first);

        // P-1 is given the case handler role: the course is now for them, at once.
        await app.CreateAccountAsync("p1@example.test", [Roles.CaseHandler], false, "Pat P-1");
        var second = await CoverageAsync(id);
        second.Should().NotBeSameAs(first);
        second.Totals.Never.Should().Be(1);
        Html.Text(await app.HrManager.GetPageAsync($"/training/courses/{id}")).Should().Contain("Pat P-1");

        // Their completion, recorded through the page, shows on the course's page straight away.
        (await app.HrManager.SubmitFormAsync("/training/record", [new("Course", "SH-KEPT"), new("CompletedOn", app.Today.AddDays(-2).ToString("d/M/yyyy")), new("People", "P-1")]))
            .StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        var third = await CoverageAsync(id);
        third.Totals.Current.Should().Be(1);
        third.Totals.Never.Should().Be(0);
        Html.Text(await app.HrManager.GetPageAsync($"/training/courses/{id}")).Should().NotContain("Pat P-1", "the outstanding list is empty now");
    }

    [Fact]
    public async Task The_positions_training_counts_agree_with_the_courses_coverage_on_any_day()
    {
        var id = await app.CourseAsync("SH-COUNT", refresh: "12");
        foreach (var (who, ago) in new[] { ("P-1", 800), ("P-2", 30), ("P-4", 340) })
        {
            (await app.HrManager.SubmitFormAsync("/training/record", [new("Course", "SH-COUNT"), new("CompletedOn", app.Today.AddDays(-ago).ToString("d/M/yyyy")), new("People", who)]))
                .StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        }
        await app.WithServiceAsync<ComplianceDbContext, int>(async db =>
        {
            var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == id);
            // An evidence pack reads the course's history once and works out every day from it: it must agree too.
            var history = await TrainingCoverage.HistoryAsync(db, course, app.Today.AddDays(400), CancellationToken.None);
            foreach (var day in new[] { app.Today, app.Today.AddDays(-20), app.Today.AddDays(-400), app.Today.AddDays(-801), app.Today.AddDays(-800), app.Today.AddDays(60), app.Today.AddDays(400) })
            {
                var whole = await TrainingCoverage.OnAsync(db, course, day, 30, CancellationToken.None);
                var longStale = day.AddMonths(-24);
                var (totals, old) = await TrainingCoverage.TotalsOnAsync(db, course, day, 30, longStale, CancellationToken.None);
                totals.Should().Be(whole.Totals, $"on {day}");
                old.Should().Be(whole.People([TrainingState.Stale]).Count(p => p.LastCompleted <= longStale), $"on {day}");
                history.TotalsOn(day, 30, longStale).Should().Be((totals, old), $"the history agrees on {day}");
            }
            var beyond = () => history.TotalsOn(app.Today.AddDays(401), 30, app.Today);
            beyond.Should().Throw<ArgumentOutOfRangeException>("a history cannot tell what happened after the day it was read to");
            // The days cover every state but joiners' (P-3 joined today): current, due soon, stale, long stale and never.
            var today = (await TrainingCoverage.TotalsOnAsync(db, course, app.Today, 30, app.Today.AddMonths(-24), CancellationToken.None));
            today.Totals.Current.Should().Be(1);
            today.Totals.DueSoon.Should().Be(1);
            today.Totals.Stale.Should().Be(1);
            today.LongStale.Should().Be(1);
            return 0;
        });
    }

    [Fact]
    public async Task Every_table_todays_position_and_coverage_read_is_one_whose_writes_are_counted()
    {
        await app.CourseAsync("SH-READ", audience: nameof(CourseAudience.CaseHandlers));
        var commands = new ConcurrentBag<string>();
        var watching = new AsyncLocal<bool>();
        using var listeners = DiagnosticListener.AllListeners.Subscribe(new Watcher<DiagnosticListener>(listener =>
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(new Watcher<KeyValuePair<string, object?>>(e =>
                {
                    if (watching.Value && e.Value is CommandEventData command) commands.Add(command.Command.CommandText);
                }));
            }
        }));
        watching.Value = true;
        await app.WithServiceAsync<StepEvidence, List<StepScore>>(e => e.ScoresOnAsync(app.Today));
        await app.WithServiceAsync<ComplianceDbContext, int>(async db =>
        {
            foreach (var course in await db.Courses.AsNoTracking().ToListAsync()) await TrainingCoverage.OnAsync(db, course, app.Today, 30, CancellationToken.None);
            return 0;
        });
        watching.Value = false;

        var read = commands.SelectMany(c => TableNamed().Matches(c).Select(m => m.Groups[1].Value)).ToHashSet();
        read.Should().Contain(["employees", "training_completions", "policies", "report_cases", "identity_user_roles"]);
        read.Should().BeSubsetOf(EvidenceWrites.Tables, "a write to any table the figures read must make the next visit work them out again");
    }

    // A table after FROM or JOIN, quoted (SQLite) or not (PostgreSQL quotes only where it must); never an alias's column or a function.
    [GeneratedRegex("""(?:FROM|JOIN)\s+"?(?-i:([a-z_]+))"?(?![.\w"(])""", RegexOptions.IgnoreCase)]
    private static partial Regex TableNamed();

    private sealed class Watcher<T>(Action<T> next) : IObserver<T>
    {
        public void OnNext(T value) => next(value);
        public void OnError(Exception error)
        {
        }
        public void OnCompleted()
        {
        }
    }
}
