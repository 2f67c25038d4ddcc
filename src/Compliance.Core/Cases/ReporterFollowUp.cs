using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Cases;

/// <summary>What a reporter sees of their case: where it has got to, and the messages between them and the handlers.</summary>
public sealed record ReporterView(string Reference, CaseState State, DateOnly ReceivedOn, bool MayWrite, List<ReporterMessage> Messages);

public sealed record ReporterMessage(bool FromReporter, DateOnly On, string Heading, List<EntrySection> Sections);

/// <summary>
/// The reporter's side after submission, opened with the reference and the secret key each time (nothing is
/// kept in the browser). A wrong reference and a wrong key look the same to the caller.
/// </summary>
public sealed class ReporterFollowUp(ComplianceDbContext db, CaseKeyring keyring, CaseFileStore files, CaseAlerts alerts, IOptions<CaseOptions> options, TimeProvider clock)
{
    private static readonly byte[] NoSuchCase = CaseSecrets.Hash("no such case");

    /// <summary>The case, if the reference and key match; null otherwise.</summary>
    public async Task<ReportCase?> FindAsync(string? reference, string? key, CancellationToken ct = default)
    {
        var normalised = CaseSecrets.NormaliseReference(reference);
        var c = normalised.Length == 0 ? null : await db.ReportCases.SingleOrDefaultAsync(x => x.Reference == normalised, ct);
        // Compare even when there is no such case, so that both failures take the same time.
        var matches = CaseSecrets.KeyMatches(key, c?.KeyHash ?? NoSuchCase);
        return c is not null && matches ? c : null;
    }

    public async Task<ReporterView?> OpenAsync(string? reference, string? key, CancellationToken ct = default)
    {
        var c = await FindAsync(reference, key, ct);
        return c is null ? null : await ViewAsync(c, ct);
    }

    private async Task<ReporterView> ViewAsync(ReportCase c, CancellationToken ct)
    {
        var seal = new CaseSeal(c.Id, keyring.Unwrap(c.WrappedDataKey));
        var entries = await db.CaseEntries.Where(e => e.CaseId == c.Id && e.VisibleToReporter).ToListAsync(ct);
        var messages = entries
            .OrderBy(e => e.Number)
            .Select(e => new ReporterMessage(e.FromReporter, e.WrittenOn, e.Kind switch
            {
                EntryKind.Report => "Your report",
                EntryKind.ReporterMessage => "You wrote",
                EntryKind.CheckIn => "Check-in from the team handling your case",
                _ => "From the team handling your case",
            }, seal.Read(e)))
            .ToList();
        return new ReporterView(c.Reference, c.State, c.ReceivedOn, c.ReporterMayWrite, messages);
    }

    /// <summary>Adds a message and files from the reporter. Null when the reference or key is wrong.</summary>
    public async Task<(ReporterView? View, List<FieldError> Errors, List<RefusedFile> Refused)> WriteAsync(string? reference, string? key, string? text,
        IReadOnlyList<IncomingFile> incoming, CancellationToken ct = default)
    {
        var found = await FindAsync(reference, key, ct);
        if (found is null) return (null, [], []);
        var errors = new List<FieldError>();
        var message = TextRules.Optional(text, SubmitReport.MaxTextLength, "Message", "Your message", errors);
        if (message is null && incoming.Count == 0) errors.Add(new("Message", "Write a message or choose a file to send."));
        if (errors.Count > 0) return (await ViewAsync(found, ct), errors, []);

        var o = options.Value;
        var (taken, refused) = Attachments.Check(incoming, o.MaxFilesPerSubmission, o.MaxFileBytes);
        if (message is null && taken.Count == 0) return (await ViewAsync(found, ct), [], refused);
        var today = UkCalendar.Today(clock);
        var prepared = CaseFileStore.Prepare(taken);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Dialect.LockRowsAsync(db, $"SELECT 1 FROM report_cases WHERE id = {found.Id}", ct);
        await db.Entry(found).ReloadAsync(ct);
        // Handlers are told once until one of them opens the case: not again for each message before then.
        var alreadyUnread = found.ReporterActivityUnread;
        try
        {
            found.ReporterWrote();
        }
        catch (CaseRuleException ex)
        {
            return (await ViewAsync(found, ct), [new("Message", ex.Message)], []);
        }
        var seal = new CaseSeal(found.Id, keyring.Unwrap(found.WrappedDataKey));
        var written = new List<EntrySection>();
        if (message is not null) written.Add(new("Message", message));
        if (taken.Count > 0) written.Add(new("Files sent", string.Join(", ", taken.Select(t => Attachments.DisplayName(t.File.FileName)))));
        var entry = new CaseEntry(found.Id, EntryKind.ReporterMessage, fromReporter: true, visibleToReporter: true, today, null, null, null);
        seal.Write(entry, written);
        db.CaseEntries.Add(entry);
        await files.AttachAsync(db, seal, prepared, today, fromReporter: true, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (!alreadyUnread) await alerts.ReporterWroteAsync(found.Id, entry.Id, CancellationToken.None);
        return (await ViewAsync(found, ct), [], refused);
    }
}
