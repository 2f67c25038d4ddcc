using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Mail;
using Compliance.Core.Organisation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Compliance.Web.Tests.Infrastructure;

/// <summary>The real app, on its own fresh database (SQLite or PostgreSQL, see <see cref="TestDatabase"/>) and its own data directory.</summary>
public class ComplianceAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    protected virtual int SignInPostsPerClient => 100_000;

    /// <summary>Whether this instance runs background jobs; most tests drive the use cases directly and keep them off.</summary>
    protected virtual bool RunJobs => false;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "compliance-test-data", Guid.NewGuid().ToString("N"));

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateMigratedDatabaseAsync();
        _ = Services; // starts the host now, not in the first test
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Compliance:Database:Provider", TestDatabase.ProviderSetting);
        builder.UseSetting("ConnectionStrings:Compliance", ConnectionString);
        builder.UseSetting("Compliance:DataDirectory", DataDirectory);
        // Every test client shares one address; the limit's own test sets it low again.
        builder.UseSetting("Compliance:SignInRateLimit:PerClient", SignInPostsPerClient.ToString());
        // Likewise for the reporting page's limits; their own tests set them low again.
        builder.UseSetting("Compliance:Cases:ReportsPerClientPerHour", "100000");
        builder.UseSetting("Compliance:Cases:ReportsPerHour", "100000");
        builder.UseSetting("Compliance:Jobs:Run", RunJobs ? "true" : "false");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public ComplianceDbContext NewDbContext() => TestDatabase.NewDbContext(ConnectionString);

    /// <summary>Points the app's mail at a mail server on this machine (or at nothing, with null).</summary>
    public async Task UseMailServerAsync(int? port)
    {
        await using var db = NewDbContext();
        var settings = await db.MailSettings.CurrentAsync(CancellationToken.None);
        if (settings is null) db.MailSettings.Add(settings = new MailSettings());
        settings.Apply(new MailSettingsInput(port is null ? "" : "127.0.0.1", port ?? 25, MailSecurity.None, null, null, port is null ? "" : "compliance@example.test", "Compliance"), p => p, DateTime.UtcNow);
        await db.SaveChangesAsync();
    }

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
        TestDatabase.ClosePooledConnections(ConnectionString);
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

/// <summary>A staff account made for a test, with the key of its authenticator when two-factor sign-in is on.</summary>
public sealed record TestAccount(Guid Id, string Email, string Password, string? AuthenticatorKey);

/// <summary>An app that has been through first-run setup, with an administrator (two-factor on) who can sign in.</summary>
public class SetUpAppFactory : ComplianceAppFactory
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "correct horse battery staple";

    public TestAccount Admin { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var errors = await WithServiceAsync<SetUpOrganisation, List<FieldError>>(s => s.HandleAsync(
            new SetUpOrganisationInput("Acme Hospitality Ltd", Sector.Hospitality, SizeBand.Medium, [Nation.England, Nation.Scotland],
                "Alex Admin", AdminEmail, AdminPassword, AdminPassword)));
        errors.Should().BeEmpty();
        Admin = await EnableTwoFactorAsync(AdminEmail, AdminPassword);
    }

    /// <summary>An active account with these roles, made directly (the invitation journey has its own tests).</summary>
    public async Task<TestAccount> CreateAccountAsync(string email, string[] roles, bool twoFactor, string name = "Test Person")
    {
        const string password = "a long and unremarkable passphrase";
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, DisplayName = name, CreatedAtUtc = DateTime.UtcNow };
            var created = await users.CreateAsync(user, password);
            created.Succeeded.Should().BeTrue(string.Join("; ", created.Errors.Select(e => e.Description)));
            (await users.AddToRolesAsync(user, roles)).Succeeded.Should().BeTrue();
        }
        return twoFactor ? await EnableTwoFactorAsync(email, password) : new TestAccount(await UserIdAsync(email), email, password, null);
    }

    public async Task<TestAccount> EnableTwoFactorAsync(string email, string password)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return new TestAccount(user.Id, email, password, await users.GetAuthenticatorKeyAsync(user));
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!.Id;
    }

    public async Task<AppClient> SignedInAsync(TestAccount account)
    {
        var client = NewClient();
        await client.SignInAsync(account);
        return client;
    }

    public Task<AppClient> SignedInAdministratorAsync() => SignedInAsync(Admin);
}
