using System.Net;
using Compliance.Core.Accounts;
using Compliance.Core.Scoring;
using Compliance.Web.Tests.Infrastructure;
using Compliance.Web.Tests.Training;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Scoring;

public sealed class SignOffTests(TrainingApp app) : IClassFixture<TrainingApp>
{
    [Fact]
    public async Task A_director_signs_off_with_a_fresh_code_the_scores_are_frozen_and_audited_and_step_8_is_met_without_the_code_nothing_is_kept()
    {
        var account = await app.CreateAccountAsync("signer@example.test", [Roles.Director], true, "Sam Signer");
        var director = await app.SignedInAsync(account);
        var today = app.Today.ToString("dd/MM/yyyy");
        List<KeyValuePair<string, string>> Form(string code, string meeting = "Board") =>
            [new("ReviewedOn", today), new("Meeting", meeting), new("Attendees", "Chair, CEO, HR director"), new("Decisions", "Assess the Hilltop by March.\nChase policy reading."), new("Code", code)];

        var noCode = await director.SubmitFormAsync("/position/sign-off", Form(""));
        noCode.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await noCode.Content.ReadAsStringAsync()).Should().Contain("Enter the 6-digit code your authenticator app shows now.");
        var wrong = await director.SubmitFormAsync("/position/sign-off", Form("000000"));
        Html.Text(await wrong.Content.ReadAsStringAsync()).Should().Contain("That code is not right.");
        var noMeeting = await director.SubmitFormAsync("/position/sign-off", Form(Totp.Code(account.AuthenticatorKey!), meeting: " "));
        Html.Text(await noMeeting.Content.ReadAsStringAsync()).Should().Contain("Enter the meeting, such as");
        // An HR manager may read the position but not sign it off; a director without an authenticator cannot sign.
        (await app.HrManager.SubmitFormAsync("/position", Form("123456"), "/position/sign-off")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var plain = await app.SignedInAsync(await app.CreateAccountAsync("plain-director@example.test", [Roles.Director], false, "Pat Plain"));
        Html.Text(await (await plain.SubmitFormAsync("/position/sign-off", Form("123456"))).Content.ReadAsStringAsync()).Should().Contain("Signing off needs two-factor sign-in.");
        await using (var db = app.NewDbContext()) (await db.BoardSignOffs.CountAsync()).Should().Be(0);

        var signed = await director.SubmitFormAsync("/position/sign-off", Form(Totp.Code(account.AuthenticatorKey!)));
        signed.StatusCode.Should().Be(HttpStatusCode.Redirect, Html.Text(await signed.Content.ReadAsStringAsync()));
        signed.Headers.Location!.OriginalString.Should().Be("/position#sign-offs");

        await using (var db = app.NewDbContext())
        {
            var signOff = await db.BoardSignOffs.AsNoTracking().SingleAsync();
            signOff.Should().Match<BoardSignOff>(s => s.Meeting == "Board" && s.SignedById == account.Id && s.SignedByName == "Sam Signer" && s.ReviewedOn == app.Today);
            // The meeting day's scores with this review among the records (step 8 counts it), as the pack works them out again.
            var meetingDay = await app.WithServiceAsync<StepEvidence, List<StepScore>>(e => e.ScoresOnAsync(app.Today));
            signOff.Seen().Should().Equal(meetingDay.Select(b => new BoardSignOff.SeenScore(b.Step, b.Score, b.Status)));
            signOff.Seen().Single(s => s.Step == ReasonableStep.Monitoring).Score.Should().Be(100, "the review counts on its own day");
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "position.signed-off");
            audit.Summary.Should().StartWith($"Position reviewed by Board on {Core.UkDates.Long(app.Today)} and signed off by Sam Signer: step 1 0, step 2 0, step 3 ");
            // The sign-off's entry is anchored outside the database at once.
            Auditing.Checkpoints.Written(app.Services).Should().Contain(c => c.Reason == "board sign-off" && c.Sequence >= audit.Sequence);
        }
        var after = await app.WithServiceAsync<StepEvidence, List<StepScore>>(e => e.ScoresOnAsync(app.Today));
        after.Single(s => s.Step == ReasonableStep.Monitoring).Should().Match<StepScore>(s => s.Score == 100 && s.Status == StepStatus.Met);
        var page = Html.Text(await director.GetPageAsync("/position"));
        page.Should().Contain("The review is signed off.").And.Contain("Step 8: Monitoring, 100 out of 100 (met)").And.Contain("Board, " + Core.UkDates.Long(app.Today));
        // A year and three months on, the review has aged: step 8 falls by 20 points for each month past its anniversary.
        var aged = await app.WithServiceAsync<StepEvidence, List<StepScore>>(e => e.ScoresOnAsync(app.Today.AddMonths(15)));
        aged.Single(s => s.Step == ReasonableStep.Monitoring).Score.Should().Be(40);
    }
}
