using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Mail;
using Compliance.Core.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Training;

/// <summary>
/// Emails people (who have no account) about their training, each once: 14 days before it lapses (a setting) and
/// when it has lapsed, from the morning sweep; and, when an HR manager asks, everyone in a group on a course's page,
/// never twice on one day. People without a work email are counted, not emailed.
/// </summary>
public sealed class TrainingDistribution(ComplianceDbContext db, AuditTrail audit, TimeProvider clock, EmailTemplates templates,
    IOptions<TrainingOptions> options)
{
    public const string EmailKind = "training-reminder";
    public const string DueKind = "due";
    public const string StaleKind = "stale";
    public const string AskedKind = "asked";

    public sealed record SendResult(int Emailed, int WithoutEmail, int AlreadyToday)
    {
        public string Summary => $"{Emailed:N0} emailed" + (WithoutEmail > 0 ? $", {WithoutEmail:N0} without a work email" : "")
            + (AlreadyToday > 0 ? $", {AlreadyToday:N0} already reminded today" : "");
    }

    private DateOnly Today => UkCalendar.Today(clock);

    /// <summary>The morning's reminders for every course: those lapsing soon and those who have lapsed, each once.</summary>
    public async Task<string> RemindAllAsync(CancellationToken ct = default)
    {
        var ids = await db.Courses.AsNoTracking().OrderBy(c => c.Title).Select(c => c.Id).ToListAsync(ct);
        int due = 0, stale = 0;
        foreach (var id in ids)
        {
            due += (await SendAsync(id, DueKind, [TrainingState.DueSoon, TrainingState.Current], null, null, ct)).Emailed;
            stale += (await SendAsync(id, StaleKind, [TrainingState.Stale], null, null, ct)).Emailed;
        }
        return $"Training: {due:N0} reminded before their training lapses, {stale:N0} after.";
    }

    /// <summary>An HR manager's reminder to everyone in the given states on a course (optionally at a site or in a department).</summary>
    public Task<SendResult> RemindGroupAsync(Guid courseId, IReadOnlyCollection<TrainingState> states, Guid? siteId, Guid? departmentId, CancellationToken ct = default) =>
        SendAsync(courseId, AskedKind, states, siteId, departmentId, ct);

    private async Task<SendResult> SendAsync(Guid courseId, string kind, IReadOnlyCollection<TrainingState> states, Guid? siteId, Guid? departmentId, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == courseId, ct);
        var today = Today;
        var people = (await TrainingCoverage.OnAsync(db, course, today, options.Value.DueSoonDays, ct)).People(states, siteId, departmentId);
        // What each reminder is about: the day the training lapses (or lapsed); for HR's reminder, today.
        var soon = TrainingRules.StaleCutoff(today.AddDays(Math.Max(0, options.Value.PersonReminderDays)), course.RefreshMonths);
        var wanted = people.Select(p => (Person: p, About: kind switch
        {
            AskedKind => (DateOnly?)today,
            DueKind when p.LastCompleted is { } last && last <= soon => TrainingRules.LapsesOn(last, course.RefreshMonths),
            StaleKind when p.LastCompleted is { } last => TrainingRules.LapsesOn(last, course.RefreshMonths),
            _ => null,
        }))
            .Where(x => x.About is not null).ToList();
        var sent = (await db.TrainingReminders.AsNoTracking().Where(r => r.CourseId == courseId && r.Kind == kind && (kind != AskedKind || r.AboutOn == today))
            .Select(r => new { r.EmployeeId, r.AboutOn }).ToListAsync(ct)).Select(r => (r.EmployeeId, r.AboutOn)).ToHashSet();
        var already = wanted.Count(x => sent.Contains((x.Person.Id, x.About!.Value)));
        wanted = [.. wanted.Where(x => !sent.Contains((x.Person.Id, x.About!.Value)))];
        var withoutEmail = wanted.Count(x => x.Person.WorkEmail is null);
        var organisation = await db.Organisations.NameAsync(ct) ?? "";
        var now = clock.GetUtcNow().UtcDateTime;
        var emailed = 0;
        foreach (var batch in wanted.Where(x => x.Person.WorkEmail is not null).Chunk(500))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var reminders = new List<TrainingReminder>();
            var messages = new List<OutboxMessage>();
            foreach (var (person, about) in batch)
            {
                var lapses = kind == AskedKind ? (person.LastCompleted is { } l ? TrainingRules.LapsesOn(l, course.RefreshMonths) : (DateOnly?)null) : about;
                var model = new TrainingReminderEmail(organisation, course.Title, kind, lapses is { } d && (kind != AskedKind || d <= today) ? UkDates.Long(d) : "", course.WhereToTake ?? "");
                reminders.Add(new TrainingReminder(course.Id, person.Id, kind, about!.Value, now));
                messages.Add(new OutboxMessage(person.WorkEmail!, person.Name, templates.Render(model, person.Name, null), EmailKind, course.Id.ToString(), now));
            }
            try
            {
                await db.Dialect.InsertNewAsync(db, reminders, ct);
                await db.Dialect.InsertNewAsync(db, messages, ct);
                await tx.CommitAsync(ct);
                emailed += messages.Count;
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
            {
                // The same reminder sent by another request at the same moment (each is sent once): this batch is not.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                already += batch.Length;
            }
        }
        var result = new SendResult(emailed, withoutEmail, already);
        if (emailed > 0 || kind == AskedKind)
        {
            var what = kind switch { DueKind => "reminded before their training lapses", StaleKind => "reminded that their training has lapsed", _ => "asked by HR to take it" };
            await audit.SaveAsync(db, AuditEvent.For("training.reminded", "Course", course.Id, $"\"{course.Title}\": people {what}: {result.Summary}"), ct);
        }
        return result;
    }
}
