using Compliance.Core.Cases;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Core.Policies;
using Compliance.Core.Scoring;
using Compliance.Core.ThirdParty;
using Compliance.Core.Training;

namespace Compliance.Core.Tests.EvidencePacks;

/// <summary>
/// A seeded random organisation's records, as awkward as real ones: courses set up after their first completions
/// (as a learning system's export is loaded), completions with and without a content version, a policy re-published,
/// reports with deadlines met, late and missed, incidents logged months late, leavers and joiners, a board review signed off weeks after its meeting. Shared by
/// the pack's reconciliation on a SQLite file and the position page's against the pack on both engines.
/// </summary>
public static class GeneratedHistory
{
    private static DateTime Utc(DateOnly d, int hour = 9) => new(d.Year, d.Month, d.Day, hour, 0, 0, DateTimeKind.Utc);

    /// <summary>Welsh and Polish names, as a UK employer's directory holds them (with their letters, hyphens and particles).</summary>
    private static readonly (string First, string Last)[] WorldNames =
    [
        ("Gwenllïan", "ap Dafydd"), ("Llŷr", "Ffowc"), ("Siân", "Llywelyn-Rhys"), ("Dafydd", "Rhŷs-Puw"), ("Eluned", "Ystradgynlais"),
        ("Grzegorz", "Brzęczyszczykiewicz"), ("Małgorzata", "Żółkiewska"), ("Łukasz", "Łukasiewicz"), ("Zdzisław", "Szczęśniak"), ("Jadwiga", "Chrząszczewska"),
    ];

    /// <summary>The records of one seeded organisation, up to <paramref name="today"/>, typed in at <paramref name="nowUtc"/>.</summary>
    /// <param name="worldNames">People with Welsh and Polish names at a site with the longest Welsh place name, rather than "Pat" at "Harbour".</param>
    /// <param name="people">How many people; by default 12 to 23.</param>
    public static List<object> Rows(int seed, DateOnly today, DateTime nowUtc, bool worldNames = false, int? people = null)
    {
        var random = new Random(seed);
        // The same history whatever today is: laid out around 16 November 2026 and moved to today.
        var shift = today.DayNumber - new DateOnly(2026, 11, 16).DayNumber;
        DateOnly D(int year, int month, int day) => new DateOnly(year, month, day).AddDays(shift);
        DateOnly Day(DateOnly from, DateOnly to) => from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));
        var site = new Site(worldNames ? "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch" : "Harbour", worldNames ? Nation.Wales : Nation.England, null);
        var count = 12 + random.Next(12);
        var staff = Enumerable.Range(1, people ?? count).Select(i => new Employee(new ValidEmployee($"E-{seed}-{i}", worldNames ? WorldNames[i % WorldNames.Length].First : "Pat",
            worldNames ? WorldNames[i % WorldNames.Length].Last + (i >= WorldNames.Length ? $" {i}" : "") : $"E-{seed}-{i}", null, site.Id, null, null,
            Day(D(2023, 1, 1), today), random.Next(5) == 0 ? Day(D(2025, 6, 1), today.AddDays(30)) : null, false, false, false, false, false), nowUtc)).ToList();
        var rows = new List<object> { site };
        rows.AddRange(staff);
        for (var c = 0; c < 1 + random.Next(2); c++)
        {
            // Set up today (or long ago), with completions going back years: as a learning system's export is loaded.
            var course = new Course(new CourseSettings($"C-{seed}-{c}", $"Course {c}", null, null, CourseAudience.Everyone, [], 12, 30, random.Next(2) == 0, null),
                random.Next(2) == 0 ? nowUtc : Utc(D(2024, 1, 1)));
            rows.Add(course);
            var version = course.Versions.FirstOrDefault()?.Id;
            foreach (var p in staff.Where(_ => random.Next(3) > 0))
            {
                foreach (var _ in Enumerable.Range(0, 1 + random.Next(2)))
                {
                    rows.Add(new TrainingCompletion(course.Id, p.Id, Day(D(2024, 1, 1), today), random.Next(6) == 0 ? false : true, null,
                        random.Next(2) == 0 ? version : null, CompletionSource.Recorded, null, "Hana", nowUtc));
                }
            }
        }
        var policy = new Policy(PolicyKind.SexualHarassment, "Policy", "policy", "Tell your manager, or report at /report.", Utc(D(2025, 1, 5)));
        var v1 = policy.Open!;
        v1.SubmitForApproval("Hana", Utc(D(2025, 1, 6)));
        v1.Approve(Guid.NewGuid(), "Dana", Utc(D(2025, 1, 6)));
        var firstEffective = Day(D(2025, 2, 1), D(2025, 12, 1));
        policy.Publish(v1.Id, new PolicyPublication(firstEffective, AudienceKind.Everyone, [], PolicyChange.Material, [], null, "Hana"), Utc(firstEffective.AddDays(-3)), firstEffective.AddYears(1));
        var versions = new List<PolicyVersion> { v1 };
        if (random.Next(3) > 0)
        {
            var v2 = policy.StartNewVersion(Utc(D(2026, 1, 10)));
            v2.Edit("Report at https://example.org/report or tell your manager.", Utc(D(2026, 1, 10)));
            v2.SubmitForApproval("Hana", Utc(D(2026, 1, 11)));
            v2.Approve(Guid.NewGuid(), "Dana", Utc(D(2026, 1, 11)));
            var effective = Day(D(2026, 2, 1), today.AddDays(-5));
            policy.Publish(v2.Id, new PolicyPublication(effective, AudienceKind.Everyone, [], PolicyChange.Material, [], null, "Hana"), Utc(effective.AddDays(-2)), effective.AddYears(1));
            versions.Add(v2);
        }
        rows.Add(policy);
        for (var round = 0; round < versions.Count; round++)
        {
            var v = versions[round];
            foreach (var p in staff.Where(_ => random.Next(3) > 0))
            {
                rows.Add(new PolicyAcknowledgement(policy.Id, round + 1, v.Id, v.Number, v.ContentHash!, p.Id, Utc(Day(v.EffectiveOn, today))));
            }
        }
        // Reports over the year, a few or many in a quarter, their deadlines met, late or never.
        DateOnly NoLater(DateOnly d) => d > today ? today : d;
        for (var i = 0; i < 6 + random.Next(14); i++)
        {
            var received = Day(D(2025, 10, 1), today);
            var report = new ReportCase("R-" + Guid.NewGuid().ToString("N")[..8], [1], [2], ReportingMode.Anonymous, ReporterRole.PersonAffected, IncidentPlace.AtSite,
                site.Id, InvolvedParties.Colleague, Answer.No, false, received, CaseFlags.None);
            if (random.Next(4) > 0)
            {
                var acknowledged = NoLater(received.AddDays(random.Next(10)));
                report.Acknowledge(acknowledged);
                if (random.Next(3) > 0) report.Triage(NoLater(acknowledged.AddDays(random.Next(10))), Urgency.Routine, VictimisationRisk.Low, CaseFlags.None);
                if (random.Next(2) > 0) report.MessageSent(NoLater(acknowledged.AddDays(random.Next(60))), EntryKind.HandlerMessage, givesFeedback: true);
            }
            rows.Add(report);
        }
        for (var i = 0; i < 6 + random.Next(14); i++)
        {
            // Some logged on the day, some months late.
            var happened = Day(D(2025, 10, 1), today);
            var logged = random.Next(3) == 0 ? Day(happened, today) : happened;
            rows.Add(new ThirdPartyIncident(happened, site.Id, ThirdPartyType.Customer, "Remarks", true, null, IncidentResponse.Warning, "Sam", Guid.NewGuid(), "Hana", Utc(logged, 17)));
        }
        // A board review signed off three weeks after its meeting.
        var meeting = Day(D(2026, 3, 1), today.AddDays(-30));
        rows.Add(new BoardSignOff(Guid.NewGuid(), meeting, "Board", "A", "D", "[]", Guid.NewGuid(), "Dana", Utc(meeting.AddDays(21))));
        return rows;
    }

    /// <summary>
    /// Records typed in today about months ago, for a history whose trend has already been kept: an incident that
    /// happened five months ago, and a completion of four months ago by someone in it.
    /// </summary>
    public static List<object> LateRows(IReadOnlyList<object> rows, DateOnly today, DateTime nowUtc)
    {
        var site = rows.OfType<Site>().First();
        var course = rows.OfType<Course>().First();
        var person = rows.OfType<Employee>().First();
        return
        [
            new ThirdPartyIncident(today.AddMonths(-5), site.Id, ThirdPartyType.Customer, "Remarks", true, null, IncidentResponse.Warning, "Sam", Guid.NewGuid(), "Hana", nowUtc),
            new TrainingCompletion(course.Id, person.Id, today.AddMonths(-4), true, null, null, CompletionSource.Recorded, null, "Hana", nowUtc),
        ];
    }
}
