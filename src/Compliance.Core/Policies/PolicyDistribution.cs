using System.Security.Cryptography;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Core.Mail;
using Compliance.Core.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Policies;

/// <param name="Asked">People asked for the first time in this round.</param>
/// <param name="Emailed">Links emailed (first asks, reminders and chases).</param>
/// <param name="WithoutEmail">People with no work email: they need a printed letter.</param>
/// <param name="SkippedToday">People already sent a link today, who are not sent another.</param>
public sealed record SendResult(int Asked, int Emailed, int WithoutEmail, int SkippedToday)
{
    public string Summary => $"{Asked:N0} asked, {Emailed:N0} emailed, {WithoutEmail:N0} without an email address, {SkippedToday:N0} already sent a link today.";
}

/// <summary>
/// Sends a policy's version in force to the people it is for: each gets a request row for the round and, with a
/// work email, a personal link in an email queued through the outbox, a batch per transaction. Asking again asks
/// only those with no request yet (joiners, people moved into scope); chasing sends a new link to those who have
/// not acknowledged, never twice on one day. No request waits for mail: the outbox sends it.
/// </summary>
public sealed class PolicyDistribution(ComplianceDbContext db, AuditTrail audit, TimeProvider clock, EmailTemplates templates,
    IOptions<PolicyOptions> options, IOptions<MailOptions> mail)
{
    public const string EmailKind = OutboxMessage.PolicyRequestKind;

    private DateOnly Today => UkCalendar.Today(clock);

    /// <summary>The people a published version is for on a given day: started, not left, and in its audience.</summary>
    public static IQueryable<Employee> InScope(ComplianceDbContext db, PolicyVersion version, DateOnly today)
    {
        var people = db.Employees.Where(e => (e.StartDate == null || e.StartDate <= today) && (e.LeavingDate == null || e.LeavingDate > today));
        var ids = version.AudienceIds;
        return version.Audience switch
        {
            AudienceKind.Sites => people.Where(e => ids.Contains(e.SiteId)),
            AudienceKind.Departments => people.Where(e => e.DepartmentId != null && ids.Contains(e.DepartmentId.Value)),
            AudienceKind.Managers => people.Where(e => e.IsManager),
            AudienceKind.CustomerFacing => people.Where(e => e.IsCustomerFacing),
            _ => people,
        };
    }

    /// <summary>
    /// What the background job does after a publication, a chase and every morning: for each policy in force, asks
    /// those in scope with no request yet (a joiner on their start date), reminds those who have not acknowledged,
    /// and chases where an HR manager asked.
    /// </summary>
    public async Task<string> RunPendingAsync(CancellationToken ct = default)
    {
        var policies = await db.Policies.AsNoTracking().WithVersionInForce()
            .Select(p => new { p.Id, p.ChaseRequestedAtUtc }).ToListAsync(ct);
        int asked = 0, chased = 0, reminded = 0;
        foreach (var policy in policies)
        {
            asked += (await AskNewAsync(policy.Id, null, ct)).Asked;
            reminded += (await RemindAsync(policy.Id, ct)).Emailed;
            await RecordDailyCountsAsync(policy.Id, ct);
            if (policy.ChaseRequestedAtUtc is not { } requested) continue;
            chased += (await ChaseAsync(policy.Id, null, ct)).Emailed;
            // Cleared only if no one asked again meanwhile.
            await db.Policies.Where(p => p.Id == policy.Id && p.ChaseRequestedAtUtc == requested).ExecuteUpdateAsync(s => s.SetProperty(p => p.ChaseRequestedAtUtc, (DateTime?)null), ct);
        }
        return $"Policies: {asked:N0} people asked, {reminded:N0} reminded, {chased:N0} chased.";
    }

    /// <summary>Asks everyone in scope who has no request in the current round (the whole audience after a material change).</summary>
    public Task<SendResult> AskNewAsync(Guid policyId, IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default) =>
        SendAsync(policyId, Sending.Ask, progress, ct);

    /// <summary>Sends a new link to everyone in scope who has not acknowledged, except those sent one today.</summary>
    public Task<SendResult> ChaseAsync(Guid policyId, IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default) =>
        SendAsync(policyId, Sending.Chase, progress, ct);

    /// <summary>
    /// The reminders the morning sweep gives: a new link to each person with an email address who has not
    /// acknowledged, the first and the second a setting's days after they were first asked (7 and 21 by default).
    /// </summary>
    public async Task<SendResult> RemindAsync(Guid policyId, CancellationToken ct = default)
    {
        var first = await SendAsync(policyId, Sending.FirstReminder, null, ct);
        var second = await SendAsync(policyId, Sending.SecondReminder, null, ct);
        return new(0, first.Emailed + second.Emailed, 0, first.SkippedToday + second.SkippedToday);
    }

    private enum Sending { Ask, Chase, FirstReminder, SecondReminder }

    private sealed record Person(Guid EmployeeId, Guid? RecipientId, string? Email, string Name, DateOnly? LastSentOn);

    private async Task<SendResult> SendAsync(Guid policyId, Sending sending, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var today = Today;
        var policy = await db.Policies.AsNoTracking().Include(p => p.Versions).SingleOrDefaultAsync(p => p.Id == policyId, ct);
        if (policy?.InForce is not { } version) return new(0, 0, 0, 0);
        var round = version.AcknowledgementRound;
        var scope = InScope(db, version, today);
        var requests = db.PolicyRecipients.Where(r => r.PolicyId == policyId && r.Round == round);
        var outstanding = requests.Where(r => r.AcknowledgedAtUtc == null);
        var days = options.Value.ReminderDays;
        if (sending is Sending.FirstReminder or Sending.SecondReminder)
        {
            var index = sending == Sending.FirstReminder ? 0 : 1;
            if (days.Length <= index || days[index] <= 0) return new(0, 0, 0, 0);
            var askedBy = today.AddDays(-days[index]);
            // Reminders go by email: a person without an address was given a letter and is chased by hand.
            outstanding = sending == Sending.FirstReminder
                ? outstanding.Where(r => r.FirstReminderOn == null && r.AskedOn <= askedBy)
                : outstanding.Where(r => r.FirstReminderOn != null && r.SecondReminderOn == null && r.AskedOn <= askedBy);
            scope = scope.Where(e => e.WorkEmail != null);
        }
        List<Person> people = sending == Sending.Ask
            ? await scope.Where(e => !requests.Any(r => r.EmployeeId == e.Id))
                .Select(e => new Person(e.Id, null, e.WorkEmail, e.FirstName + " " + e.LastName, null)).ToListAsync(ct)
            : await scope.Join(outstanding, e => e.Id, r => r.EmployeeId,
                    (e, r) => new Person(e.Id, r.Id, e.WorkEmail, e.FirstName + " " + e.LastName, r.LastSentOn)).ToListAsync(ct);
        var skipped = people.Count(p => p.LastSentOn == today);
        people = [.. people.Where(p => p.LastSentOn != today)];
        var organisation = await db.Organisations.NameAsync(ct) ?? "";
        var model = new PolicyRequestEmail(organisation, policy.Title, version.Number, sending == Sending.Ask ? 0 : 1);
        var body = templates.RenderBody(model);
        var now = clock.GetUtcNow().UtcDateTime;
        int asked = 0, emailed = 0, done = 0;
        foreach (var batch in people.Chunk(Math.Max(1, options.Value.SendBatchSize)))
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var recipients = new List<PolicyRecipient>();
            var links = new List<PolicyLink>();
            var messages = new List<OutboxMessage>();
            var sentIds = new List<Guid>();
            foreach (var person in batch)
            {
                var recipientId = person.RecipientId;
                if (recipientId is null)
                {
                    var recipient = new PolicyRecipient(policyId, round, person.EmployeeId, today, now);
                    if (person.Email is not null) recipient.Sent(today);
                    recipients.Add(recipient);
                    recipientId = recipient.Id;
                }
                else if (person.Email is not null)
                {
                    sentIds.Add(recipientId.Value);
                }
                if (person.Email is null) continue;
                var (secret, hash) = NewSecret();
                links.Add(new PolicyLink(recipientId.Value, hash, now));
                messages.Add(new OutboxMessage(person.Email, person.Name, templates.Wrap(model, body, person.Name, mail.Value.Link($"/policies/acknowledge/{secret}")),
                    EmailKind, policyId.ToString(), now));
            }
            await db.Dialect.InsertNewAsync(db, recipients, ct);
            await db.Dialect.InsertNewAsync(db, links, ct);
            await db.Dialect.InsertNewAsync(db, messages, ct);
            if (sentIds.Count > 0)
            {
                var sent = db.PolicyRecipients.Where(r => sentIds.Contains(r.Id));
                await sent.ExecuteUpdateAsync(s => s.SetProperty(r => r.LastSentOn, today).SetProperty(r => r.TimesSent, r => r.TimesSent + 1), ct);
                if (sending == Sending.FirstReminder) await sent.ExecuteUpdateAsync(s => s.SetProperty(r => r.FirstReminderOn, today), ct);
                if (sending == Sending.SecondReminder) await sent.ExecuteUpdateAsync(s => s.SetProperty(r => r.SecondReminderOn, today), ct);
            }
            await tx.CommitAsync(ct);
            asked += recipients.Count;
            emailed += messages.Count;
            done += batch.Length;
            progress?.Report((done, people.Count));
        }
        var result = new SendResult(asked, emailed, people.Count(p => p.Email is null), skipped);
        if (people.Count > 0 || sending == Sending.Chase)
        {
            var (action, what) = sending switch
            {
                Sending.Ask => ("policy.sent", "sent"),
                Sending.Chase => ("policy.chased", "chased"),
                Sending.FirstReminder => ("policy.reminded", "first reminder sent"),
                _ => ("policy.reminded", "second reminder sent"),
            };
            await audit.SaveAsync(db, AuditEvent.For(action, "Policy", policyId, $"Version {version.Number} of \"{policy.Title}\" {what}: {result.Summary}"), ct);
        }
        return result;
    }

    /// <summary>
    /// One audit entry per past day on which people acknowledged the version in force, with that day's count and the
    /// coverage since: the acknowledgements themselves are rows, not an audit entry each. Days missed while the app
    /// was stopped are caught up (up to <see cref="DailyCountsLookbackDays"/> back); a day already recorded is not
    /// recorded again.
    /// </summary>
    public async Task<int> RecordDailyCountsAsync(Guid policyId, CancellationToken ct = default)
    {
        var today = Today;
        var policy = await db.Policies.AsNoTracking().Include(p => p.Versions).SingleOrDefaultAsync(p => p.Id == policyId, ct);
        if (policy?.InForce is not { } version) return 0;
        var from = UkCalendar.StartOfDayUtc(today.AddDays(-DailyCountsLookbackDays));
        var until = UkCalendar.StartOfDayUtc(today);
        var days = (await db.PolicyAcknowledgements.AsNoTracking()
                .Where(a => a.PolicyId == policyId && a.Round == version.AcknowledgementRound && a.AcknowledgedAtUtc >= from && a.AcknowledgedAtUtc < until)
                .Select(a => a.AcknowledgedAtUtc).ToListAsync(ct))
            .GroupBy(at => DateOnly.FromDateTime(UkCalendar.ToUk(at))).OrderBy(g => g.Key).ToList();
        if (days.Count == 0) return 0;
        var id = policyId.ToString();
        var recorded = (await db.AuditEntries.AsNoTracking().Where(a => a.Action == DailyCountAction && a.EntityId == id && a.OccurredAtUtc >= from)
            .Select(a => a.Summary).ToListAsync(ct)).ToHashSet();
        var totals = await PolicyCoverage.TotalsAsync(db, policyId, version, today, ct);
        var written = 0;
        foreach (var day in days)
        {
            var prefix = DailyCountPrefix(day.Key);
            if (recorded.Any(r => r.StartsWith(prefix, StringComparison.Ordinal))) continue;
            await audit.SaveAsync(db, AuditEvent.For(DailyCountAction, "Policy", policyId,
                $"{prefix} {day.Count():N0} {(day.Count() == 1 ? "person" : "people")} acknowledged \"{policy.Title}\" (acknowledgements since version {version.AcknowledgementRound}); " +
                $"by {UkDates.Long(today)}, {totals.Acknowledged:N0} of the {totals.InScope:N0} people it is for ({totals.Percent}%)."), ct);
            written++;
        }
        return written;
    }

    public const string DailyCountAction = "policy.acknowledgements";

    /// <summary>How far back the daily counts are caught up after the app was stopped.</summary>
    public const int DailyCountsLookbackDays = 31;

    private static string DailyCountPrefix(DateOnly day) => $"On {UkDates.Long(day)}:";

    /// <summary>A new link's secret (256 random bits, in the link only) and its SHA-256 (all that is kept).</summary>
    public static (string Secret, byte[] Hash) NewSecret()
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (secret, HashOf(secret));
    }

    public static byte[] HashOf(string secret) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
