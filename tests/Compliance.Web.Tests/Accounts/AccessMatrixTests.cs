using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Compliance.Core;
using Compliance.Core.Accounts;
using Compliance.Core.Cases;
using Compliance.Core.Employees;
using Compliance.Core.EvidencePacks;
using Compliance.Core.Organisation;
using Compliance.Core.Policies;
using Compliance.Core.RiskAssessments;
using Compliance.Core.Scoring;
using Compliance.Core.ThirdParty;
using Compliance.Core.Training;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Compliance.Web.Tests.Accounts.Expect;

namespace Compliance.Web.Tests.Accounts;

/// <summary>What a request should get: a status and, for a redirect, where it leads.</summary>
public sealed record Expect(HttpStatusCode Status, string? LocationStart = null)
{
    public static readonly Expect Ok = new(HttpStatusCode.OK);
    public static readonly Expect SignIn = new(HttpStatusCode.Redirect, "http://localhost/account/sign-in?ReturnUrl=");
    public static readonly Expect Deny = new(HttpStatusCode.Forbidden);
    public static readonly Expect NoAuth = new(HttpStatusCode.Unauthorized);
    public static readonly Expect Gone = new(HttpStatusCode.Gone);
    public static readonly Expect Missing = new(HttpStatusCode.NotFound);
    public static readonly Expect To2FA = new(HttpStatusCode.Redirect, "/account/security/authenticator");
    public static readonly Expect ToSignIn = new(HttpStatusCode.Redirect, "/account/sign-in");
    public static readonly Expect ToSecurity = new(HttpStatusCode.Redirect, "/account/security");

    public override string ToString() => LocationStart is null ? ((int)Status).ToString() : $"{(int)Status} to {LocationStart}";
}

public class AccessMatrixApp : SetUpAppFactory
{
    public const string EmployeeNumber = "E-MATRIX";
    public Dictionary<string, Func<AppClient>> Clients { get; } = [];
    public Guid AssessmentId { get; private set; }
    public Guid ActionId { get; private set; }
    public Guid IncidentId { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid CaseFileId { get; private set; }
    public Guid PolicyId { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid EmployeeId { get; private set; }
    public Guid PlanActionId { get; private set; }
    public Guid PackId { get; private set; }
    public Guid UploadId { get; private set; }
    public Guid EmployeeUploadId { get; private set; }

    /// <summary>An account the administrators' actions can be tried on without changing who is signed in.</summary>
    public TestAccount Bystander { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (_, siteErrors) = await WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, "Matrix House", Nation.England, null)));
        siteErrors.Should().BeEmpty();
        var (_, errors) = await WithServiceAsync<SaveEmployee, (Guid?, List<FieldError>)>(s => s.HandleAsync(null,
            new EmployeeFields { EmployeeNumber = EmployeeNumber, FirstName = "Mat", LastName = "Rix", Site = "Matrix House" }));
        errors.Should().BeEmpty();

        Guid siteId;
        await using (var db = NewDbContext()) siteId = await db.Sites.Where(s => s.Name == "Matrix House").Select(s => s.Id).SingleAsync();
        var (assessmentId, assessmentErrors) = await WithServiceAsync<RiskAssessmentWork, (Guid?, List<FieldError>)>(w => w.StartAsync(new StartAssessmentInput("Matrix", AssessmentScope.Site, siteId, null, null)));
        assessmentErrors.Should().BeEmpty();
        AssessmentId = assessmentId!.Value;
        (await WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.RateAsync(AssessmentId, new RatingInput("LONE", true, "Cleaners", 2, 2, null)))).Should().BeEmpty();
        (await WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.AddActionAsync(AssessmentId, new ActionInput(null, "Lights", "Estates", "2999-01-01")))).Should().BeEmpty();
        (await WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.MarkRestNotRelevantAsync(AssessmentId, "Not relevant at Matrix House."))).Should().BeEmpty();
        (await WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.ApproveAsync(AssessmentId, Admin.Id, "Matrix Director"))).Should().BeEmpty();
        var (incidentId, incidentErrors) = await WithServiceAsync<LogIncident, (Guid?, List<FieldError>)>(l => l.HandleAsync(
            new LogIncidentInput("2026-01-01", siteId, ThirdPartyType.Customer, "Matrix", false, null, [IncidentResponse.NoneYet], null),
            new IncidentLogger(Admin.Id, "Matrix", false)));
        incidentErrors.Should().BeEmpty();
        IncidentId = incidentId!.Value;
        var (policyId, policyErrors) = await WithServiceAsync<PolicyWork, (Guid?, List<FieldError>)>(w => w.CreateAsync(new CreatePolicyInput(PolicyKind.SexualHarassment, null, null)));
        policyErrors.Should().BeEmpty();
        PolicyId = policyId!.Value;
        var (courseId, courseErrors) = await WithServiceAsync<CourseWork, (Guid?, List<FieldError>)>(w => w.CreateAsync(
            new CourseInput("MATRIX", "Matrix course", null, null, CourseAudience.Everyone, [], "12", "30", false, null), new CourseVersionInput(null, "Matrix", TrainingTopics.Recognising), "Matrix HR"));
        courseErrors.Should().BeEmpty();
        CourseId = courseId!.Value;
        await using (var db = NewDbContext()) EmployeeId = await db.Employees.Where(e => e.EmployeeNumber == EmployeeNumber).Select(e => e.Id).SingleAsync();
        (await WithServiceAsync<PolicyWork, List<FieldError>>(w => w.SubmitAsync(PolicyId, "Matrix HR"))).Should().BeEmpty();
        (await WithServiceAsync<PolicyWork, List<FieldError>>(w => w.ApproveAsync(PolicyId, Admin.Id, "Matrix Director"))).Should().BeEmpty();
        (await WithServiceAsync<PolicyWork, (PublishOutcome?, List<FieldError>)>(w => w.PublishAsync(PolicyId, new PublishInput(null, AudienceKind.Everyone, [], PolicyChange.Material, null), "Matrix HR"))).Item2.Should().BeEmpty();
        (await WithServiceAsync<PolicyWork, List<FieldError>>(w => w.StartNewVersionAsync(PolicyId))).Should().BeEmpty();
        await using (var db = NewDbContext()) ActionId = await db.RiskActions.Where(a => a.AssessmentId == AssessmentId).Select(a => a.Id).SingleAsync();
        var (report, reportErrors) = await WithServiceAsync<SubmitReport, (SubmittedReport?, List<FieldError>)>(s => s.HandleAsync(
            new ReportInput(ReportingMode.Anonymous, ReporterRole.Witness, "Matrix report", null, null, IncidentPlace.Online, null, null, null, null, null, null, false, null, null, null),
            [new IncomingFile("note.txt", "A note"u8.ToArray())]));
        reportErrors.Should().BeEmpty();
        await using (var db = NewDbContext())
        {
            CaseId = await db.ReportCases.Where(c => c.Reference == report!.Reference).Select(c => c.Id).SingleAsync();
            CaseFileId = await db.CaseFiles.Where(f => f.CaseId == CaseId).Select(f => f.Id).SingleAsync();
        }

        // A record behind every address: a 404 for a missing record would stand in for a refusal of a real one.
        var (planId, planErrors) = await WithServiceAsync<ActionPlan, (Guid?, List<FieldError>)>(p => p.AddAsync(new PlanActionInput("5", "Matrix action", "Matrix HR", UkCalendar.Today(TimeProvider.System).AddYears(1).ToString("yyyy-MM-dd")), "Matrix HR"));
        planErrors.Should().BeEmpty();
        PlanActionId = planId!.Value;
        var (packId, packErrors) = await WithServiceAsync<EvidencePackWork, (Guid?, List<FieldError>)>(p => p.RequestAsync(new PackRequestInput(PackPeriod.Last12Months, null, null), Admin.Id, "Matrix Director", false));
        packErrors.Should().BeEmpty();
        PackId = packId!.Value;
        await using (var csv = new MemoryStream("employee_number,course,completed_on\nE-MATRIX,MATRIX,2026-01-01\n"u8.ToArray()))
        {
            UploadId = await Services.GetRequiredService<Web.Infrastructure.ImportFileStore>().SaveAsync(csv, CancellationToken.None);
        }
        await using (var csv = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(EmployeeCsv.Rows("M", 2, "Matrix House"))))
        {
            EmployeeUploadId = await Services.GetRequiredService<Web.Infrastructure.ImportFileStore>().SaveAsync(csv, CancellationToken.None);
        }
        Bystander = await CreateAccountAsync("bystander@example.test", [Roles.HRManager], twoFactor: false);

        Clients["Anonymous"] = NewClient;
        var admin = await SignedInAdministratorAsync();
        Clients["Administrator"] = () => admin;
        var adminWithout2Fa = await SignedInAsync(await CreateAccountAsync("admin-no-2fa@example.test", [Roles.Administrator], twoFactor: false));
        Clients["Administrator without two-factor"] = () => adminWithout2Fa;
        foreach (var (role, twoFactor) in new[] { (Roles.HRManager, false), (Roles.CaseHandler, true), (Roles.Manager, false), (Roles.Director, false) })
        {
            var client = await SignedInAsync(await CreateAccountAsync($"{role.ToLowerInvariant()}@example.test", [role], twoFactor));
            Clients[role] = () => client;
        }
        foreach (var scope in ApiScopes.All)
        {
            var (token, tokenErrors) = await WithServiceAsync<ApiTokens, (CreatedApiToken?, List<FieldError>)>(t => t.CreateAsync($"Matrix {scope}", [scope], Admin.Id));
            tokenErrors.Should().BeEmpty();
            Clients["Token " + scope] = () =>
            {
                var client = NewClient();
                client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.Token);
                return client;
            };
        }
    }
}

/// <summary>
/// Every endpoint the app maps (read from its own endpoint list, so a new page cannot be forgotten), requested
/// as anonymous, as each role, and with each token scope, against the matrix below. A page's handlers share
/// the page's authorisation, so its GET stands for them all; API endpoints are tried with each of their methods.
/// </summary>
public sealed class AccessMatrixTests(AccessMatrixApp app) : IClassFixture<AccessMatrixApp>
{
    private static readonly string[] Columns =
    [
        "Anonymous", "Administrator", "Administrator without two-factor", Roles.HRManager, Roles.CaseHandler, Roles.Manager, Roles.Director,
        "Token " + ApiScopes.EmployeesWrite, "Token " + ApiScopes.TrainingWrite, "Token " + ApiScopes.Read,
    ];

    // Endpoint                                       Anon     Admin    Admin-2FA HR       Case     Manager  Director TokEmp   TokTrn   TokRead
    private static readonly Dictionary<string, Expect[]> Matrix = new()
    {
        ["GET /"] = [SignIn, Ok, To2FA, Ok, Ok, Ok, Ok, SignIn, SignIn, SignIn],
        ["GET /setup"] = [ToSignIn, ToSignIn, To2FA, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn],
        ["GET /error"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["GET /health"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["GET /openapi/{documentName}.json"] = [Ok, Ok, To2FA, Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["GET /account/sign-in"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["GET /account/sign-in/code"] = [ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn],
        ["GET /account/sign-in/recovery"] = [ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn],
        ["GET /account/sign-out"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["GET /account/invitation/{secret?}"] = [Gone, Gone, Gone, Gone, Gone, Gone, Gone, Gone, Gone, Gone],
        ["GET /account/security"] = [SignIn, Ok, Ok, Ok, Ok, Ok, Ok, SignIn, SignIn, SignIn],
        ["GET /account/security/authenticator"] = [SignIn, ToSecurity, Ok, Ok, ToSecurity, Ok, Ok, SignIn, SignIn, SignIn],
        ["GET /team"] = [SignIn, Deny, To2FA, Deny, Deny, Ok, Deny, SignIn, SignIn, SignIn],
        ["GET /admin/sites"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /admin/departments"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /admin/employees"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /admin/employees/edit"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /admin/import"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /admin/import/preview"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        // Directors read everything except case content: the audit trail with administrators, the risk exports and notices.
        ["GET /audit"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        // Only a director acknowledges a failed check of the audit trail.
        ["GET /audit/acknowledge"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /admin/users"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /admin/users/invite"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /admin/users/edit"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /admin/tokens"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /admin/mail"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /admin/outbox"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /admin/jobs"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /admin/legal"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /admin/scoring"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /position"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /position/rules"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /position/sign-off"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /position/actions"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /position/actions/new"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /position/actions/{id:guid}"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /position/monitoring"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /position/engagement"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /position/engagement/new"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        // Evidence packs: directors and HR managers; anyone may check a pack's file.
        ["GET /packs"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /packs/{id:guid}"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /verify"] = [Ok, Ok, To2FA, Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        // The scheduler's dashboard: administrators with their second factor; everyone else the app's own answer.
        ["GET /admin/jobs/dashboard/{**path}"] = [SignIn, Ok, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /notifications"] = [SignIn, Ok, To2FA, Ok, Ok, Ok, Ok, SignIn, SignIn, SignIn],
        ["GET /risk"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        // Policies: HR managers draft and publish, directors read and approve; the version in force is public.
        ["GET /policies/manage"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /policies/manage/new"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /policies/manage/{id:guid}"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /policies/manage/{id:guid}/edit"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /policies/manage/{id:guid}/coverage"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /policies/{slug}/{handler?}"] = [Ok, Ok, To2FA, Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["GET /policies/code"] = [Ok, Ok, To2FA, Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["GET /policies/acknowledge/{secret}"] = [Missing, Missing, To2FA, Missing, Missing, Missing, Missing, Missing, Missing, Missing],
        // Training: HR managers define courses and record completions, directors read coverage and records.
        ["GET /training"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /training/courses/new"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /training/courses/{id:guid}"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /training/courses/{id:guid}/edit"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /training/record"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /training/import"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /training/import/{id:guid}"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /training/people/{id:guid}"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /risk/assessments"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /risk/assessments/new"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /risk/assessments/{id:guid}"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /risk/assessments/{id:guid}/factors/{code}"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /risk/assessments/{id:guid}/revisions/{number:int}"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /risk/actions"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /risk/actions/{id:guid}"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /risk/factors"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /risk/notices"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /risk/export"] = [SignIn, Deny, To2FA, Ok, Deny, Deny, Ok, SignIn, SignIn, SignIn],
        ["GET /incidents"] = [SignIn, Deny, To2FA, Ok, Deny, Ok, Ok, SignIn, SignIn, SignIn],
        ["GET /incidents/new"] = [SignIn, Deny, To2FA, Ok, Deny, Ok, Deny, SignIn, SignIn, SignIn],
        // The line manager here has no sites, so an incident at Matrix House is not theirs to see.
        ["GET /incidents/{id:guid}"] = [SignIn, Deny, To2FA, Ok, Deny, Missing, Ok, SignIn, SignIn, SignIn],
        ["GET /report"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["GET /report/follow-up"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["GET /cases"] = [SignIn, Deny, To2FA, Deny, Ok, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /cases/overview"] = [SignIn, Ok, To2FA, Ok, Ok, Deny, Ok, SignIn, SignIn, SignIn],
        // Content only for the handlers assigned to the case: this handler is not, so even they are refused.
        ["GET /cases/{id:guid}"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["GET /cases/{id:guid}/files/{fileId:guid}"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        // The API takes only tokens and never redirects: a browser session, with or without two-factor, gets 401.
        ["GET /api/v1/employees/{employeeNumber}"] = [NoAuth, NoAuth, NoAuth, NoAuth, NoAuth, NoAuth, NoAuth, Deny, Deny, Ok],
        ["PUT /api/v1/employees/{employeeNumber}"] = [NoAuth, NoAuth, NoAuth, NoAuth, NoAuth, NoAuth, NoAuth, Ok, Deny, Deny],
        ["POST /api/v1/training/completions"] = [NoAuth, NoAuth, NoAuth, NoAuth, NoAuth, NoAuth, NoAuth, Deny, Ok, Deny],
        // The matrix's body has no xAPI verb, so the statement is read and ignored.
        ["POST /api/v1/xapi/statements"] = [NoAuth, NoAuth, NoAuth, NoAuth, NoAuth, NoAuth, NoAuth, Deny, Ok, Deny],
    };

    /// <summary>Addresses for routes with parameters or required query values.</summary>
    private Dictionary<string, string> SampleUrls => new()
    {
        ["/openapi/{documentName}.json"] = "/openapi/v1.json",
        ["/admin/jobs/dashboard/{**path}"] = "/admin/jobs/dashboard/recurring",
        ["/account/invitation/{secret?}"] = "/account/invitation/not-a-real-link",
        ["/admin/users/edit"] = $"/admin/users/edit?id={app.Bystander.Id}",
        ["/admin/import/preview"] = $"/admin/import/preview?id={app.EmployeeUploadId}",
        ["/api/v1/employees/{employeeNumber}"] = $"/api/v1/employees/{AccessMatrixApp.EmployeeNumber}",
        ["/risk/assessments/{id:guid}"] = $"/risk/assessments/{app.AssessmentId}",
        ["/risk/assessments/{id:guid}/factors/{code}"] = $"/risk/assessments/{app.AssessmentId}/factors/LONE",
        ["/risk/assessments/{id:guid}/revisions/{number:int}"] = $"/risk/assessments/{app.AssessmentId}/revisions/1",
        ["/risk/actions/{id:guid}"] = $"/risk/actions/{app.ActionId}",
        ["/policies/manage/{id:guid}"] = $"/policies/manage/{app.PolicyId}",
        ["/policies/manage/{id:guid}/edit"] = $"/policies/manage/{app.PolicyId}/edit",
        ["/policies/manage/{id:guid}/coverage"] = $"/policies/manage/{app.PolicyId}/coverage",
        ["/policies/{slug}/{handler?}"] = "/policies/harassment",
        ["/policies/acknowledge/{secret}"] = "/policies/acknowledge/not-a-real-link",
        ["/training/courses/{id:guid}"] = $"/training/courses/{app.CourseId}",
        ["/training/courses/{id:guid}/edit"] = $"/training/courses/{app.CourseId}/edit",
        ["/training/import/{id:guid}"] = $"/training/import/{app.UploadId}",
        ["/position/actions/{id:guid}"] = $"/position/actions/{app.PlanActionId}",
        ["/packs/{id:guid}"] = $"/packs/{app.PackId}",
        ["/training/people/{id:guid}"] = $"/training/people/{app.EmployeeId}",
        ["/incidents/{id:guid}"] = $"/incidents/{app.IncidentId}",
        ["/cases/{id:guid}"] = $"/cases/{app.CaseId}",
        ["/cases/{id:guid}/files/{fileId:guid}"] = $"/cases/{app.CaseId}/files/{app.CaseFileId}",
    };

    [Fact]
    public async Task Every_endpoint_answers_each_role_and_token_scope_as_the_matrix_says()
    {
        var endpoints = DiscoverEndpoints();
        var unlisted = endpoints.Where(e => !Matrix.ContainsKey(e)).ToList();
        (unlisted.Count == 0).Should().BeTrue("Endpoints with no row in the access matrix (add one):\n" + string.Join("\n", unlisted));
        var stale = Matrix.Keys.Where(k => !endpoints.Contains(k)).ToList();
        (stale.Count == 0).Should().BeTrue("Matrix rows for endpoints that no longer exist:\n" + string.Join("\n", stale));

        var wrong = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var method = endpoint[..endpoint.IndexOf(' ')];
            var route = endpoint[(method.Length + 1)..];
            var url = SampleUrls.GetValueOrDefault(route, route);
            url.Should().NotContain("{");
            for (var i = 0; i < Columns.Length; i++)
            {
                var expected = Matrix[endpoint][i];
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method == "PUT")
                {
                    request.Content = new StringContent("""{"first_name":"Mat","last_name":"Rix","site":"Matrix House"}""", Encoding.UTF8, "application/json");
                }
                if (method == "POST")
                {
                    request.Content = new StringContent($"{{\"employee_number\":\"{AccessMatrixApp.EmployeeNumber}\",\"course\":\"MATRIX\",\"completed_on\":\"2026-01-01\"}}", Encoding.UTF8, "application/json");
                }
                using var response = await app.Clients[Columns[i]]().Http.SendAsync(request);
                var location = response.Headers.Location?.OriginalString;
                if (response.StatusCode != expected.Status || (expected.LocationStart is { } start && location?.StartsWith(start, StringComparison.Ordinal) != true))
                {
                    wrong.Add($"{endpoint} as {Columns[i]}: expected {expected}, got {(int)response.StatusCode}{(location is null ? "" : " to " + location)}");
                }
            }
        }
        (wrong.Count == 0).Should().BeTrue($"{wrong.Count} answers differ from the access matrix:\n" + string.Join("\n", wrong));
    }

    private List<string> DiscoverEndpoints()
    {
        var sources = app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var route = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
                var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
                return (methods is { Count: > 0 } ? methods : ["GET"]).Select(m => $"{m} {route}");
            })
            .Where(e => !e.EndsWith("/Index", StringComparison.Ordinal)) // the same page as its folder route
            .Distinct()
            .Order()
            .ToList();
    }
}
