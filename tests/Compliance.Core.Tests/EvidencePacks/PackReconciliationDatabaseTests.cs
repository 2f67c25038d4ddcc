using Compliance.Core.EvidencePacks;
using Compliance.Core.Policies;
using Compliance.Core.Scoring;
using Compliance.Core.Tests.Scoring.Database;
using Compliance.Core.ThirdParty;
using Compliance.Core.Training;

namespace Compliance.Core.Tests.EvidencePacks;

/// <summary>
/// Generated histories on a real SQLite file (courses set up after their completions, completions with and without a
/// content version, a policy re-published, incidents logged late, leavers and joiners, a sign-off weeks after its
/// meeting): the pack's summary and chapters give the figures step by step exactly as the scores are worked out for
/// each day, its records ZIP adds up to its chapters, and the trend equals each month end worked out again.
/// </summary>
public sealed class PackReconciliationDatabaseTests : IDisposable
{
    private readonly EvidenceDatabase _db = new();

    public void Dispose() => _db.Dispose();

    /// <summary>The history, its trend kept, and then records typed in late about months ago (which the kept trend must not outlive).</summary>
    private async Task GenerateAsync(int seed)
    {
        var rows = GeneratedHistory.Rows(seed, _db.Today, _db.NowUtc);
        await _db.AddAsync([.. rows]);
        (await new PositionTrend(_db.NewContext(), _db.Evidence(), _db.Clock).ToTodayAsync(await _db.Evidence().ScoresOnAsync(_db.Today))).Should().HaveCount(13);
        await _db.AddAsync([.. GeneratedHistory.LateRows(rows, _db.Today, _db.NowUtc)]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task The_pack_the_scores_of_each_day_the_records_zip_and_the_trend_agree_over_a_generated_history(int seed)
    {
        await GenerateAsync(seed);
        var request = new EvidencePack(Guid.NewGuid(), new DateOnly(2025, 11, 17), new DateOnly(2026, 11, 16), named: false, null, "Dina Director", _db.NowUtc);
        var pack = await _db.PackBuilder().BuildAsync(request, _db.NowUtc, (_, _) => Task.CompletedTask, default);
        var kept = await new PositionTrend(_db.NewContext(), _db.Evidence(), _db.Clock).ToTodayAsync(await _db.Evidence().ScoresOnAsync(_db.Today));
        await PackReconciliation.AgreesAsync(request, pack, _db.Evidence(), kept);
    }
}
