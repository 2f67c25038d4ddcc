using Compliance.Core.Data;
using Compliance.Core.Data.Providers;
using Compliance.Core.Employees;
using Compliance.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Cases;

public sealed record ReportInput(
    ReportingMode? Mode,
    ReporterRole? Role,
    string? WhatHappened,
    string? HappenedOn,
    string? HappenedWhen,
    IncidentPlace? Place,
    Guid? SiteId,
    string? WhereDetail,
    IReadOnlyList<InvolvedParties>? Involved,
    string? WhoWasInvolved,
    IReadOnlyList<Guid>? ExcludedHandlers,
    Answer? StillHappening,
    bool FeelsUnsafe,
    string? Wishes,
    string? Name,
    string? Contact,
    bool NotifyByEmail = false);

public sealed record SubmittedReport(string Reference, string Key, List<RefusedFile> RefusedFiles);

/// <summary>
/// Takes a report from the public page. Nothing about the sender is read or kept: the page passes only what
/// the person typed and the files they chose. No audit entry is written, because its time would say when
/// the reporter was at a keyboard; the case's date of receipt is the record.
/// </summary>
public sealed class SubmitReport(ComplianceDbContext db, CaseKeyring keyring, CaseFileStore files, CaseAlerts alerts, IOptions<CaseOptions> options, TimeProvider clock)
{
    public const int MaxTextLength = 20_000;

    public async Task<(SubmittedReport? Result, List<FieldError> Errors)> HandleAsync(ReportInput input, IReadOnlyList<IncomingFile> incoming, CancellationToken ct = default)
    {
        var o = options.Value;
        var today = UkCalendar.Today(clock);
        var errors = new List<FieldError>();
        if (input.Mode is null || !Enum.IsDefined(input.Mode.Value)) errors.Add(new("Mode", "Choose whether to report anonymously or confidentially."));
        if (input.Role is null || !Enum.IsDefined(input.Role.Value)) errors.Add(new("Role", "Choose whether this happened to you or you saw it."));
        var what = TextRules.Required(input.WhatHappened, MaxTextLength, "WhatHappened", "What happened", errors, "Say what happened, in your own words.");
        DateOnly? happenedOn = null;
        if (!string.IsNullOrWhiteSpace(input.HappenedOn))
        {
            happenedOn = EmployeeValidator.ParseDate(input.HappenedOn);
            if (happenedOn is null) errors.Add(new("HappenedOn", "Enter the date as a UK date, such as 31/03/2026 or 31 March 2026, or leave it blank and describe when below."));
            else if (happenedOn > today) errors.Add(new("HappenedOn", "The date is in the future. Enter the date it happened, or leave it blank."));
        }
        var when = TextRules.Optional(input.HappenedWhen, 500, "HappenedWhen", "When it happened", errors);
        if (input.Place is null || !Enum.IsDefined(input.Place.Value)) errors.Add(new("Place", "Choose where it happened."));
        Guid? siteId = null;
        if (input.Place == IncidentPlace.AtSite)
        {
            if (input.SiteId is null) errors.Add(new("SiteId", "Choose the site where it happened."));
            else if (!await db.Sites.AnyAsync(s => s.Id == input.SiteId, ct)) errors.Add(new("SiteId", "That site is not on the list. Choose one from the list."));
            else siteId = input.SiteId;
        }
        var where = TextRules.Optional(input.WhereDetail, 500, "WhereDetail", "Where it happened", errors);
        var involved = InvolvedParties.None;
        foreach (var p in input.Involved ?? [])
        {
            if (!CaseLabels.Parties.Contains(p)) errors.Add(new("Involved", "Choose who was involved from the list."));
            else involved |= p;
        }
        var who = TextRules.Optional(input.WhoWasInvolved, 2000, "WhoWasInvolved", "Who was involved", errors);
        var stillHappening = input.StillHappening is { } sh && Enum.IsDefined(sh) ? sh : Answer.NotSure;
        var wishes = TextRules.Optional(input.Wishes, 4000, "Wishes", "What you would like to happen", errors);
        string? name = null, contact = null;
        if (input.Mode == ReportingMode.Confidential)
        {
            name = TextRules.Required(input.Name, 200, "Name", "Your name", errors, "Give your name, or choose to report anonymously.");
            contact = TextRules.Required(input.Contact, 200, "Contact", "How to contact you", errors, "Give an email address or phone number, or choose to report anonymously.");
            if (input.NotifyByEmail && contact is not null && !EmployeeValidator.IsEmail(contact))
            {
                errors.Add(new("Contact", "To be told by email when there is a message, give an email address here (not a phone number), or untick that box."));
            }
        }

        var excluded = (input.ExcludedHandlers ?? []).Distinct().ToList();
        var handlers = excluded.Count == 0 ? [] : await CaseHandlers.ChoicesAsync(db, ct);
        if (excluded.Any(id => handlers.All(h => h.Id != id)))
        {
            errors.Add(new("ExcludedHandlers", "Choose people from the list only."));
        }
        else if (handlers.Count > 0 && excluded.Count == handlers.Count)
        {
            errors.Add(new("ExcludedHandlers", "At least one person must be able to read your report. If everyone who handles reports is involved, use one of the other routes on this page."));
        }
        if (errors.Count > 0) return (null, errors);

        var (taken, refused) = Attachments.Check(incoming, o.MaxFilesPerSubmission, o.MaxFileBytes);
        var key = CaseSecrets.NewKey();
        var (dataKey, wrapped) = keyring.NewDataKey();
        var flags = today >= o.ProtectedDisclosuresFrom ? CaseFlags.PossibleProtectedDisclosure : CaseFlags.None;
        for (var attempt = 1; ; attempt++)
        {
            var c = new ReportCase(CaseSecrets.NewReference(), CaseSecrets.Hash(CaseSecrets.Normalise(key)), wrapped, input.Mode!.Value, input.Role!.Value,
                input.Place!.Value, siteId, involved, stillHappening, input.FeelsUnsafe, today, flags);
            var seal = new CaseSeal(c.Id, dataKey);
            var entry = new CaseEntry(c.Id, EntryKind.Report, fromReporter: true, visibleToReporter: true, today, null, null, null);
            seal.Write(entry, [
                new("What happened", what!),
                new("When", string.Join(" — ", new[] { (happenedOn is { } h ? UkDates.Long(h) : null), when }.Where(s => s is not null))),
                new("Where", where ?? ""),
                new("Who was involved", who ?? ""),
                new("What they would like to happen", wishes ?? ""),
                new("Name", name ?? ""),
                new("How to contact them", contact ?? ""),
            ]);
            // Only a confidential reporter who asked is told by email; an anonymous report keeps no address at all.
            if (input.Mode == ReportingMode.Confidential && input.NotifyByEmail) c.AskForReplyNotices(seal.SealReplyAddress(contact!));
            db.ReportCases.Add(c);
            db.CaseEntries.Add(entry);
            db.CaseExclusions.AddRange(excluded.Select(id => new CaseExclusion(c.Id, id, ExclusionReason.NamedByReporter, today)));
            try
            {
                await files.AttachAsync(db, seal, CaseFileStore.Prepare(taken), today, fromReporter: true, ct);
                // The handlers' alerts are made ready first and saved with the report: one write transaction, not two.
                var alert = await alerts.PrepareNewReportAsync(c.Id, input.FeelsUnsafe, today, excluded, ct);
                await using (var tx = await db.Database.BeginTransactionAsync(ct))
                {
                    await db.SaveChangesAsync(ct);
                    await alerts.QueueInTransactionAsync(alert, today, CancellationToken.None);
                    await tx.CommitAsync(ct);
                }
                return (new SubmittedReport(c.Reference, key, refused), []);
            }
            catch (DbUpdateException e) when (attempt < 3 && !DatabaseBusyException.IsIn(e))
            {
                // A reference is 40 random bits; a clash is rare but possible: try another.
                db.ChangeTracker.Clear();
                files.DeleteCase(c.Id);
            }
            catch
            {
                files.DeleteCase(c.Id);
                throw;
            }
        }
    }
}
