using Compliance.Core.Data;
using Compliance.Core.Organisation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Compliance.Web.Tests.Infrastructure;

/// <summary>The real app, on its own fresh PostgreSQL database and its own data directory.</summary>
public class ComplianceAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "compliance-test-data", Guid.NewGuid().ToString("N"));

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync();
        _ = Services; // starts the host: migrations run now, not in the first test
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Compliance", ConnectionString);
        builder.UseSetting("Compliance:DataDirectory", DataDirectory);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public ComplianceDbContext NewDbContext() =>
        new(new DbContextOptionsBuilder<ComplianceDbContext>().UseNpgsql(ConnectionString).Options);

    public AppClient NewClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Runs a use case from the container, as a page would (no web request, so the actor is the command line).</summary>
    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> use) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

/// <summary>An app that has been through first-run setup, with an administrator who can sign in.</summary>
public class SetUpAppFactory : ComplianceAppFactory
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "correct horse battery staple";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var errors = await WithServiceAsync<SetUpOrganisation, List<Compliance.Core.Employees.FieldError>>(s => s.HandleAsync(
            new SetUpOrganisationInput("Acme Hospitality Ltd", Sector.Hospitality, SizeBand.Medium, [Nation.England, Nation.Scotland],
                "Alex Admin", AdminEmail, AdminPassword, AdminPassword)));
        Assert.Empty(errors);
    }

    public async Task<AppClient> SignedInAdministratorAsync()
    {
        var client = NewClient();
        await client.SignInAsync(AdminEmail, AdminPassword);
        return client;
    }
}
