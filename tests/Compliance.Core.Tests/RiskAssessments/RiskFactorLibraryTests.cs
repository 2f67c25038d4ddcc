using Compliance.Core.RiskAssessments;

namespace Compliance.Core.Tests.RiskAssessments;

public sealed class RiskFactorLibraryTests
{
    [Fact]
    public void The_library_holds_every_factor_the_regulator_and_Acas_name_with_stable_unique_codes()
    {
        var library = RiskFactorLibrary.BuiltIn;
        Assert.Equal(library.Count, library.Select(f => f.Code).Distinct().Count());
        Assert.Equal(11, library.Count(f => f.Source == RiskFactorLibrary.Ehrc));
        Assert.Equal(4, library.Count(f => f.Source == RiskFactorLibrary.Acas));
        foreach (var title in new[] { "Power imbalances", "Job insecurity", "Lone working", "Night or out-of-hours work", "Alcohol", "Customer-facing work", "A \"banter\" culture", "Work travel and overnight stays" })
        {
            Assert.Contains(library, f => f.Title == title);
        }
        Assert.All(library, f =>
        {
            Assert.Matches("^[A-Z][A-Z-]{1,39}$", f.Code);
            Assert.True(f.Explanation.Length > 40 && f.SuggestedControls.Length > 40, f.Code);
            Assert.True(f.IsBuiltIn);
        });
        Assert.Equal(library.Count, library.Select(f => f.SortOrder).Distinct().Count());
    }

    [Theory]
    [InlineData(DirectorySignal.LoneWorking, "LONE")]
    [InlineData(DirectorySignal.NightWorking, "NIGHT")]
    [InlineData(DirectorySignal.CustomerFacing, "CUSTOMER")]
    [InlineData(DirectorySignal.AgencyOrContractor, "INSECURE")]
    public void Directory_flags_point_at_the_factor_they_suggest(DirectorySignal signal, string code) =>
        Assert.Equal(code, RiskFactorLibrary.BuiltIn.Single(f => f.Signal == signal).Code);
}
