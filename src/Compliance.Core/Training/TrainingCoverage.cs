using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Training;

/// <summary>
/// Who is current, due, stale or never trained on a course on any day, counted over the people it is for on that
/// day (joined by then, not yet left), from the dated completions alone: so a past day's figures can be worked
/// out again at any time. Grouped queries, whatever the number of people.
/// </summary>
public static class TrainingCoverage
{
    private static int PercentOf(int part, int whole) => whole == 0 ? 0 : (int)Math.Floor(100.0 * part / whole);

    public sealed record Counts(int Current, int DueSoon, int JoinerDue, int Stale, int Never)
    {
        public int InScope => Current + DueSoon + JoinerDue + Stale + Never;
        public int InDate => Current + DueSoon;

        /// <summary>Whole per cent in date (current or due soon), rounded down so 99.9% never shows as 100%.</summary>
        public int Percent => PercentOf(InDate, InScope);

        public int Of(TrainingState state) => state switch
        {
            TrainingState.Current => Current,
            TrainingState.DueSoon => DueSoon,
            TrainingState.JoinerDue => JoinerDue,
            TrainingState.Stale => Stale,
            _ => Never,
        };

        public static Counts From(IEnumerable<(TrainingState State, int Count)> rows)
        {
            var list = rows.ToList();
            int Sum(TrainingState s) => list.Where(r => r.State == s).Sum(r => r.Count);
            return new(Sum(TrainingState.Current), Sum(TrainingState.DueSoon), Sum(TrainingState.JoinerDue), Sum(TrainingState.Stale), Sum(TrainingState.Never));
        }
    }

    public sealed record Group(Guid? Id, string Name, Counts Counts);

    public sealed record Summary(Counts Totals, List<Group> Sites, List<Group> Departments, List<Group> Audiences);

    public sealed record Person(Guid Id, string EmployeeNumber, string Name, Guid SiteId, string Site, Guid? DepartmentId, string? Department, string? WorkEmail, DateOnly? StartDate, DateOnly? LastCompleted, TrainingState State);

    /// <summary>The people a course is for on a day: joined by then and not yet left, in its audience.</summary>
    public static IQueryable<Employee> InScope(ComplianceDbContext db, Course course, DateOnly day)
    {
        var people = db.Employees.Where(e => (e.StartDate == null || e.StartDate <= day) && (e.LeavingDate == null || e.LeavingDate > day));
        var ids = course.AudienceIds;
        switch (course.Audience)
        {
            case CourseAudience.Sites: return people.Where(e => ids.Contains(e.SiteId));
            case CourseAudience.Departments: return people.Where(e => e.DepartmentId != null && ids.Contains(e.DepartmentId.Value));
            case CourseAudience.Managers: return people.Where(e => e.IsManager);
            case CourseAudience.CustomerFacing: return people.Where(e => e.IsCustomerFacing);
            case CourseAudience.LoneWorkers: return people.Where(e => e.IsLoneWorker);
            case CourseAudience.NightWorkers: return people.Where(e => e.IsNightWorker);
            case CourseAudience.CaseHandlers:
                var handlers = ActiveAccounts.InRole(db, Roles.CaseHandler).Select(u => u.NormalizedEmail);
                return people.Where(e => e.WorkEmail != null && handlers.Contains(e.WorkEmail.ToUpper()));
            default: return people;
        }
    }

    private sealed class Stated
    {
        public required Employee Person { get; init; }
        public DateOnly? Last { get; init; }
        public TrainingState State { get; init; }
    }

    /// <summary>Each person in scope on the day, with their last completion that counts (on or before it) and where they stand.</summary>
    private static IQueryable<Stated> States(ComplianceDbContext db, Course course, DateOnly day, int dueSoonDays)
    {
        var completions = db.TrainingCompletions.Where(c => c.CourseId == course.Id && c.CompletedOn <= day);
        if (course.RequiresPass) completions = completions.Where(c => c.Passed == true);
        var stale = TrainingRules.StaleCutoff(day, course.RefreshMonths);
        var dueSoon = TrainingRules.DueSoonCutoff(day, course.RefreshMonths, dueSoonDays);
        var joiner = TrainingRules.JoinerCutoff(day, course.JoinerDays);
        // The same cut-offs as TrainingRules.StateOn, compared in the database (a test holds the two together).
        return InScope(db, course, day)
            .Select(e => new { Person = e, Last = completions.Where(c => c.EmployeeId == e.Id).Max(c => (DateOnly?)c.CompletedOn) })
            .Select(x => new Stated
            {
                Person = x.Person,
                Last = x.Last,
                State = x.Last == null ? (x.Person.StartDate != null && x.Person.StartDate > joiner ? TrainingState.JoinerDue : TrainingState.Never)
                    : x.Last <= stale ? TrainingState.Stale
                    : x.Last <= dueSoon ? TrainingState.DueSoon
                    : TrainingState.Current,
            });
    }

    private sealed record Row(Guid SiteId, Guid? DepartmentId, bool IsManager, bool IsCustomerFacing, TrainingState State, int Count);

    private static Task<List<Row>> RowsAsync(ComplianceDbContext db, Course course, DateOnly day, int dueSoonDays, CancellationToken ct) =>
        States(db, course, day, dueSoonDays)
            .GroupBy(s => new { s.Person.SiteId, s.Person.DepartmentId, s.Person.IsManager, s.Person.IsCustomerFacing, s.State })
            .Select(g => new Row(g.Key.SiteId, g.Key.DepartmentId, g.Key.IsManager, g.Key.IsCustomerFacing, g.Key.State, g.Count()))
            .ToListAsync(ct);

    /// <summary>The counts alone, of everyone in scope or of those among a set of people (a line manager's team).</summary>
    public static async Task<Counts> TotalsAsync(ComplianceDbContext db, Course course, DateOnly day, int dueSoonDays, CancellationToken ct, IQueryable<Employee>? among = null)
    {
        var stated = States(db, course, day, dueSoonDays);
        if (among is not null) stated = stated.Where(s => among.Any(x => x.Id == s.Person.Id));
        return Counts.From((await stated.GroupBy(s => s.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).Select(r => (r.Key, r.Count)));
    }

    public static async Task<Summary> SummaryAsync(ComplianceDbContext db, Course course, DateOnly day, int dueSoonDays, CancellationToken ct)
    {
        var rows = await RowsAsync(db, course, day, dueSoonDays, ct);
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        static Counts Of(IEnumerable<Row> rs) => Counts.From(rs.Select(r => (r.State, r.Count)));
        var bySite = rows.GroupBy(r => r.SiteId).Select(g => new Group(g.Key, sites.GetValueOrDefault(g.Key, "Unknown site"), Of(g)))
            .OrderBy(g => g.Counts.Percent).ThenBy(g => g.Name, StringComparer.CurrentCulture).ToList();
        var byDepartment = rows.GroupBy(r => r.DepartmentId)
            .Select(g => new Group(g.Key, g.Key is { } d ? departments.GetValueOrDefault(d, "Unknown department") : "No department", Of(g)))
            .OrderBy(g => g.Counts.Percent).ThenBy(g => g.Name, StringComparer.CurrentCulture).ToList();
        var audiences = new List<Group>
        {
            new(null, "Managers", Of(rows.Where(r => r.IsManager))),
            new(null, "Customer-facing staff", Of(rows.Where(r => r.IsCustomerFacing))),
        };
        return new(Of(rows), bySite, byDepartment, [.. audiences.Where(a => a.Counts.InScope > 0)]);
    }

    /// <summary>The people in scope in the given states, by name, optionally at one site, in one department, or among a set of people (a line manager's team).</summary>
    public static IQueryable<Person> People(ComplianceDbContext db, Course course, DateOnly day, int dueSoonDays, IReadOnlyCollection<TrainingState> states,
        Guid? siteId = null, Guid? departmentId = null, IQueryable<Employee>? among = null)
    {
        var stated = States(db, course, day, dueSoonDays).Where(s => states.Contains(s.State));
        if (among is not null) stated = stated.Where(s => among.Any(x => x.Id == s.Person.Id));
        if (siteId is { } atSite) stated = stated.Where(s => s.Person.SiteId == atSite);
        if (departmentId is { } inDepartment) stated = stated.Where(s => s.Person.DepartmentId == inDepartment);
        return from s in stated
               join site in db.Sites on s.Person.SiteId equals site.Id
               join department in db.Departments on s.Person.DepartmentId equals department.Id into ds
               from department in ds.DefaultIfEmpty()
               orderby s.Person.LastName, s.Person.FirstName, s.Person.EmployeeNumber
               select new Person(s.Person.Id, s.Person.EmployeeNumber, s.Person.FirstName + " " + s.Person.LastName, site.Id, site.Name,
                   s.Person.DepartmentId, department == null ? null : department.Name, s.Person.WorkEmail, s.Person.StartDate, s.Last, s.State);
    }
}
