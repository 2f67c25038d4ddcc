using System.Security.Cryptography;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Documents;
using Compliance.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Policies;

/// <summary>One printed letter: who it is for, and the code they type at /policies/code.</summary>
public sealed record PolicyLetter(string Name, string EmployeeNumber, string Site, string Code);

/// <summary>
/// Letters for the people a policy is for who have no work email: each has a short code to type at
/// /policies/code instead of a link. A code is 12 characters from an alphabet without look-alikes (60 random
/// bits), stored only as its hash, like a link, and valid on the same terms. Each printing makes new codes; the
/// old ones keep working until the person acknowledges or leaves.
/// </summary>
public sealed class PolicyLetters(ComplianceDbContext db, AuditTrail audit, TimeProvider clock, IOptions<MailOptions> mail)
{
    public const string CodePath = "/policies/code";
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int CodeLength = 12;

    /// <summary>The code as printed, in three groups of four.</summary>
    public static string Printed(string code) => string.Join('-', code.Chunk(4).Select(c => new string(c)));

    /// <summary>What a person typed, as the code it is: case, spaces and hyphens ignored; O read as 0, I and L as 1. Null if it cannot be a code.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null) return null;
        var code = new string([.. typed.ToUpperInvariant().Where(c => c is not (' ' or '-')).Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c })]);
        return code.Length == CodeLength && code.All(c => Alphabet.Contains(c)) ? code : null;
    }

    /// <summary>Makes a letter, with a new code, for each person in scope with no work email who has not acknowledged.</summary>
    public async Task<(Policy? Policy, PolicyVersion? Version, List<PolicyLetter> Letters)> MakeAsync(Guid policyId, CancellationToken ct = default)
    {
        var policy = await db.Policies.AsNoTracking().Include(p => p.Versions).SingleOrDefaultAsync(p => p.Id == policyId, ct);
        if (policy?.InForce is not { } version) return (policy, null, []);
        var today = UkCalendar.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var people = await PolicyCoverage.Outstanding(db, policyId, version, today, null, null, among: db.Employees.Where(e => e.WorkEmail == null)).ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var letters = new List<PolicyLetter>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var requests = await db.PolicyRecipients.Where(r => r.PolicyId == policyId && r.Round == version.AcknowledgementRound && ids.Contains(r.EmployeeId))
            .ToDictionaryAsync(r => r.EmployeeId, ct);
        var links = new List<PolicyLink>();
        foreach (var person in people)
        {
            // Someone not yet asked (a joiner before the morning's sending) is asked now.
            if (!requests.TryGetValue(person.Id, out var request))
            {
                request = new PolicyRecipient(policyId, version.AcknowledgementRound, person.Id, today, now);
                db.PolicyRecipients.Add(request);
            }
            request.Sent(today);
            var code = NewCode();
            links.Add(new PolicyLink(request.Id, PolicyDistribution.HashOf(code), now));
            letters.Add(new PolicyLetter(person.Name, person.EmployeeNumber, person.Site, code));
        }
        await db.SaveChangesAsync(ct);
        await db.Dialect.InsertNewAsync(db, links, ct);
        await audit.SaveAsync(db, AuditEvent.For("policy.letters", "Policy", policyId,
            $"Letters with a code printed for {letters.Count:N0} {(letters.Count == 1 ? "person" : "people")} without an email address, for version {version.Number} of \"{policy.Title}\""), ct);
        await tx.CommitAsync(ct);
        return (policy, version, letters);
    }

    /// <summary>The letters as one PDF, a page each.</summary>
    public byte[] Render(string organisation, Policy policy, PolicyVersion version, IReadOnlyList<PolicyLetter> letters)
    {
        var pdf = new PdfLayout($"{policy.Title}: letters", $"{organisation} · {policy.Title} · version {version.Number}", clock.GetUtcNow().UtcDateTime);
        for (var i = 0; i < letters.Count; i++)
        {
            if (i > 0) pdf.PageBreak();
            var letter = letters[i];
            pdf.Paragraph(organisation, 10, bold: true);
            pdf.Paragraph($"{letter.Name} ({letter.EmployeeNumber}), {letter.Site}", 10);
            pdf.Heading($"Please read our {policy.Title}", 16);
            pdf.Paragraph($"{organisation} asks everyone it applies to to read its {policy.Title} (version {version.Number}, in force from {UkDates.Long(version.EffectiveOn)}) and to confirm that they have read and understood it.", 11);
            pdf.Paragraph("On a phone or a computer, with no account or password:", 11);
            pdf.Field("1. Go to", mail.Value.Link(CodePath));
            pdf.Field("2. Enter your code", Printed(letter.Code), mono: true);
            pdf.Paragraph("3. Read the policy, then press \"I have read and understood this policy\".", 11);
            pdf.Paragraph("The code is personal to you: please do not share it. It records only that you confirmed, and when. If you would rather read a printed copy, ask your manager or HR for one and tell them when you have read it.", 9);
        }
        return pdf.Finish();
    }

    private static string NewCode() => new([.. Enumerable.Range(0, CodeLength).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)])]);
}
