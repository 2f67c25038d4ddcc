namespace Compliance.Web.Infrastructure;

/// <summary>Policies that admit more than one role. A page that changes something also checks the role in its handler.</summary>
public static class Policies
{
    public const string RiskReaders = "risk:read";
    public const string IncidentReaders = "incidents:read";
    public const string IncidentLoggers = "incidents:log";
    public const string CaseCountReaders = "cases:counts";
    public const string AuditReaders = "audit:read";
    public const string PolicyReaders = "policies:read";
    /// <summary>The background jobs dashboard: administrators signed in with their second factor.</summary>
    public const string JobsDashboard = "jobs:dashboard";
}
