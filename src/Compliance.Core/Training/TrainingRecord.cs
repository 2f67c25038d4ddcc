using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Training;

/// <summary>One person's training: for each course, whether it is for them today and where they stand, and every completion they have.</summary>
public static class TrainingRecord
{
    public sealed record Completion(DateOnly CompletedOn, bool? Passed, decimal? Score, int? Version, CompletionSource Source, string? SourceDetail, bool Counts);

    public sealed record Line(Guid CourseId, string Title, string Code, bool ForThem, TrainingState? State, DateOnly? LapsesOn, List<Completion> Completions);

    public static async Task<List<Line>> ForAsync(ComplianceDbContext db, Guid employeeId, DateOnly day, int dueSoonDays, CancellationToken ct)
    {
        var person = await db.Employees.AsNoTracking().SingleOrDefaultAsync(e => e.Id == employeeId, ct);
        if (person is null) return [];
        var completions = await db.TrainingCompletions.AsNoTracking().Where(c => c.EmployeeId == employeeId).OrderByDescending(c => c.CompletedOn).ToListAsync(ct);
        var lines = new List<Line>();
        foreach (var course in await db.Courses.AsNoTracking().Include(c => c.Versions).OrderBy(c => c.Title).ToListAsync(ct))
        {
            var forThem = await TrainingCoverage.InScope(db, course, day).AnyAsync(e => e.Id == employeeId, ct);
            var theirs = completions.Where(c => c.CourseId == course.Id).ToList();
            if (!forThem && theirs.Count == 0) continue;
            var last = theirs.Where(c => c.CompletedOn <= day && TrainingRules.Counts(course.RequiresPass, c.Passed)).Max(c => (DateOnly?)c.CompletedOn);
            lines.Add(new Line(course.Id, course.Title, course.Code, forThem,
                forThem ? TrainingRules.StateOn(day, last, person.StartDate, course.Rules, dueSoonDays) : null,
                last is { } l ? TrainingRules.LapsesOn(l, course.RefreshMonths) : null,
                [.. theirs.Select(c => new Completion(c.CompletedOn, c.Passed, c.Score, course.Versions.FirstOrDefault(v => v.Id == c.CourseVersionId)?.Number,
                    c.Source, c.SourceDetail, TrainingRules.Counts(course.RequiresPass, c.Passed)))]));
        }
        return lines;
    }
}
