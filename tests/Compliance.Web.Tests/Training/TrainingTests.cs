using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Compliance.Core.Accounts;
using Compliance.Core.Employees;
using Compliance.Core.Reminders;
using Compliance.Core.Training;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Training;

public sealed class TrainingTests(TrainingApp app) : IClassFixture<TrainingApp>
{
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    [Fact]
    public async Task HR_adds_a_course_each_mistake_is_named_and_nothing_is_saved_until_it_is_right_and_a_director_only_reads()
    {
        var refused = await app.HrManager.SubmitFormAsync("/training/courses/new",
        [
            new("Code", "bad code!"), new("CourseTitle", ""), new("Audience", "Sites"), new("RefreshMonths", "0"), new("JoinerDays", "400"),
            new("ActivityId", "not an address"), new("EffectiveFrom", "31/02/2026"), new("Summary", ""),
        ]);
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = Html.Text(await refused.Content.ReadAsStringAsync());
        text.Should().Contain("Use up to 40 letters, digits and hyphens").And.Contain("Enter the course's title").And.Contain("Choose at least one site")
            .And.Contain("The refresh interval must be a whole number of months from 1 to 60").And.Contain("The joining period must be a whole number of days from 0 to 365")
            .And.Contain("The activity id is the full address").And.Contain("\"31/02/2026\" is not a date").And.Contain("Say in a sentence or two");
        await using (var db = app.NewDbContext())
        {
            (await db.Courses.CountAsync(c => c.Code == "BAD CODE!")).Should().Be(0);
        }

        var id = await app.CourseAsync("SH-NEW", "Sites", more: [("AudienceIds", app.HomeSite.ToString())]);
        var course = await app.LoadCourseAsync(id);
        course.Should().BeEquivalentTo(new { Code = "SH-NEW", Audience = CourseAudience.Sites, AudienceIds = new[] { app.HomeSite }, RefreshMonths = 12, JoinerDays = 30, RequiresPass = false });
        course.Versions.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Number = 1, EffectiveFrom = new DateOnly(2025, 1, 1), Topics = TrainingTopics.Recognising | TrainingTopics.Bystander });

        // The same code again is refused; lower case is the same code.
        // A topic outside the list (the form's binding drops one; a caller of the rules is refused).
        var (_, topicErrors) = await app.WithServiceAsync<CourseWork, (Guid?, List<FieldError>)>(w => w.CreateAsync(
            new CourseInput("SH-TOPICS", "Topics", null, null, CourseAudience.Everyone, [], "12", "30", false, null), new CourseVersionInput(null, "x", (TrainingTopics)(-1)), "Test"));
        topicErrors.Should().ContainSingle().Which.Message.Should().Be("Choose topics from the list.");
        var duplicate = await app.HrManager.SubmitFormAsync("/training/courses/new", [new("Code", "sh-new"), new("CourseTitle", "Another"), new("Audience", "Everyone"), new("RefreshMonths", "12"), new("JoinerDays", "30"), new("Summary", "x")]);
        Html.Text(await duplicate.Content.ReadAsStringAsync()).Should().Contain("Another course already has the code SH-NEW");

        // A later content version; completions after its date record it.
        var version = await app.HrManager.SubmitFormAsync($"/training/courses/{id}", [new("VersionEffectiveFrom", "1/2/2026"), new("VersionSummary", "Adds third parties."), new("VersionTopics", "ThirdParties")],
            $"/training/courses/{id}?handler=Version");
        version.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.LoadCourseAsync(id)).VersionOn(new DateOnly(2026, 2, 1))!.Number.Should().Be(2);

        // Changing it: a refused change leaves it as it was; an accepted one is audited with what changed.
        var edit = $"/training/courses/{id}/edit";
        Html.Text(await app.HrManager.GetPageAsync(edit)).Should().Contain("Change the course");
        var bad = await app.HrManager.SubmitFormAsync(edit, [new("Code", "SH-NEW"), new("CourseTitle", "Renamed"), new("Audience", "Everyone"), new("RefreshMonths", "61"), new("JoinerDays", "30")]);
        Html.Text(await bad.Content.ReadAsStringAsync()).Should().Contain("from 1 to 60");
        (await app.LoadCourseAsync(id)).Should().BeEquivalentTo(new { Title = "Course SH-NEW", RefreshMonths = 12, Audience = CourseAudience.Sites });
        var good = await app.HrManager.SubmitFormAsync(edit, [new("Code", "SH-NEW"), new("CourseTitle", "Renamed"), new("Audience", "Everyone"), new("RefreshMonths", "24"), new("JoinerDays", "30"), new("RequiresPass", "true")]);
        good.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.LoadCourseAsync(id)).Should().BeEquivalentTo(new { Title = "Renamed", RefreshMonths = 24, Audience = CourseAudience.Everyone, AudienceIds = Array.Empty<Guid>(), RequiresPass = true });
        await using (var db = app.NewDbContext())
        {
            (await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "training.course.changed" && a.EntityId == id.ToString())).Summary
                .Should().Contain("12 months").And.Contain("24 months").And.Contain("pass required");
        }
        (await app.HrManager.GetAsync($"/training/courses/{Guid.NewGuid()}/edit")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await app.Director.GetAsync("/training/courses/new")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.Director.GetAsync("/training/record")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.Director.GetAsync("/training/import")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        Html.Text(await app.Director.GetPageAsync($"/training/courses/{id}")).Should().Contain("Coverage today").And.NotContain("Add a content version");
        var directorPost = await app.Director.SubmitFormAsync($"/training/courses/{id}", [new("VersionSummary", "Sneaky")], $"/training/courses/{id}?handler=Version");
        directorPost.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var manager = await app.SignedInAsync(app.LineManager);
        (await manager.GetAsync("/training")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await using (var db = app.NewDbContext())
        {
            var actions = await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync();
            actions.Should().Contain(["training.course.created", "training.version.added"]);
            (await db.CourseVersions.CountAsync(v => v.CourseId == id)).Should().Be(2);
        }
    }

    [Fact]
    public async Task A_Moodle_report_is_previewed_then_imported_with_each_pass_and_content_version_and_a_file_with_an_error_records_nothing()
    {
        var id = await app.CourseAsync("SH-MOODLE", pass: true);
        var upload = await app.HrManager.SubmitMultipartAsync("/training/import", [new("Course", "SH-MOODLE")], [], "/training/import");
        upload.StatusCode.Should().Be(HttpStatusCode.OK, "no file was chosen");
        Html.Text(await upload.Content.ReadAsStringAsync()).Should().Contain("Choose a CSV file to upload");

        var preview = await UploadAsync(TrainingApp.MoodleReport, "SH-MOODLE");
        var text = Html.Text(await app.HrManager.GetPageAsync(preview));
        text.Should().Contain("Moodle or Totara course completion report").And.Contain("add 2 completions, update 0 and skip 1").And.Contain("Course complete says \"Not completed\"");
        await using (var db = app.NewDbContext())
        {
            (await db.TrainingCompletions.CountAsync(c => c.CourseId == id)).Should().Be(0, "nothing is recorded before confirming");
        }
        var confirmed = await app.HrManager.SubmitFormAsync(preview, [], preview.Replace("?course=SH-MOODLE", "?course=SH-MOODLE&handler=Confirm"));
        confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect, Html.Text(await confirmed.Content.ReadAsStringAsync()));
        await using (var db = app.NewDbContext())
        {
            var rows = await db.TrainingCompletions.AsNoTracking().Where(c => c.CourseId == id).Join(db.Employees, c => c.EmployeeId, e => e.Id, (c, e) => new { e.EmployeeNumber, c.CompletedOn, c.Passed, c.CourseVersionId, c.Source, c.SourceDetail }).OrderBy(x => x.EmployeeNumber).ToListAsync();
            var version = (await app.LoadCourseAsync(id)).Versions.Single().Id;
            rows.Should().BeEquivalentTo(new[]
            {
                new { EmployeeNumber = "P-1", CompletedOn = new DateOnly(2026, 2, 14), Passed = (bool?)true, CourseVersionId = (Guid?)version, Source = CompletionSource.Import, SourceDetail = (string?)"moodle.csv" },
                new { EmployeeNumber = "P-2", CompletedOn = new DateOnly(2026, 2, 12), Passed = (bool?)false, CourseVersionId = (Guid?)version, Source = CompletionSource.Import, SourceDetail = (string?)"moodle.csv" },
            });
            (await db.AuditEntries.AnyAsync(a => a.Action == "training.completions.recorded" && a.Summary.Contains("imported from moodle.csv: 2 added"))).Should().BeTrue();
        }

        // The same report again: nothing new, both skipped. A report naming someone unknown: the row is named and nothing is recorded.
        var again = await UploadAsync(TrainingApp.MoodleReport, "SH-MOODLE");
        Html.Text(await app.HrManager.GetPageAsync(again)).Should().Contain("add 0 completions, update 0 and skip 3");
        var bad = TrainingApp.MoodleReport.Replace("p2@example.test", "nobody@example.test").Replace("\"12/02/26, 16:20\"", "\"01/03/26, 10:00\"");
        var badPreview = await UploadAsync(bad, "SH-MOODLE");
        Html.Text(await app.HrManager.GetPageAsync(badPreview)).Should().Contain("Nothing can be imported").And.Contain("No one in the directory has the work email \"nobody@example.test\"").And.NotContain("Import 3 rows");
        var forced = await app.HrManager.SubmitFormAsync(badPreview, [], badPreview.Replace("?course=SH-MOODLE", "?course=SH-MOODLE&handler=Confirm"));
        forced.StatusCode.Should().Be(HttpStatusCode.OK);
        await using (var db = app.NewDbContext())
        {
            (await db.TrainingCompletions.CountAsync(c => c.CourseId == id)).Should().Be(2, "a file with an error records nothing, not even its good rows");
        }
    }

    private async Task<string> UploadAsync(string csv, string course, string name = "moodle.csv")
    {
        var response = await app.HrManager.UploadWithFieldsAsync("/training/import", [new("Course", course)], "Upload", name, Encoding.UTF8.GetBytes(csv));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, Html.Text(await response.Content.ReadAsStringAsync()));
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task Files_in_UTF16_and_with_semicolons_and_a_byte_order_mark_are_imported_by_the_same_rules_and_each_refusal_is_named()
    {
        await app.CourseAsync("SH-FILE");
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("employee_number,course,completed_on,score,passed,content_version\r\nP-1,SH-FILE,2026-02-14,85,yes,1\r\nP-2,Course SH-FILE,14/02/2026,,,\r\n")).ToArray();
        var first = await ImportAsync(utf16, null);
        first.Recorded.Should().BeTrue(string.Join("; ", first.Analysis.Errors));
        first.Analysis.Should().BeEquivalentTo(new { ToCreate = 2, ToUpdate = 0, ToSkip = 0, EncodingName = "UTF-16", Delimiter = "commas", Layout = TrainingFileLayout.Plain });

        // Semicolons and a BOM; P-2 again with a pass now (an update), P-1 unchanged (a skip), by work email in another case.
        var semicolons = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("work_email;course;completed_on;score;passed\r\nP1@EXAMPLE.TEST;sh-file;14/02/2026;85;yes\r\np2@example.test;SH-FILE;14/02/2026;;yes\r\n")).ToArray();
        var second = await ImportAsync(semicolons, null);
        second.Analysis.Should().BeEquivalentTo(new { ToCreate = 0, ToUpdate = 1, ToSkip = 1, Delimiter = "semicolons", EncodingName = "UTF-8" });

        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var wrong = Encoding.UTF8.GetBytes(
            "employee_number,work_email,course,completed_on,score,passed,content_version\n" +
            "P-404,,SH-FILE,2026-02-14,,,\n" +
            "P-1,p2@example.test,SH-FILE,2026-02-14,,,\n" +
            "P-1,,NO-SUCH,2026-02-14,,,\n" +
            $"P-1,,SH-FILE,{Iso(today.AddDays(1))},,,\n" +
            "P-1,,SH-FILE,2026-02-15,101,maybe,7\n" +
            ",,SH-FILE,2026-02-16,,,\n" +
            "P-2,,SH-FILE,2026-02-17,,,\n" +
            "P-2,,SH-FILE,17/02/2026,,,\n");
        var third = await ImportAsync(wrong, null);
        third.Recorded.Should().BeFalse();
        third.Analysis.Errors.Select(e => e.ToString()).Should().BeEquivalentTo(
        [
            "Row 1 (line 2), column employee_number: No one in the directory has the employee number \"P-404\".",
            "Row 2 (line 3), column work_email: The work email \"p2@example.test\" is Pat P-2's, but the employee number \"P-1\" is Pat P-1's.",
            "Row 3 (line 4), column course: There is no course with the code or title \"NO-SUCH\".",
            $"Row 4 (line 5), column completed_on: {Compliance.Core.UkDates.Long(today.AddDays(1))} is in the future.",
            "Row 5 (line 6), column passed: \"maybe\" is not yes or no.",
            "Row 5 (line 6), column score: \"101\" is not a score from 0 to 100.",
            "Row 5 (line 6), column content_version: \"Course SH-FILE\" has no content version \"7\" (it has 1).",
            "Row 6 (line 7), column employee_number: The row names no one: give an employee number or a work email.",
            "Row 8 (line 9), column (row): Pat P-2's completion of \"Course SH-FILE\" on 17 February 2026 is also on row 7.",
        ]);
        await using var db = app.NewDbContext();
        var course = await db.Courses.SingleAsync(c => c.Code == "SH-FILE");
        (await db.TrainingCompletions.CountAsync(c => c.CourseId == course.Id)).Should().Be(2);
        (await db.TrainingCompletions.SingleAsync(c => c.CourseId == course.Id && c.Score == null)).Passed.Should().BeTrue("the update was recorded");
    }

    private async Task<CompletionResult> ImportAsync(byte[] bytes, string? course) =>
        await app.WithServiceAsync<RecordCompletions, CompletionResult>(r => r.ImportFileAsync(() => new MemoryStream(bytes), course, "file.csv", "Test"));

    [Fact]
    public async Task Coverage_counted_in_the_database_agrees_with_the_rules_today_and_on_a_past_day_and_a_leaver_leaves_the_figures_but_keeps_their_history()
    {
        var id = await app.CourseAsync("SH-COV");
        var today = app.Today;
        var (_, errors) = await app.WithServiceAsync<SaveEmployee, (Guid?, List<FieldError>)>(s => s.HandleAsync(null,
            new EmployeeFields { EmployeeNumber = "P-9", FirstName = "Lee", LastName = "Leaver", Site = "Harbour Hotel", LeavingDate = Iso(today) }));
        errors.Should().BeEmpty();
        var recorded = await app.RecordAsync(
            TrainingApp.Row(1, "P-1", "SH-COV", Iso(today.AddDays(-400))),
            TrainingApp.Row(2, "P-2", "SH-COV", Iso(today.AddMonths(-12).AddDays(15))),
            TrainingApp.Row(3, "P-2", "SH-COV", Iso(today.AddMonths(-30))),
            TrainingApp.Row(4, "P-9", "SH-COV", Iso(today.AddDays(-10))));
        recorded.Recorded.Should().BeTrue(string.Join("; ", recorded.Analysis.Errors));
        var course = await app.LoadCourseAsync(id);

        await using var db = app.NewDbContext();
        var totals = await TrainingCoverage.TotalsAsync(db, course, today, 30, CancellationToken.None);
        totals.Should().BeEquivalentTo(new { Current = 0, DueSoon = 1, JoinerDue = 1, Stale = 1, Never = 1, InScope = 4, Percent = 25 });

        // Each person's state, worked out in C# from their completions, is the state the database counted, on several days.
        foreach (var day in new[] { today, today.AddDays(-1), today.AddDays(-100), today.AddDays(20), today.AddMonths(-20) })
        {
            var people = (await TrainingCoverage.OnAsync(db, course, day, 30, CancellationToken.None)).People(Enum.GetValues<TrainingState>());
            var employees = await db.Employees.AsNoTracking().ToListAsync();
            var completions = await db.TrainingCompletions.AsNoTracking().Where(c => c.CourseId == id).ToListAsync();
            var expected = employees.Where(e => (e.StartDate == null || e.StartDate <= day) && (e.LeavingDate == null || e.LeavingDate > day))
                .ToDictionary(e => e.EmployeeNumber, e => TrainingRules.StateOn(day, completions.Where(c => c.EmployeeId == e.Id && c.CompletedOn <= day).Max(c => (DateOnly?)c.CompletedOn), e.StartDate, course.Rules, 30));
            people.ToDictionary(p => p.EmployeeNumber, p => p.State).Should().BeEquivalentTo(expected, $"on {day}");
            var counts = await TrainingCoverage.TotalsAsync(db, course, day, 30, CancellationToken.None);
            foreach (var state in Enum.GetValues<TrainingState>()) counts.Of(state).Should().Be(expected.Values.Count(s => s == state), $"{state} on {day}");
        }
        // The leaver counted yesterday (current) and not today, and their completion is still there.
        (await TrainingCoverage.OnAsync(db, course, today.AddDays(-1), 30, CancellationToken.None)).People([TrainingState.Current]).Select(p => p.EmployeeNumber).Should().Equal("P-9");
        (await db.TrainingCompletions.CountAsync(c => c.CourseId == id)).Should().Be(4);

        // The page shows the same, and the CSV lists the stale and never trained.
        var page = Html.Text(await app.HrManager.GetPageAsync($"/training/courses/{id}"));
        page.Should().Contain("1 of 4 people it is for (25%)").And.Contain("Pat P-1").And.Contain("Pat P-4").And.NotContain("Lee Leaver");
        var csv = await (await app.HrManager.GetAsync($"/training/courses/{id}?handler=Csv&list=outstanding")).Content.ReadAsStringAsync();
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3).And.Contain(l => l.StartsWith("P-1,Pat P-1,Harbour Hotel,,p1@example.test,Stale,"));
        // Narrowed to one site, the list says where it is narrowed to.
        var harbour = await db.Sites.Where(x => x.Name == "Harbour Hotel").Select(x => x.Id).SingleAsync();
        Html.Text(await app.HrManager.GetPageAsync($"/training/courses/{id}?list=stale&site={harbour}"))
            .Should().Contain("People: Stale at Harbour Hotel (1)");
    }

    [Fact]
    public async Task People_are_reminded_before_their_training_lapses_and_when_it_has_each_once_and_managers_and_HR_are_told()
    {
        var start = app.Clock.GetUtcNow();
        try
        {
            await RemindersAsync();
        }
        finally
        {
            app.Clock.Set(start);
        }
    }

    private async Task RemindersAsync()
    {
        var id = await app.CourseAsync("SH-REM", more: [("WhereToTake", "https://lms.example.test/course/7")]);
        var today = app.Today;
        // P-1 lapses in 10 days; P-2 lapsed 3 days ago; P-3 is a joiner; P-4 has no email.
        (await app.RecordAsync(
            TrainingApp.Row(1, "P-1", "SH-REM", Iso(today.AddMonths(-12).AddDays(10))),
            TrainingApp.Row(2, "P-2", "SH-REM", Iso(today.AddMonths(-12).AddDays(-3))))).Recorded.Should().BeTrue();
        var summary = await app.WithServiceAsync<TrainingDistribution, string>(d => d.RemindAllAsync());
        await app.WithServiceAsync<TrainingDistribution, string>(d => d.RemindAllAsync());
        await using (var db = app.NewDbContext())
        {
            var mail = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == TrainingDistribution.EmailKind && m.SubjectKey == id.ToString()).ToListAsync();
            mail.Select(m => (m.ToAddress, m.Subject)).Should().BeEquivalentTo(new[]
            {
                ("p1@example.test", "Your training is due: Course SH-REM"),
                ("p2@example.test", "Your training has lapsed: Course SH-REM"),
            }, "each once, however often the sweep runs");
            mail.Single(m => m.ToAddress == "p1@example.test").TextBody.Should().Contain($"runs out on {Compliance.Core.UkDates.Long(today.AddDays(10))}").And.Contain("https://lms.example.test/course/7");
        }

        // The morning sweep: the line manager for the Harbour Hotel hears that P-2's lapsed; the HR manager that coverage is below 90%.
        await app.WithServiceAsync<ReminderSweep, SweepResult>(s => s.RunAsync(app.Clock.GetUtcNow(), CancellationToken.None));
        await using (var db = app.NewDbContext())
        {
            var told = await db.Notifications.AsNoTracking().Where(n => n.Subject == id.ToString()).Select(n => new { n.Kind, n.Title }).ToListAsync();
            told.Should().Contain(n => n.Kind == "training-team-stale" && n.Title.Contains("1 of your team has training on “Course SH-REM” that lapsed on"));
            told.Should().Contain(n => n.Kind == "training-coverage-low" && n.Title.Contains("is 25%, below 90%"));
        }

        // HR reminds the outstanding (stale and never trained) from the course page: P-2 by email, P-4 has none; not twice in a day.
        var page = $"/training/courses/{id}?list=outstanding";
        var remind = await app.HrManager.SubmitFormAsync(page, [], $"/training/courses/{id}?handler=Remind&list=outstanding&page=1");
        remind.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Html.Text(await app.HrManager.GetPageAsync(remind.Headers.Location!.OriginalString)).Should().Contain("1 emailed, 1 without a work email");
        var again = await app.HrManager.SubmitFormAsync(page, [], $"/training/courses/{id}?handler=Remind&list=outstanding&page=1");
        Html.Text(await app.HrManager.GetPageAsync(again.Headers.Location!.OriginalString)).Should().Contain("0 emailed, 1 without a work email, 1 already reminded today");
        (await app.Director.SubmitFormAsync($"/training/courses/{id}", [], $"/training/courses/{id}?handler=Remind&list=outstanding")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        // The current are never reminded.
        var current = await app.HrManager.SubmitFormAsync(page, [], $"/training/courses/{id}?handler=Remind&list=current&page=1");
        Html.Text(await app.HrManager.GetPageAsync(current.Headers.Location!.OriginalString)).Should().Contain("People whose training is current are not reminded");
    }

    [Fact]
    public async Task A_session_is_recorded_from_its_attendance_list_and_a_wrong_line_is_named_with_nothing_recorded()
    {
        var id = await app.CourseAsync("SH-SESSION");
        var refused = await app.HrManager.SubmitFormAsync("/training/record", [new("Course", "SH-SESSION"), new("CompletedOn", "3/3/2026"), new("Session", "Workshop, Leeds"), new("People", "P-1\n\nnobody@example.test\n")]);
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await refused.Content.ReadAsStringAsync()).Should().Contain("Line 3: No one in the directory has the work email \"nobody@example.test\"");
        var noDate = await app.HrManager.SubmitFormAsync("/training/record", [new("Course", "SH-SESSION"), new("CompletedOn", "soon"), new("People", "P-1\nP-2")]);
        Html.Text(await noDate.Content.ReadAsStringAsync()).Should().Contain("\"soon\" is not a date");
        await using (var db = app.NewDbContext())
        {
            (await db.TrainingCompletions.CountAsync(c => c.CourseId == id)).Should().Be(0);
        }
        var recorded = await app.HrManager.SubmitFormAsync("/training/record", [new("Course", "SH-SESSION"), new("CompletedOn", "3/3/2026"), new("Passed", "yes"), new("Session", "Workshop, Leeds"), new("People", "P-1\np2@example.test")]);
        recorded.StatusCode.Should().Be(HttpStatusCode.Redirect);
        recorded.Headers.Location!.OriginalString.Should().Be($"/training/courses/{id}");
        await using (var db = app.NewDbContext())
        {
            var rows = await db.TrainingCompletions.AsNoTracking().Where(c => c.CourseId == id).ToListAsync();
            rows.Should().HaveCount(2).And.OnlyContain(c => c.Source == CompletionSource.Session && c.SourceDetail == "Workshop, Leeds" && c.Passed == true && c.RecordedByName == "Hana Human" && c.CompletedOn == new DateOnly(2026, 3, 3));
        }
    }

    [Fact]
    public async Task The_API_records_one_or_many_completions_and_xAPI_statements_all_or_nothing_with_each_error_named()
    {
        await app.CourseAsync("SH-API", activity: "https://lms.example.test/course/12");
        var admin = await app.SignedInAdministratorAsync();
        async Task<AppClient> TokenAsync(string name, string scope)
        {
            var response = await admin.SubmitFormAsync("/admin/tokens", [new("Name", name), new("Scopes", scope)], "/admin/tokens?handler=Create");
            var client = app.NewClient();
            client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AppClient.InputValue(await response.Content.ReadAsStringAsync(), "new-token"));
            return client;
        }
        var lms = await TokenAsync("Learning system", ApiScopes.TrainingWrite);
        var reader = await TokenAsync("Reader", ApiScopes.Read);
        static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

        var one = await lms.Http.PostAsync("/api/v1/training/completions", Json("""{"employee_number":"P-1","course":"SH-API","completed_on":"2026-02-14","score":91.5,"passed":true}"""));
        one.StatusCode.Should().Be(HttpStatusCode.OK, await one.Content.ReadAsStringAsync());
        (await one.Content.ReadAsStringAsync()).Should().Be("""{"added":1,"updated":0,"skipped":0,"ignored":0}""");

        var many = await lms.Http.PostAsync("/api/v1/training/completions", Json("""[{"work_email":"p2@example.test","course":"SH-API","completed_on":"2026-02-15"},{"employee_number":"P-404","course":"SH-API","completed_on":"2026-02-15"},{"employee_number":"P-1","course":"SH-API","completed_on":"15/02/2026","colour":"red"}]"""));
        many.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await many.Content.ReadAsStringAsync()).Should().Contain("\"[2].colour\"").And.Contain("is not a field of a completion");
        var unknown = await lms.Http.PostAsync("/api/v1/training/completions", Json("""[{"work_email":"p2@example.test","course":"SH-API","completed_on":"2026-02-15"},{"employee_number":"P-404","course":"SH-API","completed_on":"2026-02-15"}]"""));
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("\"[1].employee_number\":[\"No one in the directory has the employee number \\\"P-404\\\".\"]");
        // The caller is a system: it is told employee numbers, never names; numbers and emails match whatever their case.
        var mixed = await lms.Http.PostAsync("/api/v1/training/completions", Json("""{"employee_number":"p-1","work_email":"P2@EXAMPLE.TEST","course":"SH-API","completed_on":"2026-02-15"}"""));
        mixed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await mixed.Content.ReadAsStringAsync()).Should().Contain("is employee P-2's, but the employee number \\\"P-1\\\" is employee P-1's.").And.NotContain("Pat");

        var statements = """
            [
              {"actor":{"mbox":"mailto:P2@example.test"},"verb":{"id":"http://adlnet.gov/expapi/verbs/passed"},"object":{"id":"https://lms.example.test/course/12"},"result":{"success":true,"score":{"scaled":0.8}},"timestamp":"2026-02-20T23:30:00Z"},
              {"actor":{"mbox":"mailto:p1@example.test"},"verb":{"id":"http://adlnet.gov/expapi/verbs/experienced"},"object":{"id":"https://lms.example.test/course/12"},"timestamp":"2026-02-20T10:00:00Z"}
            ]
            """;
        var xapi = await lms.Http.PostAsync("/api/v1/xapi/statements", Json(statements));
        xapi.StatusCode.Should().Be(HttpStatusCode.OK, await xapi.Content.ReadAsStringAsync());
        (await xapi.Content.ReadAsStringAsync()).Should().Be("""{"added":1,"updated":0,"skipped":0,"ignored":1}""");
        var strange = await lms.Http.PostAsync("/api/v1/xapi/statements", Json("""{"actor":{"mbox":"mailto:p1@example.test"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://elsewhere.test/x"},"timestamp":"2026-02-20T10:00:00Z"}"""));
        strange.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await strange.Content.ReadAsStringAsync()).Should().Contain("\"object.id\"").And.Contain("No course has the xAPI activity id");

        // A record store's "completed" and "passed" for one attempt are one completion with the pass; a later
        // "completed" without a result does not lose it; odd input is refused by name, never with a 500.
        var pair = await lms.Http.PostAsync("/api/v1/xapi/statements", Json("""
            [
              {"actor":{"mbox":"mailto:p1@example.test"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://lms.example.test/course/12"},"timestamp":"2026-03-01T09:00:00Z"},
              {"actor":{"mbox":"mailto:P1@example.test"},"verb":{"id":"http://adlnet.gov/expapi/verbs/passed"},"object":{"id":"https://lms.example.test/course/12"},"result":{"success":true,"score":{"scaled":7e27}},"timestamp":"2026-03-01T09:05:00Z"}
            ]
            """));
        (await pair.Content.ReadAsStringAsync()).Should().Be("""{"added":1,"updated":0,"skipped":0,"ignored":0}""");
        var later = await lms.Http.PostAsync("/api/v1/xapi/statements", Json("""{"actor":{"mbox":"mailto:p1@example.test"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://lms.example.test/course/12"},"timestamp":"2026-03-01T17:00:00Z"}"""));
        (await later.Content.ReadAsStringAsync()).Should().Be("""{"added":0,"updated":0,"skipped":1,"ignored":0}""");
        var twice = await lms.Http.PostAsync("/api/v1/xapi/statements", Json("""{"verb":{"id":"a"},"verb":{"id":"b"}}"""));
        twice.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await twice.Content.ReadAsStringAsync()).Should().Contain("names the same field twice");
        var usOrder = await lms.Http.PostAsync("/api/v1/xapi/statements", Json("""{"actor":{"mbox":"mailto:p1@example.test"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://lms.example.test/course/12"},"timestamp":"02/01/2026"}"""));
        (await usOrder.Content.ReadAsStringAsync()).Should().Contain("is not an ISO 8601 time");

        (await reader.Http.PostAsync("/api/v1/training/completions", Json("{}"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.NewClient().Http.PostAsync("/api/v1/xapi/statements", Json("{}"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await lms.Http.PostAsync("/api/v1/training/completions", new StringContent("employee_number=P-1", Encoding.UTF8, "text/plain"))).StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await lms.Http.PostAsync("/api/v1/training/completions", Json("[1,"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        await using var db = app.NewDbContext();
        var course = await db.Courses.SingleAsync(c => c.Code == "SH-API");
        var rows = await db.TrainingCompletions.AsNoTracking().Where(c => c.CourseId == course.Id).Join(db.Employees, c => c.EmployeeId, e => e.Id, (c, e) => new { e.EmployeeNumber, c.CompletedOn, c.Passed, c.Score, c.Source, c.SourceDetail }).OrderBy(x => x.EmployeeNumber).ToListAsync();
        rows.Should().BeEquivalentTo(new[]
        {
            new { EmployeeNumber = "P-1", CompletedOn = new DateOnly(2026, 2, 14), Passed = (bool?)true, Score = (decimal?)91.5m, Source = CompletionSource.Api, SourceDetail = (string?)"API token \"Learning system\"" },
            new { EmployeeNumber = "P-1", CompletedOn = new DateOnly(2026, 3, 1), Passed = (bool?)true, Score = (decimal?)null, Source = CompletionSource.Xapi, SourceDetail = (string?)"API token \"Learning system\"" },
            // 23:30 UTC on 20 February is still 20 February in the UK (GMT).
            new { EmployeeNumber = "P-2", CompletedOn = new DateOnly(2026, 2, 20), Passed = (bool?)true, Score = (decimal?)80m, Source = CompletionSource.Xapi, SourceDetail = (string?)"API token \"Learning system\"" },
        });
    }
}

public sealed class TrainingViewsTests(TrainingApp app) : IClassFixture<TrainingApp>
{
    [Fact]
    public async Task A_line_manager_sees_their_own_teams_training_and_HR_and_administrators_see_a_persons_record()
    {
        var id = await app.CourseAsync("SH-TEAM", pass: true);
        var today = app.Today;
        (await app.RecordAsync(
            TrainingApp.Row(1, "P-1", "SH-TEAM", today.AddDays(-20).ToString("yyyy-MM-dd"), "yes"),
            TrainingApp.Row(2, "P-2", "SH-TEAM", today.AddDays(-10).ToString("yyyy-MM-dd"), "no"),
            TrainingApp.Row(3, "P-4", "SH-TEAM", today.AddMonths(-14).ToString("yyyy-MM-dd"), "yes"))).Recorded.Should().BeTrue();

        // The Harbour Hotel's manager: P-1 current, P-2 never (a fail does not count); nothing of the Hilltop Hotel's people.
        var manager = await app.SignedInAsync(app.LineManager);
        var teamPage = await manager.GetPageAsync($"/team?course={id}");
        // A table that may scroll sideways is a focusable region named by its caption, whatever the screen's width.
        var wraps = System.Text.RegularExpressions.Regex.Matches(teamPage, "<div class=\"table-wrap\"[^>]*>");
        wraps.Should().NotBeEmpty();
        wraps.Should().AllSatisfy(w => w.Value.Should().Contain("tabindex=\"0\"").And.Contain("role=\"region\"").And.MatchRegex("aria-label=\"[^\"]{6,}\""));
        teamPage.Should().Contain("aria-label=\"People in your team whose training on Course SH-TEAM is not current\"");
        var team = Html.Text(teamPage);
        team.Should().Contain("Your team's training").And.Contain("Who needs Course SH-TEAM").And.Contain("Training due, stale or never taken: Course SH-TEAM (1)");
        team.Should().Contain("Pat P-2 P-2 Harbour Hotel Never trained").And.NotContain("Pat P-4").And.NotContain("Pat P-3");

        await using var db = app.NewDbContext();
        var p2 = await db.Employees.SingleAsync(e => e.EmployeeNumber == "P-2");
        var record = Html.Text(await app.HrManager.GetPageAsync($"/training/people/{p2.Id}"));
        record.Should().Contain("Training record: Pat P-2").And.Contain("Course SH-TEAM (SH-TEAM) Never trained").And.Contain("did not pass, content version 1 (does not count: the course needs a pass)");
        (await manager.GetAsync($"/training/people/{p2.Id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.HrManager.GetAsync($"/training/people/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var admin = await app.SignedInAdministratorAsync();
        var p4 = await db.Employees.SingleAsync(e => e.EmployeeNumber == "P-4");
        Html.Text(await admin.GetPageAsync($"/admin/employees/edit?id={p4.Id}")).Should().Contain("Course SH-TEAM (SH-TEAM) Stale");
    }
}

public sealed class TrainingBulkTests(TrainingApp app) : IClassFixture<TrainingApp>
{
    [Fact]
    public async Task A_large_file_is_written_in_bulk_with_every_value_as_a_small_one_is()
    {
        await app.CourseAsync("SH-BULK", pass: true, from: "1/1/2020");
        var today = app.Today;
        var lines = new List<string> { "employee_number,course,completed_on,score,passed,content_version" };
        for (var d = 1; d <= 1200; d++) lines.Add($"P-{d % 4 + 1},SH-BULK,{today.AddDays(-d):yyyy-MM-dd},{d % 100}.5,{(d % 3 == 0 ? "no" : "yes")},");
        var bytes = System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines));
        var result = await app.WithServiceAsync<RecordCompletions, CompletionResult>(r => r.ImportFileAsync(() => new MemoryStream(bytes), null, "bulk.csv", "Bulk tester"));
        result.Recorded.Should().BeTrue(string.Join("; ", result.Analysis.Errors.Take(3)));
        result.Analysis.ToCreate.Should().Be(1200);

        await using var db = app.NewDbContext();
        var course = await db.Courses.Include(c => c.Versions).SingleAsync(c => c.Code == "SH-BULK");
        var rows = await db.TrainingCompletions.AsNoTracking().Where(c => c.CourseId == course.Id).ToListAsync();
        rows.Should().HaveCount(1200);
        var p4 = await db.Employees.SingleAsync(e => e.EmployeeNumber == "P-4");
        var one = rows.Single(r => r.CompletedOn == today.AddDays(-3));
        one.Should().BeEquivalentTo(new
        {
            EmployeeId = p4.Id,
            Passed = (bool?)false,
            Score = (decimal?)3.5m,
            CourseVersionId = (Guid?)course.Versions.Single().Id,
            Source = CompletionSource.Import,
            SourceDetail = (string?)"bulk.csv",
            RecordedByName = "Bulk tester",
        });
        one.RecordedAtUtc.Kind.Should().Be(DateTimeKind.Utc);
        (DateTime.UtcNow - one.RecordedAtUtc).Duration().Should().BeLessThan(TimeSpan.FromDays(2));
        rows.Select(r => r.Id).Distinct().Should().HaveCount(1200);
        // The figures read from them: of the four people, the last passed completion decides.
        var totals = await TrainingCoverage.TotalsAsync(db, course, today, 30, CancellationToken.None);
        totals.InScope.Should().Be(4);
        totals.Current.Should().Be(4, "each has a recent pass");
    }
}
