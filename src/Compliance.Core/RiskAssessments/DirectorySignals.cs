using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.RiskAssessments;

/// <summary>
/// What the directory says about a site on a day: how many of the people working there (started by then, not left)
/// are lone workers, night workers, customer-facing, agency or contractors. One count, for the factors suggested when
/// assessing a site and for the evidence pack's note where an assessment's answer contradicts the directory.
/// </summary>
public static class DirectorySignals
{
    /// <summary>The counts by signal, or null when nobody worked at the site that day.</summary>
    public static async Task<Dictionary<DirectorySignal, int>?> OnAsync(ComplianceDbContext db, Guid siteId, DateOnly day, CancellationToken ct)
    {
        var counts = await db.Employees.AsNoTracking()
            .Where(e => e.SiteId == siteId && (e.StartDate == null || e.StartDate <= day) && (e.LeavingDate == null || e.LeavingDate > day))
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Lone = g.Count(e => e.IsLoneWorker),
                Night = g.Count(e => e.IsNightWorker),
                Customer = g.Count(e => e.IsCustomerFacing),
                Agency = g.Count(e => e.IsAgencyOrContractor),
            })
            .SingleOrDefaultAsync(ct);
        if (counts is null) return null;
        return new Dictionary<DirectorySignal, int>
        {
            [DirectorySignal.LoneWorking] = counts.Lone,
            [DirectorySignal.NightWorking] = counts.Night,
            [DirectorySignal.CustomerFacing] = counts.Customer,
            [DirectorySignal.AgencyOrContractor] = counts.Agency,
        };
    }

    /// <summary>The people a signal counts, in words: "5 night workers".</summary>
    public static string People(DirectorySignal signal, int count) => signal switch
    {
        DirectorySignal.LoneWorking => $"{count:N0} lone worker{(count == 1 ? "" : "s")}",
        DirectorySignal.NightWorking => $"{count:N0} night worker{(count == 1 ? "" : "s")}",
        DirectorySignal.CustomerFacing => $"{count:N0} {(count == 1 ? "person" : "people")} in customer-facing roles",
        DirectorySignal.AgencyOrContractor => $"{count:N0} agency worker{(count == 1 ? "" : "s")} or contractor{(count == 1 ? "" : "s")}",
        _ => $"{count:N0}",
    };
}
