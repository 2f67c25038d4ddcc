using Compliance.Core.Cases;

namespace Compliance.Core.Tests.Cases;

/// <summary>Cases for the state guards' tests: a new anonymous report received on a known day, and one taken as far as triage.</summary>
internal static class ReportCases
{
    public static readonly DateOnly Received = new(2026, 11, 20); // a Friday

    public static ReportCase New(ReportingMode mode = ReportingMode.Anonymous) => new("R-AAAA-BBBB", new byte[32], [1], mode, ReporterRole.PersonAffected,
        IncidentPlace.Online, null, InvolvedParties.Colleague, Answer.Yes, false, Received, CaseFlags.None);

    public static ReportCase Triaged()
    {
        var c = New();
        c.Acknowledge(Received);
        c.Triage(Received, Urgency.Routine, VictimisationRisk.Low, CaseFlags.None);
        return c;
    }
}
