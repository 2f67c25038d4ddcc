using System.Net;
using System.Text.RegularExpressions;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Core.RiskAssessments;
using Compliance.Core.Training;
using Compliance.Web.Tests.Cases;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.EvidencePacks;

/// <summary>
/// An organisation with planted evidence and planted gaps, for the evidence pack: a site whose only assessment was
/// approved 18 months ago (so it lapsed six months ago), a site never assessed, a course that half its people took 14
/// months ago (stale), and reports whose words, reporter's name and handler's note are canaries that no pack may hold.
/// </summary>
public sealed partial class PackApp : CaseApp
{
    public const string ReportCanary = "Quetzalmarmalade";
    public const string ReporterName = "Ottoline Canarywhistle";
    public const string NoteCanary = "Periwinkleburrito";
    public const string SecondSite = "Harbour Road";
    public const string CourseTitle = "Preventing harassment at work";

    /// <summary>Stands still at the real time, except while evidence is planted in the past.</summary>
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public DateOnly Today => Core.UkCalendar.Today(Clock);
    public DateOnly AssessedOn { get; private set; }
    public string AssessmentHash { get; private set; } = "";
    public DateOnly StaleCompletion { get; private set; }
    public AppClient DirectorClient { get; private set; } = null!;

    /// <summary>Vouches for the audit checkpoints' times, as an authority outside the installation would.</summary>
    public Compliance.Testing.OpensslTimeStampAuthority Authority { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Compliance:Audit:TimeStampAuthority", Authority.Url);
        builder.UseSetting("Compliance:Audit:TimeStampAuthorityCertificate", Authority.AuthorityCertificateFile);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Authority.Dispose();
    }

    /// <summary>Does something as if on another day, then comes back.</summary>
    private async Task OnAsync(DateTimeOffset when, Func<Task> act)
    {
        var now = Clock.GetUtcNow();
        Clock.Set(when);
        await act();
        Clock.Set(now);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (site, siteErrors) = await WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, SecondSite, Nation.England, null)));
        siteErrors.Should().BeEmpty();
        await AssessAsync(site!.Value);
        for (var i = 1; i <= 6; i++)
        {
            var (_, errors) = await WithServiceAsync<SaveEmployee, (Guid?, List<FieldError>)>(s => s.HandleAsync(null,
                new EmployeeFields { EmployeeNumber = $"E-{i}", FirstName = "Sam", LastName = $"Staffer{i}", Site = i % 2 == 0 ? SecondSite : SiteName, WorkEmail = $"e{i}@example.test" }));
            errors.Should().BeEmpty();
        }
        await TrainAsync();
        await PlantReportsAsync();
        var director = await CreateAccountAsync("pack-director@example.test", [Core.Accounts.Roles.Director], twoFactor: false, "Della Director");
        DirectorClient = await SignedInAsync(director);
    }

    /// <summary>An approved assessment of the second site, its approval moved back 18 months as if made then.</summary>
    private async Task AssessAsync(Guid siteId)
    {
        var (id, errors) = await WithServiceAsync<RiskAssessmentWork, (Guid?, List<FieldError>)>(w => w.StartAsync(new StartAssessmentInput("Harbour Road assessment", AssessmentScope.Site, siteId, null, null)));
        errors.Should().BeEmpty();
        (await WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.RateAsync(id!.Value, new RatingInput("CUSTOMER", true, "Reception", 3, 3, "Screens")))).Should().BeEmpty();
        (await WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.MarkRestNotRelevantAsync(id!.Value, "Not relevant at this site."))).Should().BeEmpty();
        AssessedOn = Today.AddMonths(-18);
        await OnAsync(new DateTimeOffset(AssessedOn.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero), async () =>
            (await WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.ApproveAsync(id!.Value, Admin.Id, "Dana Director"))).Should().BeEmpty());
        await using var db = NewDbContext();
        AssessmentHash = await db.AssessmentRevisions.Where(r => r.AssessmentId == id).Select(r => r.ApprovedContentHash!).SingleAsync();
    }

    /// <summary>A course for everyone: three people trained 14 months ago (stale now), two last month, one never.</summary>
    private async Task TrainAsync()
    {
        // Set up three years ago, so that its figures reach over the whole period.
        await OnAsync(Clock.GetUtcNow().AddYears(-3), async () =>
        {
            var hr = await SignedInAsync(HrManager);
            var response = await hr.SubmitFormAsync("/training/courses/new",
            [
                new("Code", "PH"), new("CourseTitle", CourseTitle), new("Audience", "Everyone"), new("RefreshMonths", "12"), new("JoinerDays", "30"),
                new("ActivityId", ""), new("EffectiveFrom", "1/1/2020"), new("Summary", "What harassment is, and what to do."), new("Topics", "Recognising"), new("Topics", "Bystander"),
            ]);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, Html.Text(await response.Content.ReadAsStringAsync()));
        });
        StaleCompletion = Today.AddMonths(-14);
        var recent = Today.AddMonths(-1);
        var rows = new[] { (1, StaleCompletion), (2, StaleCompletion), (3, StaleCompletion), (4, recent), (5, recent) }
            .Select((r, i) => new CompletionInput(i + 1, i + 2, $"E-{r.Item1}", null, "PH", r.Item2.ToString("dd/MM/yyyy"), null, null)).ToArray();
        var result = await WithServiceAsync<RecordCompletions, CompletionResult>(r => r.RecordAsync(rows, CompletionSource.Recorded, null, "Test"));
        result.Analysis.Errors.Should().BeEmpty();
        result.Recorded.Should().BeTrue();
    }

    /// <summary>A confidential report and an anonymous one, with canaries in their words, the reporter's name and a handler's note.</summary>
    private async Task PlantReportsAsync()
    {
        var confidential = ReportFields($"Words of the report: {ReportCanary} at the bar.");
        confidential["Input.Mode"] = "Confidential";
        confidential["Input.Name"] = ReporterName;
        confidential["Input.Contact"] = "ottoline@example.test";
        var (reference, _, _) = await ReportAsync(confidential);
        // The other came in the last quarter to have ended: figures about reports cover whole quarters that have ended.
        var quarterStart = new DateOnly(Today.Year, ((Today.Month - 1) / 3 * 3) + 1, 1);
        await OnAsync(new DateTimeOffset(quarterStart.AddDays(-20).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), () => ReportAsync(ReportFields($"Another {ReportCanary} report.")));
        var hattie = await SignedInAsync(Hattie);
        var id = await CaseIdAsync(reference);
        await TakeAsync(hattie, id);
        (await ActAsync(hattie, id, "Record", ("Record.Kind", "Meeting"), ("Record.HeldOn", Today.ToString("dd/MM/yyyy")), ("Record.Text", $"Handler's note: {NoteCanary}")))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    /// <summary>Asks for a pack on the packs page as this person; returns the new pack's id.</summary>
    public static async Task<Guid> AskAsync(AppClient client, params (string, string)[] fields)
    {
        var response = await client.SubmitFormAsync("/packs", fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, Html.Text(await response.Content.ReadAsStringAsync()));
        return Guid.Parse(PackId().Match(response.Headers.Location!.OriginalString).Groups[1].Value);
    }

    [GeneratedRegex("^/packs/([0-9a-f-]{36})$")]
    private static partial Regex PackId();
}
