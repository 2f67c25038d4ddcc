using System.Net;
using System.Security.Cryptography;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.RiskAssessments;

public sealed class RevisionPdfTests(RiskApp app) : IClassFixture<RiskApp>
{
    [Fact]
    public async Task An_approved_revision_downloads_as_a_checkable_PDF_with_every_factor_and_its_content_attached()
    {
        var site = await app.SiteAsync("Pdf Pier");
        var id = await app.ApprovedAssessmentAsync("Pdf Pier <assessment> & bar", site);
        string hash;
        await using (var db = app.NewDbContext())
        {
            hash = (await db.AssessmentRevisions.AsNoTracking().SingleAsync(r => r.AssessmentId == id)).ApprovedContentHash!;
        }

        // HR managers and directors both read it.
        (await app.Director.GetAsync($"/risk/assessments/{id}/revisions/1?handler=Pdf")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.LineManager.GetAsync($"/risk/assessments/{id}/revisions/1?handler=Pdf")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.HrManager.GetAsync($"/risk/assessments/{id}/revisions/9?handler=Pdf")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var response = await app.HrManager.GetAsync($"/risk/assessments/{id}/revisions/1?handler=Pdf");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (response.Content.Headers.ContentType?.MediaType).Should().Be("application/pdf");

        var folder = Directory.CreateTempSubdirectory("revision-pdf").FullName;
        try
        {
            var file = Path.Combine(folder, "revision.pdf");
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());

            var check = await Tool.RunAsync("qpdf", "--check", file);
            (check.ExitCode == 0).Should().BeTrue(check.Output + check.Errors);
            (check.Output + check.Errors).Should().NotContainEquivalentOf("WARNING");

            // The words as a reader sees them, lines joined (a long title wraps).
            var text = System.Text.RegularExpressions.Regex.Replace((await Tool.RunAsync("pdftotext", file, "-")).Output, @"\s+", " ");
            text.Should().Contain("Sexual harassment risk assessment: Pdf Pier <assessment> & bar");
            text.Should().Contain(hash);
            text.Should().Contain("Customer-facing work");
            text.Should().Contain("9 (Medium): likelihood 3, severity 3");
            text.Should().Contain("Factors judged not relevant here");
            text.Should().Contain("Not relevant at this site.");
            text.Should().Contain("Page 1 of");

            // Every font is embedded.
            var fonts = (await Tool.RunAsync("pdffonts", file)).Output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
            fonts.Should().NotBeEmpty();
            fonts.Should().AllSatisfy(l => l.Should().Contain("DejaVu"));
            fonts.Should().AllSatisfy(l => l.Should().MatchRegex(@"\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$"));

            // The attached content is the approved content: its SHA-256 is the recorded one.
            var saved = await Tool.RunAsync("pdfdetach", "-saveall", "-o", folder, file);
            (saved.ExitCode == 0).Should().BeTrue(saved.Errors);
            var attached = Path.Combine(folder, ApprovedRevision.FileName(id, 1, "json"));
            Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(attached))).Should().Be(hash);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
