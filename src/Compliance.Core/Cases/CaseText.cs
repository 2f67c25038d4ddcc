using System.Text.Json;
using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Cases;

/// <summary>A part of an entry's words under a heading, e.g. "What happened" or "Interim measures".</summary>
public sealed record EntrySection(string Heading, string Text);

/// <summary>Seals and opens entries and file names with one case's data key.</summary>
public sealed class CaseSeal(Guid caseId, byte[] dataKey)
{
    public Guid CaseId => caseId;
    public byte[] DataKey => dataKey;

    public void Write(CaseEntry entry, IEnumerable<EntrySection> sections) =>
        entry.Body = CaseCipher.Seal(dataKey, caseId, CaseCipher.EntryPurpose(entry.Id),
            JsonSerializer.SerializeToUtf8Bytes(sections.Where(s => !string.IsNullOrWhiteSpace(s.Text)).ToList()));

    public List<EntrySection> Read(CaseEntry entry) =>
        JsonSerializer.Deserialize<List<EntrySection>>(CaseCipher.Open(dataKey, caseId, CaseCipher.EntryPurpose(entry.Id), entry.Body)) ?? [];

    public void Name(CaseFile file, string name) => file.SealedName = CaseCipher.SealText(dataKey, caseId, CaseCipher.FileNamePurpose(file.Id), name);

    public string ReadName(CaseFile file) => CaseCipher.OpenText(dataKey, caseId, CaseCipher.FileNamePurpose(file.Id), file.SealedName);

    public byte[] SealReplyAddress(string address) => CaseCipher.SealText(dataKey, caseId, CaseCipher.ReplyAddressPurpose, address);

    public string? ReadReplyAddress(ReportCase c) =>
        c.SealedReplyAddress is { } sealedAddress ? CaseCipher.OpenText(dataKey, caseId, CaseCipher.ReplyAddressPurpose, sealedAddress) : null;
}

public static class CaseHandlers
{
    /// <summary>People who can handle cases now: the role, a password chosen, not disabled.</summary>
    public static IQueryable<ApplicationUser> Active(ComplianceDbContext db) => ActiveAccounts.InRole(db, Roles.CaseHandler);

    public static async Task<List<(Guid Id, string Name)>> ChoicesAsync(ComplianceDbContext db, CancellationToken ct) =>
        [.. (await Active(db).OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct)).Select(u => (u.Id, u.DisplayName))];
}
