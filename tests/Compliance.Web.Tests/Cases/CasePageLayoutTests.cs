using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Web.Tests.Cases;

public sealed class CasePageLayoutTests(CaseApp app) : IClassFixture<CaseApp>
{
    [Fact]
    public async Task The_reporters_words_and_the_conversation_come_before_the_forms_which_sit_in_their_own_column()
    {
        var (reference, _, _) = await app.ReportAsync(app.ReportFields("Layout-canary: the words the handler must read first."));
        var id = await app.CaseIdAsync(reference);
        var hattie = await app.SignedInAsync(app.Hattie);
        await CaseApp.TakeAsync(hattie, id);
        var html = await hattie.GetPageAsync(CaseApp.CaseUrl(id));

        var words = html.IndexOf("Layout-canary", StringComparison.Ordinal);
        var actions = html.IndexOf("<aside class=\"case-actions\"", StringComparison.Ordinal);
        (words > 0 && actions > 0).Should().BeTrue("The page should hold the report and the actions column.");
        (words < actions).Should().BeTrue("The report's words should come before the forms.");
        (html.IndexOf("id=\"conversation\"", StringComparison.Ordinal) < actions).Should().BeTrue();
        // Every form is in the actions column, each behind a heading that opens and closes it; the next step and
        // the message to the reporter start open.
        var main = html[..actions];
        main[main.IndexOf("<main", StringComparison.Ordinal)..].Should().NotContain("<form method=\"post\"");
        html.Should().Contain("<details class=\"panel\" open>\n<summary><h2>Next step</h2></summary>");
        html.Should().Contain("<details class=\"panel\" open>\n<summary><h2>Message the reporter</h2></summary>");
        html.Should().MatchRegex("<details class=\"panel\">\\s*<summary><h2>Add to the record</h2></summary>");
    }
}
