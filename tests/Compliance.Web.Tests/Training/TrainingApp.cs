using System.Net;
using System.Text.RegularExpressions;
using Compliance.Core.Accounts;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Core.Training;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.Training;

/// <summary>
/// Two sites and four people (P-4 without an email, P-3 a joiner starting today), an HR manager, a director, a line
/// manager for the Harbour Hotel, and a clock the tests move.
/// </summary>
public sealed partial class TrainingApp : SetUpAppFactory
{
    public ManualClock Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(9), TimeSpan.Zero));
    public Guid HomeSite { get; private set; }
    public Guid OtherSite { get; private set; }
    public AppClient HrManager { get; private set; } = null!;
    public AppClient Director { get; private set; } = null!;
    public TestAccount LineManager { get; private set; } = null!;
    /// <summary>A Moodle course completion report with two activities, UK dates and a row not completed (tests/TestData).</summary>
    public static string MoodleReport => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "moodle-completion-report.csv"));

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        HomeSite = await SiteAsync("Harbour Hotel");
        OtherSite = await SiteAsync("Hilltop Hotel");
        foreach (var (number, site, email, start, manager) in new[]
        {
            ("P-1", "Harbour Hotel", "p1@example.test", "", "yes"), ("P-2", "Harbour Hotel", "P2@Example.test", "", ""),
            ("P-3", "Hilltop Hotel", "p3@example.test", DateTime.UtcNow.Date.ToString("yyyy-MM-dd"), ""), ("P-4", "Hilltop Hotel", "", "", ""),
        })
        {
            var (_, errors) = await WithServiceAsync<SaveEmployee, (Guid?, List<FieldError>)>(s => s.HandleAsync(null,
                new EmployeeFields { EmployeeNumber = number, FirstName = "Pat", LastName = number, Site = site, WorkEmail = email, StartDate = start, Manager = manager }));
            errors.Should().BeEmpty();
        }
        HrManager = await SignedInAsync(await CreateAccountAsync("hr@example.test", [Roles.HRManager], false, "Hana Human"));
        Director = await SignedInAsync(await CreateAccountAsync("director@example.test", [Roles.Director], true, "Dana Director"));
        LineManager = await CreateAccountAsync("manager@example.test", [Roles.Manager], false, "Mo Manager");
        (await WithServiceAsync<StaffAccounts, string?>(s => s.SetManagerScopeAsync(LineManager.Id, [HomeSite], []))).Should().BeNull();
    }

    private async Task<Guid> SiteAsync(string name)
    {
        var (id, errors) = await WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, name, Nation.England, null)));
        errors.Should().BeEmpty();
        return id!.Value;
    }

    /// <summary>Adds a course through its page and returns its id.</summary>
    public async Task<Guid> CourseAsync(string code, string audience = "Everyone", string refresh = "12", bool pass = false, string activity = "", string from = "1/1/2025", params (string, string)[] more)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Code", code), new("CourseTitle", $"Course {code}"), new("Audience", audience), new("RefreshMonths", refresh), new("JoinerDays", "30"),
            new("ActivityId", activity), new("EffectiveFrom", from), new("Summary", "What harassment is, and what to do."), new("Topics", "Recognising"), new("Topics", "Bystander"),
        };
        if (pass) fields.Add(new("RequiresPass", "true"));
        fields.AddRange(more.Select(m => new KeyValuePair<string, string>(m.Item1, m.Item2)));
        var response = await HrManager.SubmitFormAsync("/training/courses/new", fields);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, Html.Text(await response.Content.ReadAsStringAsync()));
        return Guid.Parse(CourseId().Match(response.Headers.Location!.OriginalString).Groups[1].Value);
    }

    public async Task<Course> LoadCourseAsync(Guid id)
    {
        await using var db = NewDbContext();
        return await db.Courses.AsNoTracking().Include(c => c.Versions).SingleAsync(c => c.Id == id);
    }

    public Task<CompletionResult> RecordAsync(params CompletionInput[] rows) =>
        WithServiceAsync<RecordCompletions, CompletionResult>(r => r.RecordAsync(rows, CompletionSource.Recorded, null, "Test"));

    public static CompletionInput Row(int row, string number, string course, string on, string? passed = null) => new(row, row + 1, number, null, course, on, null, passed);

    [GeneratedRegex("^/training/courses/([0-9a-f-]{36})")]
    private static partial Regex CourseId();
}
