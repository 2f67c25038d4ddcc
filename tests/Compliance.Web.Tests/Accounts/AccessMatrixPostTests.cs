using System.Net;
using Compliance.Core.Accounts;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.Accounts;

/// <summary>The matrix's organisation again, apart: the posts here may change its records.</summary>
public sealed class AccessMatrixPostApp : AccessMatrixApp;

/// <summary>
/// Every page handler that acts (each OnPost, read from the app's own pages, so a new one cannot be forgotten), posted
/// with a valid anti-forgery token as anonymous, as each role and with each token scope, at addresses of real
/// records, against the matrix below. "Acts" means the post reached the handler: it answered with the page (a
/// form's errors, as the posts here carry no fields) or a redirect that is not to signing in.
/// </summary>
public sealed class AccessMatrixPostTests(AccessMatrixPostApp app) : IClassFixture<AccessMatrixPostApp>
{
    private static readonly Expect Acts = new(HttpStatusCode.OK, "(acts)");
    private static readonly Expect SignIn = Expect.SignIn, Deny = Expect.Deny, Missing = Expect.Missing, To2FA = Expect.To2FA,
        ToSignIn = Expect.ToSignIn, ToSecurity = Expect.ToSecurity, TooMany = new(HttpStatusCode.TooManyRequests);

    private static readonly string[] Columns =
    [
        "Anonymous", "Administrator", "Administrator without two-factor", Roles.HRManager, Roles.CaseHandler, Roles.Manager, Roles.Director,
        "Token " + ApiScopes.EmployeesWrite, "Token " + ApiScopes.TrainingWrite, "Token " + ApiScopes.Read,
    ];

    // Handler                                                Anon     Admin    Admin-2FA HR       Case     Manager  Director TokEmp   TokTrn   TokRead
    private static readonly Dictionary<string, Expect[]> Matrix = new()
    {
        ["POST /account/invitation/{secret?}"] = [Acts, Acts, Acts, Acts, Acts, Acts, Acts, Acts, Acts, Acts],
        ["POST /account/sign-in"] = [Acts, Acts, Acts, Acts, Acts, Acts, Acts, Acts, Acts, Acts],
        ["POST /account/sign-in/code"] = [ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn],
        ["POST /account/sign-in/recovery"] = [ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn],
        ["POST /admin/departments"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/employees/edit"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/employees/edit Leaver"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/import"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/import/preview Cancel"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/import/preview Confirm"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/jobs Run"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        // The post names no provision: the handler answers that there is none.
        ["POST /admin/legal"] = [SignIn, Missing, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/mail Save"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/mail Test"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/outbox Retry"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/outbox SendNow"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/scoring"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/sites"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/tokens Create"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/tokens Revoke"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/users/edit Disable"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/users/edit Enable"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/users/edit Link"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/users/edit ResetTwoFactor"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/users/edit Roles"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/users/edit Scope"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /admin/users/invite"] = [SignIn, Acts, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        // Only a director acknowledges a failed check (here the chain passes, so the page says there is nothing to acknowledge).
        ["POST /audit/acknowledge"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Acts, SignIn, SignIn, SignIn],
        ["POST /cases Conflict"] = [SignIn, Deny, To2FA, Deny, Acts, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /cases Take"] = [SignIn, Deny, To2FA, Deny, Acts, Deny, Deny, SignIn, SignIn, SignIn],
        // A case is acted on only by its assigned handlers: this handler is not one, so even they are refused;
        // any handler may say they have a conflict with a case, so that it is kept from them.
        ["POST /cases/{id:guid} Acknowledge"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /cases/{id:guid} Appeal"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /cases/{id:guid} Assign"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /cases/{id:guid} Close"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /cases/{id:guid} Conflict"] = [SignIn, Deny, To2FA, Deny, Acts, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /cases/{id:guid} DecideAppeal"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /cases/{id:guid} Exclude"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /cases/{id:guid} Files"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /cases/{id:guid} Hold"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /cases/{id:guid} Incident"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /cases/{id:guid} LiftHold"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /cases/{id:guid} Message"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /cases/{id:guid} Outcome"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /cases/{id:guid} Record"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /cases/{id:guid} Route"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /cases/{id:guid} Triage"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /error"] = [Acts, Acts, Acts, Acts, Acts, Acts, Acts, Acts, Acts, Acts],
        ["POST /incidents/new"] = [SignIn, Deny, To2FA, Acts, Deny, Acts, Deny, SignIn, SignIn, SignIn],
        // The post names no notification of theirs: the handler answers that there is none.
        ["POST /notifications Open"] = [SignIn, Missing, To2FA, Missing, Missing, Missing, Missing, SignIn, SignIn, SignIn],
        ["POST /notifications ReadAll"] = [SignIn, Acts, To2FA, Acts, Acts, Acts, Acts, SignIn, SignIn, SignIn],
        ["POST /packs"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Acts, SignIn, SignIn, SignIn],
        ["POST /policies/acknowledge/{secret}"] = [Missing, Missing, To2FA, Missing, Missing, Missing, Missing, Missing, Missing, Missing],
        ["POST /policies/code"] = [Acts, Acts, To2FA, Acts, Acts, Acts, Acts, Acts, Acts, Acts],
        ["POST /policies/manage/new"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /policies/manage/{id:guid} Approve"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Acts, SignIn, SignIn, SignIn],
        ["POST /policies/manage/{id:guid} CancelSchedule"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /policies/manage/{id:guid} Consultation"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /policies/manage/{id:guid} NewVersion"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /policies/manage/{id:guid} Publish"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /policies/manage/{id:guid} Return"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Acts, SignIn, SignIn, SignIn],
        ["POST /policies/manage/{id:guid} Submit"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /policies/manage/{id:guid}/coverage Chase"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /policies/manage/{id:guid}/coverage Letters"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /policies/manage/{id:guid}/edit"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /policies/manage/{id:guid}/edit Preview"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /position/actions/new"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Acts, SignIn, SignIn, SignIn],
        ["POST /position/actions/{id:guid} Complete"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Acts, SignIn, SignIn, SignIn],
        ["POST /position/actions/{id:guid} Start"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Acts, SignIn, SignIn, SignIn],
        ["POST /position/engagement/new"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Acts, SignIn, SignIn, SignIn],
        ["POST /position/sign-off"] = [SignIn, Deny, To2FA, Deny, Deny, Deny, Acts, SignIn, SignIn, SignIn],
        ["POST /report"] = [Acts, Acts, Acts, Acts, Acts, Acts, Acts, Acts, Acts, Acts],
        ["POST /report/follow-up"] = [Acts, Acts, Acts, Acts, Acts, Acts, Acts, Acts, Acts, Acts],
        // Every client here shares one address, and the wrong keys tried above have used its follow-up budget.
        ["POST /report/follow-up Reply"] = [TooMany, TooMany, TooMany, TooMany, TooMany, TooMany, TooMany, TooMany, TooMany, TooMany],
        ["POST /risk/actions/{id:guid} Complete"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /risk/actions/{id:guid} Start"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /risk/assessments/new"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /risk/assessments/{id:guid} AddAction"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        // HR managers and directors approve assessments; only directors approve a policy, and return it.
        ["POST /risk/assessments/{id:guid} Approve"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Acts, SignIn, SignIn, SignIn],
        ["POST /risk/assessments/{id:guid} RestNotRelevant"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /risk/assessments/{id:guid} StartReview"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /risk/assessments/{id:guid}/factors/{code}"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /risk/factors"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /risk/notices Use"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /setup"] = [ToSignIn, ToSignIn, To2FA, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn],
        ["POST /training/courses/new"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /training/courses/{id:guid} Remind"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /training/courses/{id:guid} Version"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /training/courses/{id:guid}/edit"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /training/import"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /training/import/{id:guid} Cancel"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /training/import/{id:guid} Confirm"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /training/record"] = [SignIn, Deny, To2FA, Acts, Deny, Deny, Deny, SignIn, SignIn, SignIn],
        ["POST /verify"] = [Acts, Acts, To2FA, Acts, Acts, Acts, Acts, Acts, Acts, Acts],
        // Tried last, each with a new account: these change who is signed in and how.
        ["POST /account/security RecoveryCodes"] = [SignIn, Acts, To2FA, To2FA, Acts, To2FA, To2FA, SignIn, SignIn, SignIn],
        ["POST /account/security Reset"] = [SignIn, Acts, Acts, Acts, Acts, Acts, Acts, SignIn, SignIn, SignIn],
        ["POST /account/security/authenticator"] = [SignIn, ToSecurity, Acts, Acts, ToSecurity, Acts, Acts, SignIn, SignIn, SignIn],
        ["POST /account/sign-out"] = [ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn, ToSignIn],
    };

    /// <summary>Posts whose success changes who is signed in: tried last, each on a client of its own.</summary>
    private static readonly string[] SelfChanging = ["POST /account/sign-out", "POST /account/security Reset", "POST /account/security RecoveryCodes", "POST /account/security/authenticator"];

    private Dictionary<string, string> SampleUrls => new()
    {
        ["/admin/users/edit"] = $"/admin/users/edit?id={app.Bystander.Id}",
        ["/admin/import/preview"] = $"/admin/import/preview?id={app.EmployeeUploadId}",
        ["/admin/employees/edit"] = $"/admin/employees/edit?id={app.EmployeeId}",
        ["/risk/assessments/{id:guid}"] = $"/risk/assessments/{app.AssessmentId}",
        ["/risk/assessments/{id:guid}/factors/{code}"] = $"/risk/assessments/{app.AssessmentId}/factors/LONE",
        ["/risk/actions/{id:guid}"] = $"/risk/actions/{app.ActionId}",
        ["/policies/manage/{id:guid}"] = $"/policies/manage/{app.PolicyId}",
        ["/policies/manage/{id:guid}/edit"] = $"/policies/manage/{app.PolicyId}/edit",
        ["/policies/manage/{id:guid}/coverage"] = $"/policies/manage/{app.PolicyId}/coverage",
        ["/policies/acknowledge/{secret}"] = "/policies/acknowledge/not-a-real-link",
        ["/account/invitation/{secret?}"] = "/account/invitation/not-a-real-link",
        ["/training/courses/{id:guid}"] = $"/training/courses/{app.CourseId}",
        ["/training/courses/{id:guid}/edit"] = $"/training/courses/{app.CourseId}/edit",
        ["/training/import/{id:guid}"] = $"/training/import/{app.UploadId}",
        ["/position/actions/{id:guid}"] = $"/position/actions/{app.PlanActionId}",
        ["/packs/{id:guid}"] = $"/packs/{app.PackId}",
        ["/incidents/{id:guid}"] = $"/incidents/{app.IncidentId}",
        ["/cases/{id:guid}"] = $"/cases/{app.CaseId}",
    };

    [Fact]
    public async Task Every_action_answers_each_role_and_token_scope_as_the_matrix_says()
    {
        var handlers = await DiscoverHandlersAsync();
        handlers.Should().HaveCountGreaterThan(80, "every page's post handlers were found");
        var unlisted = handlers.Keys.Where(h => !Matrix.ContainsKey(h)).ToList();
        var stale = Matrix.Keys.Where(k => !handlers.ContainsKey(k)).ToList();
        (stale.Count == 0).Should().BeTrue("Matrix rows for handlers that no longer exist:\n" + string.Join("\n", stale));

        var wrong = new List<string>();
        var seen = new List<string>();
        var shared = new List<(AppClient, string)>();
        foreach (var column in Columns) shared.Add(await ClientAsync(column, fresh: false));
        foreach (var (handler, url) in handlers.OrderBy(h => SelfChanging.Contains(h.Key)).ThenBy(h => h.Key, StringComparer.Ordinal))
        {
            var answers = new List<string>();
            for (var i = 0; i < Columns.Length; i++)
            {
                var (client, token) = SelfChanging.Contains(handler) ? await ClientAsync(Columns[i], fresh: true) : shared[i];
                using var response = await client.Http.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
                var got = Describe(response);
                answers.Add(got);
                if (Matrix.TryGetValue(handler, out var row) && !Matches(row[i], response))
                {
                    wrong.Add($"{handler} as {Columns[i]}: expected {row[i]}, got {got}");
                }
            }
            seen.Add($"[\"{handler}\"] = [{string.Join(", ", answers)}],");
        }
        (unlisted.Count == 0).Should().BeTrue("Handlers with no row in the matrix (add one):\n" + string.Join("\n", unlisted) + "\n\nWhat each answered:\n" + string.Join("\n", seen));
        (wrong.Count == 0).Should().BeTrue($"{wrong.Count} answers differ from the matrix:\n" + string.Join("\n", wrong));
    }

    private static string Describe(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString;
        foreach (var (name, expect) in new[] { ("SignIn", SignIn), ("To2FA", To2FA), ("Deny", Deny), ("Missing", Missing) })
        {
            if (Matches(expect, response)) return name;
        }
        return Matches(Acts, response) ? "Acts" : $"{(int)response.StatusCode}{(location is null ? "" : " to " + location)}";
    }

    private static bool Matches(Expect expected, HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString;
        if (ReferenceEquals(expected, Acts))
        {
            var toSignIn = location is not null && (location.Contains("/account/sign-in", StringComparison.Ordinal) || location.StartsWith("/account/security", StringComparison.Ordinal));
            return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity || (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther && !toSignIn);
        }
        return response.StatusCode == expected.Status && (expected.LocationStart is not { } start || location?.StartsWith(start, StringComparison.Ordinal) == true);
    }

    /// <summary>The column's client (a new account's, when fresh) and an anti-forgery token for its session (a token is not tied to a page).</summary>
    private async Task<(AppClient Client, string Token)> ClientAsync(string column, bool fresh)
    {
        var signedIn = !column.StartsWith("Token ", StringComparison.Ordinal) && column != "Anonymous";
        var client = app.Clients[column]();
        if (fresh && signedIn)
        {
            string[] roles = column is "Administrator" or "Administrator without two-factor" ? [Roles.Administrator] : [column];
            client = await app.SignedInAsync(await app.CreateAccountAsync($"{Guid.NewGuid():N}@example.test", roles, twoFactor: column is "Administrator" or Roles.CaseHandler));
        }
        return (client, AppClient.Token(await client.GetPageAsync(signedIn ? "/account/security" : "/report")));
    }

    /// <summary>Each page's post handlers ("POST /route Name"), with the address of a real record to post to.</summary>
    private async Task<Dictionary<string, string>> DiscoverHandlersAsync()
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var found = new Dictionary<string, string>();
        foreach (var endpoint in app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page) continue;
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (route.EndsWith("/Index", StringComparison.Ordinal)) continue;
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            foreach (var method in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)))
            {
                var url = SampleUrls.GetValueOrDefault(route, route);
                url.Should().NotContain("{", $"{route} needs an address in SampleUrls");
                var key = $"POST {route}{(method.Name is null ? "" : " " + method.Name)}";
                found[key] = method.Name is null ? url : url + (url.Contains('?') ? "&" : "?") + "handler=" + method.Name;
            }
        }
        return found;
    }
}
