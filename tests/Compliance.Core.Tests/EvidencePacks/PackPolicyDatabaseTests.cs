using System.Text.RegularExpressions;
using Compliance.Core.EvidencePacks;
using Compliance.Core.Policies;
using Compliance.Core.Scoring;
using Compliance.Core.Tests.Scoring.Database;

namespace Compliance.Core.Tests.EvidencePacks;

/// <summary>A policy re-published during the period, on a real SQLite file: each version in force gets its own acknowledgement line and gap.</summary>
public sealed class PackPolicyDatabaseTests : IDisposable
{
    private readonly EvidenceDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static DateTime Utc(int y, int m, int d) => new(y, m, d, 9, 0, 0, DateTimeKind.Utc);

    private static PolicyPublication Publication(DateOnly effective) => new(effective, AudienceKind.Everyone, [], PolicyChange.Material, [], null, "Hana");

    private static void Approve(PolicyVersion version, DateTime at)
    {
        version.SubmitForApproval("Hana", at);
        version.Approve(Guid.NewGuid(), "Dana", at);
    }

    [Fact]
    public async Task Each_version_in_force_in_the_period_has_its_acknowledgement_line_and_its_gap_even_between_quarter_ends()
    {
        var site = _db.Site("Harbour");
        var staff = Enumerable.Range(1, 3).Select(i => _db.Employee($"E-{i}", site.Id, start: new DateOnly(2025, 1, 1))).ToList();
        var policy = new Policy(PolicyKind.SexualHarassment, "Policy", "policy", "Tell your manager.", Utc(2026, 1, 5));
        var v1 = policy.Open!;
        Approve(v1, Utc(2026, 1, 10));
        policy.Publish(v1.Id, Publication(new DateOnly(2026, 3, 1)), Utc(2026, 2, 20), new DateOnly(2027, 3, 1));
        // Version 2 takes over on 15 October, between the last quarter end and the end of the period.
        var v2 = policy.StartNewVersion(Utc(2026, 9, 1));
        v2.Edit("Report at https://example.org/report or tell your manager.", Utc(2026, 9, 1));
        Approve(v2, Utc(2026, 9, 2));
        policy.Publish(v2.Id, Publication(new DateOnly(2026, 10, 15)), Utc(2026, 10, 1), new DateOnly(2027, 10, 15));
        // Nobody acknowledged version 1; two of the three acknowledged version 2.
        await _db.AddAsync([site, .. staff, policy,
            new PolicyAcknowledgement(policy.Id, 2, v2.Id, v2.Number, v2.ContentHash!, staff[0].Id, Utc(2026, 10, 20)),
            new PolicyAcknowledgement(policy.Id, 2, v2.Id, v2.Number, v2.ContentHash!, staff[1].Id, Utc(2026, 10, 21))]);

        var request = new EvidencePack(Guid.NewGuid(), new DateOnly(2025, 11, 17), new DateOnly(2026, 11, 16), named: false, null, "Dina Director", _db.NowUtc);
        var pack = await _db.PackBuilder().BuildAsync(request, _db.NowUtc, (_, _) => Task.CompletedTask, default);

        var chapter = pack.Chapters.Single(c => c.Title == "Step 1: Policy");
        var versions = chapter.Blocks.OfType<PackTable>().Single(t => t.Headers[0] == "Version" && t.Headers[1] == "In force");
        versions.Rows.Select(r => string.Join(" | ", r)).Should().Equal(
            "Version 1 | 1 March 2026 to 14 October 2026 | 0 of 3 (0%)",
            "Version 2 | 15 October 2026 to 16 November 2026 | 2 of 3 (66%)");
        chapter.Gaps.Should().Contain("Version 1, in force from 1 March 2026 to 14 October 2026: by 14 October 2026, 3 of the 3 people it applied to had not acknowledged it.")
            .And.Contain("Version 2, in force from 15 October 2026 to 16 November 2026: by 16 November 2026, 1 of the 3 people it applied to had not acknowledged it.");
        pack.Summary.Blocks.OfType<PackText>().Select(t => t.Text).Should().Contain(t => t.Contains("Version 1, in force from 1 March 2026"), "every gap is in the summary's list");
        // As the PDF's reader reads it: each version's line, and its gap in the summary and the chapter.
        var text = Regex.Replace(await PackReading.PdfTextAsync(pack), @"\s+", " ");
        text.Should().Contain("Version 1 1 March 2026 to 14 October 2026 0 of 3 (0%)").And.Contain("Version 2 15 October 2026 to 16 November 2026 2 of 3 (66%)");
        Regex.Matches(text, Regex.Escape("Version 1, in force from 1 March 2026 to 14 October 2026: by 14 October 2026, 3 of the 3 people it applied to had not acknowledged it.")).Should().HaveCount(2);
    }
}
