using System.Net;
using Compliance.Core.Scoring;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Scoring;

public sealed class ScoringSettingsTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    [Fact]
    public async Task An_administrator_changes_a_threshold_from_a_date_which_is_audited_leaves_earlier_days_as_they_were_and_refuses_bad_values()
    {
        var admin = await app.SignedInAdministratorAsync();
        var today = Core.UkCalendar.Today(TimeProvider.System);
        var todayText = today.ToString("dd/MM/yyyy");
        List<KeyValuePair<string, string>> Form(string key, string value, string from, string reason) =>
            [new("Key", key), new("Value", value), new("EffectiveFrom", from), new("Reason", reason)];
        foreach (var (fields, message) in new[]
        {
            (Form("Nonsense", "90", todayText, "Stricter"), "Choose a setting to change."),
            (Form("MetFrom", "ninety", todayText, "Stricter"), "Enter a whole number."),
            (Form("MetFrom", "101", todayText, "Stricter"), "Enter a number from 1 to 100."),
            (Form("MetFrom", "40", todayText, "Lower"), "\"At risk from\" (50) must be below \"met from\" (40)."),
            (Form("MetFrom", "90", today.AddDays(-1).ToString("dd/MM/yyyy"), "Stricter"), "A change cannot start in the past"),
            (Form("MetFrom", "90", "30/02/2027", "Stricter"), "\"30/02/2027\" is not a date."),
            (Form("MetFrom", "90", todayText, " "), "Say why the threshold changes."),
        })
        {
            var refused = await admin.SubmitFormAsync("/admin/scoring", fields);
            refused.StatusCode.Should().Be(HttpStatusCode.OK);
            Html.Text(await refused.Content.ReadAsStringAsync()).Should().Contain(message);
        }
        await using (var db = app.NewDbContext()) (await db.ScoringSettings.CountAsync()).Should().Be(0);

        var changed = await admin.SubmitFormAsync("/admin/scoring", Form("MetFrom", "90", todayText, "The board asked for a higher bar."));
        changed.StatusCode.Should().Be(HttpStatusCode.Redirect, Html.Text(await changed.Content.ReadAsStringAsync()));
        await using (var db = app.NewDbContext())
        {
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "scoring.setting.changed");
            audit.Summary.Should().StartWith($"A step is met from this score changed from 80 to 90 from {Core.UkDates.Long(today)}").And.EndWith("The board asked for a higher bar.");
        }
        (await app.WithServiceAsync<ScoringSettings, ScoringOptions>(s => s.OnAsync(today))).MetFrom.Should().Be(90);
        (await app.WithServiceAsync<ScoringSettings, ScoringOptions>(s => s.OnAsync(today.AddDays(-1)))).MetFrom.Should().Be(80);
        // Step 4 scores 50 here (no policy is in force): at risk under the defaults; not met once "at risk" starts at 60,
        // from today only.
        (await admin.SubmitFormAsync("/admin/scoring", Form("AtRiskFrom", "60", todayText, "Fifty is too forgiving."))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var now = (await app.WithServiceAsync<StepEvidence, List<StepScore>>(e => e.ScoresOnAsync(today))).Single(s => s.Step == ReasonableStep.Reporting);
        var then = (await app.WithServiceAsync<StepEvidence, List<StepScore>>(e => e.ScoresOnAsync(today.AddDays(-1)))).Single(s => s.Step == ReasonableStep.Reporting);
        (now.Score, now.Status).Should().Be((50, StepStatus.NotMet));
        (then.Score, then.Status).Should().Be((50, StepStatus.AtRisk));
        Html.Text(await admin.GetPageAsync("/admin/scoring")).Should().Contain("The board asked for a higher bar.");

        // A change is checked against those already set for later dates: "at risk from 85" in ten days stands, so
        // "met from 80" from today would put the two the wrong way round then.
        var inTen = today.AddDays(10);
        (await admin.SubmitFormAsync("/admin/scoring", Form("AtRiskFrom", "85", inTen.ToString("dd/MM/yyyy"), "Planned rise."))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var crossed = await admin.SubmitFormAsync("/admin/scoring", Form("MetFrom", "80", todayText, "Back to the default."));
        Html.Text(await crossed.Content.ReadAsStringAsync()).Should().Contain($"\"At risk from\" (85) must be below \"met from\" (80) from {Core.UkDates.Long(inTen)}");
        await using (var db = app.NewDbContext()) (await db.ScoringSettings.CountAsync()).Should().Be(3);
    }
}
