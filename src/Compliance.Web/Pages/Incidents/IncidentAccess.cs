using System.Security.Claims;
using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.ThirdParty;
using Compliance.Web.Infrastructure;

namespace Compliance.Web.Pages.Incidents;

/// <summary>HR managers and directors see every incident; a line manager sees only those at the sites given to them.</summary>
public static class IncidentAccess
{
    public static bool SeesAllSites(ClaimsPrincipal user) => user.IsInRole(Roles.HRManager) || user.IsInRole(Roles.Director);

    public static IQueryable<ThirdPartyIncident> VisibleIncidents(this ComplianceDbContext db, ClaimsPrincipal user)
    {
        if (SeesAllSites(user)) return db.ThirdPartyIncidents;
        var sites = db.SitesOf(CurrentUser.Id(user));
        return db.ThirdPartyIncidents.Where(i => sites.Contains(i.SiteId));
    }

    public static IQueryable<Core.Organisation.Site> VisibleSites(this ComplianceDbContext db, ClaimsPrincipal user) => SitesFor(db, user, SeesAllSites(user));

    /// <summary>Only an HR manager logs at any site; anyone else (a director who is also a line manager, say) only at their own.</summary>
    public static bool LogsAtAnySite(ClaimsPrincipal user) => user.IsInRole(Roles.HRManager);

    public static IQueryable<Core.Organisation.Site> LoggableSites(this ComplianceDbContext db, ClaimsPrincipal user) => SitesFor(db, user, LogsAtAnySite(user));

    private static IQueryable<Core.Organisation.Site> SitesFor(ComplianceDbContext db, ClaimsPrincipal user, bool allSites)
    {
        if (allSites) return db.Sites;
        var sites = db.SitesOf(CurrentUser.Id(user));
        return db.Sites.Where(s => sites.Contains(s.Id));
    }
}
