using System.ComponentModel.DataAnnotations;

namespace Compliance.Core.Organisation;

public enum Nation
{
    England = 1,
    Wales = 2,
    Scotland = 3,
    [Display(Name = "Northern Ireland")]
    NorthernIreland = 4,
}

public static class NationExtensions
{
    /// <summary>The Worker Protection Act 2023 does not extend to Northern Ireland (DOMAIN.md §1).</summary>
    public static bool IsCoveredByDuty(this Nation nation) => nation != Nation.NorthernIreland;

    public static string DisplayName(this Nation nation) => nation == Nation.NorthernIreland ? "Northern Ireland" : nation.ToString();
}
