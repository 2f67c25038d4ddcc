namespace Compliance.Web.Infrastructure;

/// <summary>
/// The authorisation policies that admit more than one role (named apart from the harassment policies of
/// <c>Compliance.Core.Policies</c>). A page that changes something also checks the role in its handler.
/// </summary>
public static class AccessPolicies
{
    public const string RiskReaders = "risk:read";
    public const string IncidentReaders = "incidents:read";
    public const string IncidentLoggers = "incidents:log";
    public const string CaseCountReaders = "cases:counts";
    public const string AuditReaders = "audit:read";
    /// <summary>HR managers and directors: the managed policies, training, the position and the evidence packs.</summary>
    public const string HRAndDirectors = "hr-and-directors";
    /// <summary>The background jobs dashboard: administrators signed in with their second factor.</summary>
    public const string JobsDashboard = "jobs:dashboard";
}
