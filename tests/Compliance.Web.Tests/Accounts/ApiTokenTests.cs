using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Compliance.Core.Accounts;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Accounts;

public sealed class ApiTokenTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    private async Task<(AppClient Admin, string Token)> CreateTokenAsync(string name, params string[] scopes)
    {
        var admin = await app.SignedInAdministratorAsync();
        var fields = new List<KeyValuePair<string, string>> { new("Name", name) };
        fields.AddRange(scopes.Select(s => new KeyValuePair<string, string>("Scopes", s)));
        var response = await admin.SubmitFormAsync("/admin/tokens", fields, postUrl: "/admin/tokens?handler=Create");
        var html = await response.Content.ReadAsStringAsync();
        return (admin, AppClient.InputValue(html, "new-token"));
    }

    private async Task EnsureSiteAsync(AppClient admin, string name) =>
        await admin.SubmitFormAsync("/admin/sites", [new("Input.Name", name), new("Input.Nation", "England")]);

    private AppClient WithToken(string token)
    {
        var client = app.NewClient();
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Task<HttpResponseMessage> PutAsync(AppClient client, string number, string json) =>
        client.Http.PutAsync($"/api/v1/employees/{number}", new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task A_token_creates_and_updates_an_employee_and_its_use_is_recorded()
    {
        var (admin, token) = await CreateTokenAsync("HR system sync", ApiScopes.EmployeesWrite, ApiScopes.Read);
        token.Should().StartWith("hpt_");
        (token.Length >= 4 + 22).Should().BeTrue(); // 128 random bits
        await EnsureSiteAsync(admin, "Api House");
        var client = WithToken(token);

        var created = await PutAsync(client, "API-1", """{"first_name":"Ada","last_name":"Lovelace","site":"api house","lone_working":true,"start_date":"2024-02-01"}""");
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("site").GetString().Should().Be("Api House");
        body.GetProperty("lone_working").GetBoolean().Should().BeTrue();

        var updated = await PutAsync(client, "API-1", """{"employee_number":"API-1","first_name":"Ada","last_name":"King","site":"Api House"}""");
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        var read = await client.Http.GetAsync("/api/v1/employees/API-1");
        JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.GetProperty("last_name").GetString().Should().Be("King");
        (await client.Http.GetAsync("/api/v1/employees/NOBODY")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        await using var db = app.NewDbContext();
        var stored = await db.ApiTokens.SingleAsync(t => t.Name == "HR system sync");
        stored.LastUsedAtUtc.Should().NotBeNull();
        stored.SecretHash.Should().Be(Secrets.Hash(token));
        // The token itself is nowhere in the database.
        var everything = string.Join("\n", await db.AuditEntries.Select(a => a.Summary + a.ActorName + a.ActorId).ToListAsync()) + stored.Hint + stored.SecretHash;
        everything.Should().NotContain(token);
        var actor = $"token:{stored.Id}";
        var actions = await db.AuditEntries.Where(a => a.ActorId == actor).Select(a => a.Action).ToListAsync();
        actions.Should().Contain("api-token.used");
        actions.Should().Contain("employee.added");
        actions.Should().Contain("employee.changed");
        (await db.AuditEntries.AnyAsync(a => a.Action == "api-token.created" && a.EntityId == stored.Id.ToString())).Should().BeTrue();
    }

    [Fact]
    public async Task Bad_input_is_refused_as_problem_details_naming_the_field_and_nothing_is_saved()
    {
        var (admin, token) = await CreateTokenAsync("Validation", ApiScopes.EmployeesWrite);
        await EnsureSiteAsync(admin, "Api House");
        var client = WithToken(token);

        async Task<JsonElement> RefusedAsync(string number, string json, string contentType = "application/json")
        {
            var response = await client.Http.PutAsync($"/api/v1/employees/{number}", new StringContent(json, Encoding.UTF8, contentType));
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (response.Content.Headers.ContentType?.MediaType).Should().Be("application/problem+json");
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        }

        var errors = await RefusedAsync("BAD-1", """{"first_name":"","last_name":"X","site":"Atlantis","start_date":"2021-13-45","work_email":"nope"}""");
        errors.GetProperty("site")[0].GetString().Should().Contain("Atlantis");
        errors.TryGetProperty("first_name", out _).Should().BeTrue();
        errors.TryGetProperty("start_date", out _).Should().BeTrue();
        errors.TryGetProperty("work_email", out _).Should().BeTrue();
        (await RefusedAsync("BAD-2", """{"first_name":"A","last_name":"B","site":"Api House","salary":1}""")).GetProperty("salary")[0].GetString().Should().Contain("not a field");
        (await RefusedAsync("BAD-3", """{"first_name":"A","last_name":"B","site":"Api House","lone_working":"perhaps"}""")).TryGetProperty("lone_working", out _).Should().BeTrue();
        (await RefusedAsync("BAD-4", """{"first_name":"A","last_name":"B","site":"Api House","employee_number":"OTHER"}""")).TryGetProperty("employee_number", out _).Should().BeTrue();
        (await RefusedAsync("BAD-5", """{"first_name":"A",""")).TryGetProperty("body", out _).Should().BeTrue();
        var wrongType = await client.Http.PutAsync("/api/v1/employees/BAD-6", new StringContent("first_name=A", Encoding.UTF8, "application/x-www-form-urlencoded"));
        wrongType.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);

        await using var db = app.NewDbContext();
        (await db.Employees.AnyAsync(e => e.EmployeeNumber.StartsWith("BAD-"))).Should().BeFalse();
    }

    [Fact]
    public async Task A_revoked_token_gets_401_and_a_token_without_the_scope_gets_403()
    {
        var (admin, token) = await CreateTokenAsync("Short-lived", ApiScopes.EmployeesWrite);
        var (_, readOnly) = await CreateTokenAsync("Read only", ApiScopes.Read);
        await EnsureSiteAsync(admin, "Api House");
        const string json = """{"first_name":"Rev","last_name":"Oked","site":"Api House"}""";

        var forbidden = await PutAsync(WithToken(readOnly), "REV-1", json);
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await forbidden.Content.ReadAsStringAsync()).Should().Contain("scope");
        (await PutAsync(WithToken(token), "REV-1", json)).StatusCode.Should().Be(HttpStatusCode.Created);

        await using (var db = app.NewDbContext())
        {
            var id = (await db.ApiTokens.SingleAsync(t => t.Name == "Short-lived")).Id;
            var asked = await admin.SubmitFormAsync("/admin/tokens", [new("id", id.ToString())], postUrl: "/admin/tokens?handler=Revoke");
            (await asked.Content.ReadAsStringAsync()).Should().Contain("Yes, revoke");
            (await PutAsync(WithToken(token), "REV-1", json)).StatusCode.Should().Be(HttpStatusCode.OK); // not yet revoked
            var revoked = await admin.SubmitFormAsync("/admin/tokens", [new("id", id.ToString()), new("confirmed", "true")], postUrl: "/admin/tokens?handler=Revoke");
            revoked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        var refused = await PutAsync(WithToken(token), "REV-1", json);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.Single().Scheme.Should().Be("Bearer");
        (await PutAsync(WithToken("hpt_madeup0000000000000000"), "REV-1", json)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        // A signed-in person's cookie is no key to the API (no cross-site requests through it).
        (await PutAsync(admin, "REV-1", json)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await using var check = app.NewDbContext();
        (await check.AuditEntries.AnyAsync(a => a.Action == "api-token.revoked" && a.Summary.Contains("Short-lived"))).Should().BeTrue();
    }

    [Fact]
    public async Task A_token_needs_a_name_and_a_scope()
    {
        var admin = await app.SignedInAdministratorAsync();
        var response = await admin.SubmitFormAsync("/admin/tokens", [new("Name", "  ")], postUrl: "/admin/tokens?handler=Create");
        var text = Html.Text(await response.Content.ReadAsStringAsync());
        text.Should().Contain("Enter a name");
        text.Should().Contain("Choose at least one thing the token may do");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("new-token");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_employee_endpoint_and_the_bearer_scheme()
    {
        var response = await app.NewClient().GetAsync("/openapi/v1.json");
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        doc.GetProperty("paths").TryGetProperty("/api/v1/employees/{employeeNumber}", out var path).Should().BeTrue();
        path.GetProperty("put").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).Should().BeTrue();
        doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiToken").GetProperty("scheme").GetString().Should().Be("bearer");
        doc.GetProperty("paths").TryGetProperty("/admin/users", out _).Should().BeFalse();
    }
}
