using Compliance.Core.RiskAssessments;

namespace Compliance.Core.Tests.RiskAssessments;

public sealed class RiskFactorLibraryTests
{
    [Fact]
    public void The_library_holds_every_factor_the_regulator_and_Acas_name_with_stable_unique_codes()
    {
        var library = RiskFactorLibrary.BuiltIn;
        library.Select(f => f.Code).Distinct().Count().Should().Be(library.Count);
        library.Count(f => f.Source == RiskFactorLibrary.Ehrc).Should().Be(11);
        library.Count(f => f.Source == RiskFactorLibrary.Acas).Should().Be(4);
        foreach (var title in new[] { "Power imbalances", "Job insecurity", "Lone working", "Night or out-of-hours work", "Alcohol", "Customer-facing work", "A \"banter\" culture", "Work travel and overnight stays" })
        {
            library.Should().Contain(f => f.Title == title);
        }
        library.Should().AllSatisfy(f =>
        {
            f.Code.Should().MatchRegex("^[A-Z][A-Z-]{1,39}$");
            (f.Explanation.Length > 40 && f.SuggestedControls.Length > 40).Should().BeTrue(f.Code);
            f.IsBuiltIn.Should().BeTrue();
        });
        library.Select(f => f.SortOrder).Distinct().Count().Should().Be(library.Count);
    }

    [Theory]
    [InlineData(DirectorySignal.LoneWorking, "LONE")]
    [InlineData(DirectorySignal.NightWorking, "NIGHT")]
    [InlineData(DirectorySignal.CustomerFacing, "CUSTOMER")]
    [InlineData(DirectorySignal.AgencyOrContractor, "INSECURE")]
    public void Directory_flags_point_at_the_factor_they_suggest(DirectorySignal signal, string code) =>
        RiskFactorLibrary.BuiltIn.Single(f => f.Signal == signal).Code.Should().Be(code);
}
