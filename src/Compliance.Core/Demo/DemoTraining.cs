using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Demo;

/// <summary>
/// Three courses as a newcomer should find them: everyone's (two content versions), managers' (a pass needed) and
/// case handlers'; with completions that leave most people current and some due soon, some stale (some more than
/// two years old) and some never trained. The demo case handler is also an employee, so their course has someone.
/// </summary>
internal static class DemoTraining
{
    public static async Task AddAsync(ComplianceDbContext db, string caseHandlerEmail, string hrName, DateTime nowUtc, List<AuditEvent> events, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(UkCalendar.ToUk(nowUtc));
        // One of the People department's staff holds the case handler account.
        var handler = await db.Employees.Where(e => e.LeavingDate == null && e.JobTitle == "HR Adviser").OrderBy(e => e.EmployeeNumber).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
        if (handler is { } h) await db.Employees.Where(e => e.Id == h).ExecuteUpdateAsync(s => s.SetProperty(e => e.WorkEmail, caseHandlerEmail), ct);

        var everyone = new Course(new CourseSettings("SH-ALL", "Preventing sexual harassment at work", "Northwind Learning", "Northwind Learning, course 12 (learning.northwind.example)",
            CourseAudience.Everyone, [], 12, 30, false, "https://learning.northwind.example/course/12"), nowUtc);
        everyone.AddVersion(today.AddMonths(-36), "What sexual harassment is, with examples; what to do as a target or a witness; how to report.", TrainingTopics.Recognising | TrainingTopics.TargetOrWitness, hrName, nowUtc);
        everyone.AddVersion(today.AddMonths(-10), "Adds stepping in as a bystander and harassment by customers and other third parties.", TrainingTopics.Recognising | TrainingTopics.TargetOrWitness | TrainingTopics.Bystander | TrainingTopics.ThirdParties, hrName, nowUtc);
        var managers = new Course(new CourseSettings("SH-MGR", "Responding to a report: for managers", "Northwind Learning", "Northwind Learning, course 14, with a short assessment",
            CourseAudience.Managers, [], 12, 30, true, "https://learning.northwind.example/course/14"), nowUtc);
        managers.AddVersion(today.AddMonths(-30), "How to respond to a report, keep it confidential, protect against victimisation, and where to send it.", TrainingTopics.HandlingComplaints | TrainingTopics.TargetOrWitness, hrName, nowUtc);
        var handlers = new Course(new CourseSettings("SH-INV", "Investigating harassment complaints", "ACAS", "ACAS workshop, booked through HR",
            CourseAudience.CaseHandlers, [], 24, 60, false, null), nowUtc);
        handlers.AddVersion(today.AddMonths(-40), "Planning an investigation, interviewing, weighing evidence, writing the report.", TrainingTopics.HandlingComplaints, hrName, nowUtc);
        db.Courses.AddRange(everyone, managers, handlers);
        await db.SaveChangesAsync(ct);

        var random = new Random(20250405);
        var completions = new List<TrainingCompletion>();
        var people = await db.Employees.AsNoTracking().Where(e => e.StartDate == null || e.StartDate <= today)
            .Select(e => new { e.Id, e.StartDate, e.LeavingDate, e.IsManager }).ToListAsync(ct);
        void Add(Course course, Guid person, DateOnly on, bool? passed)
        {
            completions.Add(new TrainingCompletion(course.Id, person, on, passed, passed is null ? null : random.Next(passed.Value ? 70 : 30, passed.Value ? 100 : 60),
                course.VersionOn(on)?.Id, CompletionSource.Import, "northwind-learning-export.csv", hrName, nowUtc));
        }
        foreach (var p in people)
        {
            // The last day they could have trained: today, or the day before they left.
            var until = p.LeavingDate is { } left && left <= today ? left.AddDays(-1) : today;
            var from = p.StartDate ?? today.AddYears(-5);
            DateOnly Within(int minDaysAgo, int maxDaysAgo)
            {
                var d = until.AddDays(-random.Next(minDaysAgo, maxDaysAgo + 1));
                return d < from ? from : d;
            }
            // Everyone's course: about 70% current, 8% due soon, 12% stale (half over two years old), 10% never.
            var roll = random.NextDouble();
            if (roll < 0.70) Add(everyone, p.Id, Within(5, 320), null);
            else if (roll < 0.78) Add(everyone, p.Id, Within(336, 364), null);
            else if (roll < 0.84) Add(everyone, p.Id, Within(380, 700), null);
            else if (roll < 0.90) Add(everyone, p.Id, Within(740, 1000), null);
            if (roll < 0.90 && random.NextDouble() < 0.3) Add(everyone, p.Id, Within(1010, 1090), null);
            if (!p.IsManager) continue;
            // Managers': most passed; some failed first; some never took it.
            var m = random.NextDouble();
            if (m < 0.15) Add(managers, p.Id, Within(40, 300), false);
            if (m < 0.80) Add(managers, p.Id, Within(5, 30), true);
            else if (m < 0.90) Add(managers, p.Id, Within(400, 800), true);
        }
        if (handler is { } caseHandler) Add(handlers, caseHandler, today.AddMonths(-7), null);
        // One completion per person, course and day, as the rules keep it.
        completions = [.. completions.DistinctBy(c => (c.CourseId, c.EmployeeId, c.CompletedOn))];
        foreach (var batch in completions.Chunk(5000)) await db.Dialect.InsertNewAsync(db, batch, ct);
        foreach (var course in new[] { everyone, managers, handlers })
        {
            events.Add(AuditEvent.For("training.course.created", "Course", course.Id, $"Demo course \"{course.Title}\" ({course.Code}) for {course.Audience.Label().ToLowerInvariant()}"));
        }
        events.Add(new AuditEvent("training.completions.recorded", "Training", null, $"Demo training completions imported from northwind-learning-export.csv: {completions.Count:N0} added"));
    }
}
