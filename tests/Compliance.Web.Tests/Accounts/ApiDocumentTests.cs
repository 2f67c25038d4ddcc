using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Compliance.Core.Accounts;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Compliance.Web.Tests.Accounts;

/// <summary>An installation with its public address set, as behind a reverse proxy.</summary>
public sealed class PublicUrlApp : SetUpAppFactory
{
    public const string PublicUrl = "https://harassment.example.org";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Compliance:PublicUrl", PublicUrl);
    }
}

public sealed class ApiDocumentTests(PublicUrlApp app) : IClassFixture<PublicUrlApp>
{
    private async Task<AppClient> WithTokenAsync(string scope)
    {
        var (token, errors) = await app.WithServiceAsync<ApiTokens, (CreatedApiToken?, List<FieldError>)>(t => t.CreateAsync($"Document {scope} {Guid.NewGuid():N}", [scope], app.Admin.Id));
        errors.Should().BeEmpty();
        var client = app.NewClient();
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.Token);
        return client;
    }

    [Fact]
    public async Task Unknown_API_addresses_and_methods_answer_problem_details_never_a_redirect_to_sign_in()
    {
        async Task Expect(HttpResponseMessage response, HttpStatusCode status)
        {
            response.StatusCode.Should().Be(status);
            response.Headers.Location.Should().BeNull();
            (response.Content.Headers.ContentType?.MediaType).Should().Be("application/problem+json");
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            problem.RootElement.GetProperty("status").GetInt32().Should().Be((int)status);
        }

        var anonymous = app.NewClient();
        await Expect(await anonymous.GetAsync("/api/v1/nothing-here"), HttpStatusCode.Unauthorized);
        await Expect(await anonymous.GetAsync("/api"), HttpStatusCode.Unauthorized);
        await Expect(await anonymous.Http.DeleteAsync("/api/v1/employees/E1"), HttpStatusCode.Unauthorized);
        // A signed-in browser is not a token: 401, not the two-factor page or the sign-in page.
        var browser = await app.SignedInAdministratorAsync();
        await Expect(await browser.GetAsync("/api/v1/employees/E1"), HttpStatusCode.Unauthorized);

        var reader = await WithTokenAsync(ApiScopes.Read);
        await Expect(await reader.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
        await Expect(await reader.Http.DeleteAsync("/api/v1/employees/E1"), HttpStatusCode.MethodNotAllowed);
        await Expect(await reader.Http.PutAsync("/api/v1/employees/E1", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_API_document_names_the_public_address_never_the_Host_header_and_passes_an_independent_validator()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "attacker.example";
        var json = await (await app.NewClient().Http.SendAsync(request)).Content.ReadAsStringAsync();
        json.Should().NotContain("attacker.example");
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        root.GetProperty("servers").EnumerateArray().Should().ContainSingle().Which.GetProperty("url").GetString().Should().Be(PublicUrlApp.PublicUrl);
        root.GetProperty("info").GetProperty("license").GetProperty("name").GetString().Should().Be("AGPL-3.0-or-later");
        root.GetProperty("tags").EnumerateArray().Should().Contain(t => t.GetProperty("name").GetString() == "Employees" && t.GetProperty("description").GetString()!.Length > 20);
        var put = root.GetProperty("paths").GetProperty("/api/v1/employees/{employeeNumber}").GetProperty("put").GetProperty("responses");
        put.TryGetProperty("415", out _).Should().BeTrue("The 415 answer is not documented.");

        var validator = Path.Combine(Repository.Root, "build", "tools", "node_modules", ".bin", "redocly");
        File.Exists(validator).Should().BeTrue($"The OpenAPI validator is missing: scripts/test.sh installs it at {validator}.");
        var file = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        try
        {
            var (exit, output, errors) = await Tool.RunAsync(validator, "lint", file, "--format", "stylish");
            (exit == 0).Should().BeTrue($"The validator found errors in the API document:\n{output}\n{errors}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public sealed class NoPublicUrlDocumentTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    [Fact]
    public async Task Without_a_public_address_the_API_document_names_no_server_at_all()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "attacker.example";
        var json = await (await app.NewClient().Http.SendAsync(request)).Content.ReadAsStringAsync();
        json.Should().NotContain("attacker.example");
        using var document = JsonDocument.Parse(json);
        (document.RootElement.TryGetProperty("servers", out var servers) && servers.GetArrayLength() > 0).Should().BeFalse();
    }
}
