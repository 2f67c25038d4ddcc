using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Training;

/// <summary>
/// Who is current, due, stale or never trained on a course on any day, counted over the people it is for on that
/// day (joined by then, not yet left), from the dated completions alone: so a past day's figures can be worked
/// out again at any time.
/// </summary>
public static class TrainingCoverage
{
    private static int PercentOf(int part, int whole) => Common.Percent.Of(part, whole);

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
    public static IQueryable<Employee> InScope(ComplianceDbContext db, Course course, DateOnly day) =>
        InAudience(db, course).Where(e => (e.StartDate == null || e.StartDate <= day) && (e.LeavingDate == null || e.LeavingDate > day));

    /// <summary><see cref="InScope"/>'s dates, for people already read: joined by the day and not yet left.</summary>
    private static bool InScopeOn(DateOnly? start, DateOnly? leaving, DateOnly day) => (start == null || start <= day) && (leaving == null || leaving > day);

    /// <summary>The course's audience, whatever the day.</summary>
    private static IQueryable<Employee> InAudience(ComplianceDbContext db, Course course)
    {
        var people = db.Employees.AsQueryable();
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

    /// <summary>One person in scope, with their last completion that counts (on or before the day) and where they stand.</summary>
    internal sealed record Stated(Guid Id, string EmployeeNumber, string FirstName, string LastName, Guid SiteId, Guid? DepartmentId, bool IsManager,
        bool IsCustomerFacing, string? WorkEmail, DateOnly? StartDate, DateOnly? Last, TrainingState State);

    /// <summary>
    /// Everyone a course is for on a day, each with where they stand, for the counts and the lists alike. Two
    /// queries, whatever the number of people: each person's last completion that counts (read in order from the
    /// completions' index), and the people in scope; the state is then <see cref="TrainingRules.StateOn"/> itself.
    /// </summary>
    public static async Task<Coverage> OnAsync(ComplianceDbContext db, Course course, DateOnly day, int dueSoonDays, CancellationToken ct, IQueryable<Employee>? among = null)
    {
        var last = await LastCountedAsync(db, course, day, ct);
        var people = InScope(db, course, day);
        if (among is not null) people = people.Where(e => among.Any(x => x.Id == e.Id));
        var rows = await people.AsNoTracking()
            .Select(e => new { e.Id, e.EmployeeNumber, e.FirstName, e.LastName, e.SiteId, e.DepartmentId, e.IsManager, e.IsCustomerFacing, e.WorkEmail, e.StartDate })
            .ToListAsync(ct);
        var rules = course.Rules;
        var stated = rows.Select(r =>
        {
            DateOnly? l = last.TryGetValue(r.Id, out var d) ? d : null;
            return new Stated(r.Id, r.EmployeeNumber, r.FirstName, r.LastName, r.SiteId, r.DepartmentId, r.IsManager, r.IsCustomerFacing, r.WorkEmail, r.StartDate, l,
                TrainingRules.StateOn(day, l, r.StartDate, rules, dueSoonDays));
        }).ToList();
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return new Coverage(stated, sites, departments);
    }

    /// <summary>Each person's last completion of the course that counts, on or before the day.</summary>
    private static Task<Dictionary<Guid, DateOnly>> LastCountedAsync(ComplianceDbContext db, Course course, DateOnly day, CancellationToken ct)
    {
        var completions = db.TrainingCompletions.Where(c => c.CourseId == course.Id && c.CompletedOn <= day);
        if (course.RequiresPass) completions = completions.Where(c => c.Passed == true);
        return completions.GroupBy(c => c.EmployeeId).Select(g => new { g.Key, Last = g.Max(c => c.CompletedOn) })
            .ToDictionaryAsync(x => x.Key, x => x.Last, ct);
    }

    /// <summary>
    /// The totals alone, for the position: the same two queries and the same <see cref="TrainingRules.StateOn"/> as
    /// <see cref="OnAsync"/>, reading only each person's id and start date; and how many of the stale last
    /// completed on or before <paramref name="longStaleOnOrBefore"/>.
    /// </summary>
    public static async Task<(Counts Totals, int LongStale)> TotalsOnAsync(ComplianceDbContext db, Course course, DateOnly day, int dueSoonDays,
        DateOnly longStaleOnOrBefore, CancellationToken ct)
    {
        var last = await LastCountedAsync(db, course, day, ct);
        var people = await InScope(db, course, day).AsNoTracking().Select(e => new { e.Id, e.StartDate }).ToListAsync(ct);
        return Count(people.Select(p => (p.StartDate, last.TryGetValue(p.Id, out var d) ? d : (DateOnly?)null)), day, course.Rules, dueSoonDays, longStaleOnOrBefore);
    }

    /// <summary>The totals of people in scope on the day, each given by their start date and last completion that counts.</summary>
    private static (Counts Totals, int LongStale) Count(IEnumerable<(DateOnly? Start, DateOnly? Last)> people, DateOnly day, TrainingRules.CourseRules rules,
        int dueSoonDays, DateOnly longStaleOnOrBefore)
    {
        var counts = new int[Enum.GetValues<TrainingState>().Max(s => (int)s) + 1];
        var longStale = 0;
        foreach (var (start, last) in people)
        {
            var state = TrainingRules.StateOn(day, last, start, rules, dueSoonDays);
            counts[(int)state]++;
            if (state == TrainingState.Stale && last <= longStaleOnOrBefore) longStale++;
        }
        return (Counts.From(Enum.GetValues<TrainingState>().Select(s => (s, counts[(int)s]))), longStale);
    }

    /// <summary>
    /// A course's history up to a day, read once (everyone in its audience who had joined by then, with their dates,
    /// and every completion that counts), so that its totals on many days (the quarter ends of an evidence pack) are
    /// worked out in memory, by the same rules as <see cref="TotalsOnAsync"/>, instead of two queries a day.
    /// </summary>
    public static async Task<History> HistoryAsync(ComplianceDbContext db, Course course, DateOnly upTo, CancellationToken ct)
    {
        var completions = db.TrainingCompletions.Where(c => c.CourseId == course.Id && c.CompletedOn <= upTo);
        if (course.RequiresPass) completions = completions.Where(c => c.Passed == true);
        var dated = await completions.Select(c => new { c.EmployeeId, c.CompletedOn }).ToListAsync(ct);
        var people = await InAudience(db, course).Where(e => e.StartDate == null || e.StartDate <= upTo).AsNoTracking()
            .Select(e => new { e.Id, e.StartDate, e.LeavingDate }).ToListAsync(ct);
        return new History(course.Rules, upTo, [.. people.Select(p => (p.Id, p.StartDate, p.LeavingDate))],
            dated.GroupBy(c => c.EmployeeId).ToDictionary(g => g.Key, g => g.Select(c => c.CompletedOn).Order().ToArray()));
    }

    /// <summary>See <see cref="HistoryAsync"/>.</summary>
    public sealed class History
    {
        private readonly TrainingRules.CourseRules _rules;
        private readonly DateOnly _upTo;
        private readonly List<(Guid Id, DateOnly? Start, DateOnly? Leaving)> _people;
        private readonly Dictionary<Guid, DateOnly[]> _completed;

        internal History(TrainingRules.CourseRules rules, DateOnly upTo, List<(Guid Id, DateOnly? Start, DateOnly? Leaving)> people, Dictionary<Guid, DateOnly[]> completed) =>
            (_rules, _upTo, _people, _completed) = (rules, upTo, people, completed);

        /// <summary>The same as <see cref="TotalsOnAsync"/> on any day up to the one the history was read to.</summary>
        public (Counts Totals, int LongStale) TotalsOn(DateOnly day, int dueSoonDays, DateOnly longStaleOnOrBefore)
        {
            if (day > _upTo) throw new ArgumentOutOfRangeException(nameof(day), $"The history was read up to {_upTo}, not {day}.");
            return Count(_people.Where(p => InScopeOn(p.Start, p.Leaving, day)).Select(p => (p.Start, LastOnOrBefore(p.Id, day))), day, _rules, dueSoonDays, longStaleOnOrBefore);
        }

        private DateOnly? LastOnOrBefore(Guid person, DateOnly day)
        {
            if (!_completed.TryGetValue(person, out var days)) return null;
            var i = Array.BinarySearch(days, day);
            if (i < 0) i = ~i - 1;
            return i >= 0 ? days[i] : null;
        }
    }

    /// <summary>The counts alone, of everyone in scope or of those among a set of people (a line manager's team).</summary>
    public static async Task<Counts> TotalsAsync(ComplianceDbContext db, Course course, DateOnly day, int dueSoonDays, CancellationToken ct, IQueryable<Employee>? among = null) =>
        (await OnAsync(db, course, day, dueSoonDays, ct, among)).Totals;

    /// <summary>Where everyone a course is for stands on one day: counted, grouped and listed.</summary>
    public sealed class Coverage
    {
        private readonly List<Stated> _people;
        private readonly Dictionary<Guid, string> _sites;
        private readonly Dictionary<Guid, string> _departments;

        internal Coverage(List<Stated> people, Dictionary<Guid, string> sites, Dictionary<Guid, string> departments)
        {
            (_people, _sites, _departments) = (people, sites, departments);
            Totals = Of(people);
        }

        public Counts Totals { get; }

        private static Counts Of(IEnumerable<Stated> people) => Counts.From(people.GroupBy(p => p.State).Select(g => (g.Key, g.Count())));

        /// <summary>The totals, and by site, by department (and "No department"), and by audience (managers, customer-facing staff).</summary>
        public Summary Summary() => _summary ??= Summarise();

        private Summary? _summary;

        private Summary Summarise()
        {
            var bySite = _people.GroupBy(p => p.SiteId).Select(g => new Group(g.Key, _sites.GetValueOrDefault(g.Key, "Unknown site"), Of(g)))
                .OrderBy(g => g.Counts.Percent).ThenBy(g => g.Name, StringComparer.CurrentCulture).ToList();
            var byDepartment = _people.GroupBy(p => p.DepartmentId)
                .Select(g => new Group(g.Key, g.Key is { } d ? _departments.GetValueOrDefault(d, "Unknown department") : "No department", Of(g)))
                .OrderBy(g => g.Counts.Percent).ThenBy(g => g.Name, StringComparer.CurrentCulture).ToList();
            var audiences = new List<Group>
            {
                new(null, "Managers", Of(_people.Where(p => p.IsManager))),
                new(null, "Customer-facing staff", Of(_people.Where(p => p.IsCustomerFacing))),
            };
            return new(Totals, bySite, byDepartment, [.. audiences.Where(a => a.Counts.InScope > 0)]);
        }

        /// <summary>Names as a UK reader sorts them: letters with accents beside their own, case aside.</summary>
        private static readonly StringComparer SurnameOrder = StringComparer.Create(UkDates.Uk, System.Globalization.CompareOptions.IgnoreCase);

        /// <summary>The people in the given states, by surname then first name as a UK reader sorts them (Ł beside L, "ap Dafydd" among the As), optionally at one site or in one department.</summary>
        public List<Person> People(IReadOnlyCollection<TrainingState> states, Guid? siteId = null, Guid? departmentId = null) =>
            [.. _people.Where(p => states.Contains(p.State) && (siteId is null || p.SiteId == siteId) && (departmentId is null || p.DepartmentId == departmentId))
                .OrderBy(p => p.LastName, SurnameOrder).ThenBy(p => p.FirstName, SurnameOrder).ThenBy(p => p.EmployeeNumber, StringComparer.Ordinal)
                .Select(p => new Person(p.Id, p.EmployeeNumber, $"{p.FirstName} {p.LastName}", p.SiteId, _sites.GetValueOrDefault(p.SiteId, "Unknown site"),
                    p.DepartmentId, p.DepartmentId is { } d ? _departments.GetValueOrDefault(d) : null, p.WorkEmail, p.StartDate, p.Last, p.State))];
    }
}
