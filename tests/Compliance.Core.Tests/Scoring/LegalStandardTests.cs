using Compliance.Core.Scoring;

namespace Compliance.Core.Tests.Scoring;

/// <summary>The legal standard on a day, from the provisions as an administrator keeps them.</summary>
public sealed class LegalStandardTests
{
    private static readonly DateOnly Commenced = new(2024, 10, 26);
    private static readonly DateOnly Planned = new(2026, 10, 1);

    private static LegalProvision Provision(string key, DateOnly? from, ProvisionStatus status)
    {
        // Provisions are seeded rows with no public constructor; a test makes one and sets it as an administrator would.
        var provision = (LegalProvision)Activator.CreateInstance(typeof(LegalProvision), nonPublic: true)!;
        typeof(LegalProvision).GetProperty(nameof(LegalProvision.Key))!.SetValue(provision, key);
        provision.Change(from, status, null, "Ada Admin", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        return provision;
    }

    [Fact]
    public void A_provision_is_in_force_from_its_date_only_once_commenced()
    {
        var inForce = Provision(LegalKeys.ReasonableSteps, Commenced, ProvisionStatus.InForce);
        inForce.InForceOn(Commenced.AddDays(-1)).Should().BeFalse();
        inForce.InForceOn(Commenced).Should().BeTrue();
        Provision(LegalKeys.AllReasonableSteps, Planned, ProvisionStatus.Planned).InForceOn(Planned.AddYears(1)).Should().BeFalse();
        Provision(LegalKeys.SpecifiedSteps, null, ProvisionStatus.InForce).InForceOn(Planned).Should().BeFalse();
    }

    [Fact]
    public void A_provision_describes_its_date_and_whether_it_is_confirmed()
    {
        Provision(LegalKeys.ReasonableSteps, Commenced, ProvisionStatus.InForce).Describe().Should().Be("in force from 26 October 2024");
        Provision(LegalKeys.AllReasonableSteps, Planned, ProvisionStatus.Planned).Describe().Should().Be("planned for 1 October 2026, commencement not confirmed");
        Provision(LegalKeys.SpecifiedSteps, null, ProvisionStatus.Planned).Describe().Should().Be("planned, date to be set");
    }

    [Fact]
    public void Before_the_duty_commenced_there_is_no_specific_duty()
    {
        var provisions = new[] { Provision(LegalKeys.ReasonableSteps, Commenced, ProvisionStatus.InForce) };
        var standard = LegalTimeline.StandardOn(provisions, Commenced.AddDays(-1));
        standard.Duty.Should().Be(LegalTimeline.NoDuty);
        standard.ThirdPartyLiability.Should().BeFalse();
        standard.Summary.Should().Be("No specific duty to prevent sexual harassment was in force.");
        standard.InForce.Should().BeEmpty();
        standard.NotYet.Should().Equal(provisions);
    }

    [Fact]
    public void From_its_date_the_duty_is_to_take_reasonable_steps_while_the_wider_duty_is_only_planned()
    {
        var reasonable = Provision(LegalKeys.ReasonableSteps, Commenced, ProvisionStatus.InForce);
        var all = Provision(LegalKeys.AllReasonableSteps, Planned, ProvisionStatus.Planned);
        var standard = LegalTimeline.StandardOn([reasonable, all], Planned.AddDays(10));
        standard.Duty.Should().Be("Reasonable steps");
        standard.ThirdPartyLiability.Should().BeFalse();
        standard.Summary.Should().Be("The duty to take reasonable steps to prevent sexual harassment.");
        standard.InForce.Should().Equal(reasonable);
        standard.NotYet.Should().Equal(all);
    }

    [Fact]
    public void Once_commenced_the_duty_is_to_take_all_reasonable_steps_with_liability_for_third_parties()
    {
        var reasonable = Provision(LegalKeys.ReasonableSteps, Commenced, ProvisionStatus.InForce);
        var all = Provision(LegalKeys.AllReasonableSteps, Planned, ProvisionStatus.InForce);
        LegalTimeline.StandardOn([reasonable, all], Planned.AddDays(-1)).Duty.Should().Be("Reasonable steps");
        var standard = LegalTimeline.StandardOn([reasonable, all], Planned);
        standard.Duty.Should().Be("All reasonable steps");
        standard.ThirdPartyLiability.Should().BeTrue();
        standard.Summary.Should().Be("The duty to take all reasonable steps to prevent sexual harassment, with liability for harassment by third parties.");
        standard.InForce.Should().Equal(reasonable, all);
        standard.NotYet.Should().BeEmpty();
    }
}
