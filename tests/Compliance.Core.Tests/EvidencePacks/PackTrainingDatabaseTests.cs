using System.Text.RegularExpressions;
using Compliance.Core.EvidencePacks;
using Compliance.Core.RiskAssessments;
using Compliance.Core.Scoring;
using Compliance.Core.Tests.Scoring.Database;
using Compliance.Core.Training;

namespace Compliance.Core.Tests.EvidencePacks;

/// <summary>
/// The pack's training chapter on a real SQLite file, against what step 5 is scored from on the same days: a course
/// set up in the app after the completions it records (as a learning system's export is loaded), and people whose
/// training grows over two years old during the period.
/// </summary>
public sealed class PackTrainingDatabaseTests : IDisposable
{
    private readonly EvidenceDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static DateTime Utc(DateOnly d) => new(d.Year, d.Month, d.Day, 9, 0, 0, DateTimeKind.Utc);

    private PackBuilder Builder() => _db.PackBuilder();

    [Fact]
    public async Task A_course_set_up_after_its_completions_and_training_over_two_years_old_read_the_same_in_the_chapter_as_in_the_score_on_each_quarter_end()
    {
        _db.Scoring.LongStaleMonths = 24;
        var site = _db.Site("Harbour");
        var people = Enumerable.Range(1, 8).Select(i => _db.Employee($"E-{i}", site.Id, start: new DateOnly(2022, 1, 1))).ToList();
        // Set up in the app today (16 November 2026), from a learning system's records going back to 2023.
        var course = new Course(new CourseSettings("SH-1", "Preventing harassment", null, null, CourseAudience.Everyone, [], 12, 30, false, null), _db.NowUtc);
        TrainingCompletion Done(int person, DateOnly on) => new(course.Id, people[person].Id, on, true, null, null, CompletionSource.Recorded, null, "Hana", _db.NowUtc);
        await _db.AddAsync([site, .. people, course,
            Done(0, new DateOnly(2023, 12, 1)), Done(1, new DateOnly(2024, 2, 1)), Done(2, new DateOnly(2025, 3, 1)), Done(3, new DateOnly(2025, 8, 1)),
            Done(4, new DateOnly(2025, 11, 1)), Done(5, new DateOnly(2026, 2, 1)), Done(6, new DateOnly(2026, 6, 1))]);

        var request = new EvidencePack(Guid.NewGuid(), new DateOnly(2025, 11, 17), new DateOnly(2026, 11, 16), named: false, null, "Dina Director", _db.NowUtc);
        var pack = await Builder().BuildAsync(request, _db.NowUtc, (_, _) => Task.CompletedTask, default);

        var chapter = pack.Chapters.Single(c => c.Title == "Step 5: Training");
        var table = chapter.Blocks.OfType<PackTable>().Single(t => t.Headers[0] == "On");
        table.Rows.Should().NotBeEmpty();
        var evidence = _db.Evidence();
        foreach (var row in table.Rows)
        {
            var day = UkDates.Parse(row[0])!.Value;
            var facts = (await evidence.TrainingOnAsync(day)).Courses.Should().ContainSingle("the course's records go back to 2023, so it counts on every day of the period").Subject;
            row.Skip(1).Should().Equal(facts.InScope.ToString("N0"), $"{facts.InDate:N0} ({Percent.Of(facts.InDate, facts.InScope)}%)", facts.Stale.ToString("N0"),
                facts.LongStale.ToString("N0"), facts.Never.ToString("N0"), (facts.InScope - facts.InDate - facts.Stale - facts.Never).ToString("N0"));
            // The score of the day is worked out from the same figures: never 0 for a course with people in date.
            var step5 = (await evidence.ScoresOnAsync(day)).Single(s => s.Step == ReasonableStep.Training);
            if (facts.InDate > 0) step5.Score.Should().BeGreaterThan(0, $"on {day} {facts.InDate} people were in date");
        }
        // On 31 December 2025 only E-1 (trained December 2023) is over two years old; by 31 March 2026 E-2 (February 2024) is too.
        table.Rows.Single(r => r[0] == UkDates.Long(new DateOnly(2025, 12, 31)))[4].Should().Be("1");
        table.Rows.Single(r => r[0] == UkDates.Long(new DateOnly(2026, 3, 31)))[4].Should().Be("2");
        table.Rows.Single(r => r[0] == UkDates.Long(new DateOnly(2025, 12, 31)))[2].Should().Be("3 (37%)", "E-3, E-4 and E-5 were in date");
        // As the PDF's reader reads it: each quarter end's row with its figures, the two-year count on every one.
        var text = Regex.Replace(await PackReading.PdfTextAsync(pack), @"[ \t]+", " ");
        text.Should().Contain("31 December 2025 8 3 (37%) 2 1 3 0").And.Contain("31 March 2026 8 3 (37%) 3 2 2 0")
            .And.Contain("30 June 2026 8 4 (50%) 3 2 1 0").And.Contain("30 September 2026 8 3 (37%) 4 2 1 0");
    }

    [Fact]
    public async Task The_anonymised_records_give_each_person_a_pseudonym_stable_within_the_pack_and_unlinkable_across_packs()
    {
        var site = _db.Site("Harbour");
        var people = new[] { _db.Employee("E-71", site.Id, start: new DateOnly(2024, 1, 1)), _db.Employee("E-72", site.Id, start: new DateOnly(2024, 1, 1)) };
        var courses = new[] { "A", "B" }.Select(code => new Course(new CourseSettings("SH-" + code, "Course " + code, null, null, CourseAudience.Everyone, [], 12, 30, false, null), _db.NowUtc)).ToList();
        await _db.AddAsync([site, .. people, .. courses, .. from c in courses from p in people
            select new TrainingCompletion(c.Id, p.Id, new DateOnly(2026, 6, 1), true, null, null, CompletionSource.Recorded, null, "Hana", _db.NowUtc)]);

        async Task<PackRecords> CompletionsAsync(bool named)
        {
            var request = new EvidencePack(Guid.NewGuid(), new DateOnly(2025, 11, 17), new DateOnly(2026, 11, 16), named, null, "Dina Director", _db.NowUtc);
            var pack = await Builder().BuildAsync(request, _db.NowUtc, (_, _) => Task.CompletedTask, default);
            return pack.Records.Single(r => r.Name == "training-completions.csv");
        }
        var first = await CompletionsAsync(named: false);
        first.Header[^1].Should().Be("person_pseudonym");
        first.Rows.Should().HaveCount(4);
        var byPerson = first.Rows.GroupBy(r => r[^1]).ToList();
        byPerson.Should().HaveCount(2, "two people, each with a pseudonym of their own");
        byPerson.Should().OnlyContain(g => g.Count() == 2 && g.Select(r => r[0]).Distinct().Count() == 2, "each person's two courses under one pseudonym");
        byPerson.Select(g => g.Key).Should().OnlyContain(k => System.Text.RegularExpressions.Regex.IsMatch(k, "^P-[0-9a-f]{12}$"));
        string.Join(",", first.Rows.SelectMany(r => r)).Should().NotContain("E-71").And.NotContain("Pat").And.NotContain(people[0].Id.ToString());
        var second = await CompletionsAsync(named: false);
        second.Rows.Select(r => r[^1]).Intersect(first.Rows.Select(r => r[^1])).Should().BeEmpty("a pack's key is its own, so two packs cannot be linked person by person");
        var named = await CompletionsAsync(named: true);
        named.Header[^1].Should().Be("person");
        named.Rows.Select(r => r[^1]).Distinct().Should().BeEquivalentTo("E-71 Pat E-71", "E-72 Pat E-72");
    }
}
