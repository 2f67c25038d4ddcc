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
        Assert.Equal(HttpStatusCode.OK, (await app.Director.GetAsync($"/risk/assessments/{id}/revisions/1?handler=Pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.LineManager.GetAsync($"/risk/assessments/{id}/revisions/1?handler=Pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.HrManager.GetAsync($"/risk/assessments/{id}/revisions/9?handler=Pdf")).StatusCode);
        var response = await app.HrManager.GetAsync($"/risk/assessments/{id}/revisions/1?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);

        var folder = Directory.CreateTempSubdirectory("revision-pdf").FullName;
        try
        {
            var file = Path.Combine(folder, "revision.pdf");
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());

            var check = await Tool.RunAsync("qpdf", "--check", file);
            Assert.True(check.ExitCode == 0, check.Output + check.Errors);
            Assert.DoesNotContain("WARNING", check.Output + check.Errors, StringComparison.OrdinalIgnoreCase);

            // The words as a reader sees them, lines joined (a long title wraps).
            var text = System.Text.RegularExpressions.Regex.Replace((await Tool.RunAsync("pdftotext", file, "-")).Output, @"\s+", " ");
            Assert.Contains("Sexual harassment risk assessment: Pdf Pier <assessment> & bar", text);
            Assert.Contains(hash, text);
            Assert.Contains("Customer-facing work", text);
            Assert.Contains("9 (Medium): likelihood 3, severity 3", text);
            Assert.Contains("Factors judged not relevant here", text);
            Assert.Contains("Not relevant at this site.", text);
            Assert.Contains("Page 1 of", text);

            // Every font is embedded.
            var fonts = (await Tool.RunAsync("pdffonts", file)).Output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
            Assert.NotEmpty(fonts);
            Assert.All(fonts, l => Assert.Contains("DejaVu", l));
            Assert.All(fonts, l => Assert.Matches(@"\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", l));

            // The attached content is the approved content: its SHA-256 is the recorded one.
            var saved = await Tool.RunAsync("pdfdetach", "-saveall", "-o", folder, file);
            Assert.True(saved.ExitCode == 0, saved.Errors);
            var attached = Path.Combine(folder, ApprovedRevision.FileName(id, 1, "json"));
            Assert.Equal(hash, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(attached))));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
