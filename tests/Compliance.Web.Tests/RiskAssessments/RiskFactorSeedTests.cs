using Compliance.Core.RiskAssessments;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.RiskAssessments;

public sealed class RiskFactorSeedTests(ComplianceAppFactory app) : IClassFixture<ComplianceAppFactory>
{
    [Fact]
    public async Task The_migrations_seed_the_whole_factor_library_into_the_database()
    {
        await using var db = app.NewDbContext();
        var stored = await db.RiskFactors.AsNoTracking().OrderBy(f => f.SortOrder).ToListAsync();
        stored.Select(f => (f.Code, f.Title, f.Explanation, f.SuggestedControls, f.Source, f.Signal))
            .Should().Equal(RiskFactorLibrary.BuiltIn.Select(f => (f.Code, f.Title, f.Explanation, f.SuggestedControls, f.Source, f.Signal)));
    }
}
