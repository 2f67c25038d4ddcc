using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Demo;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Infrastructure;

public static class ServiceRegistration
{
    public static void AddCompliance(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DatabaseConnection>();
        services.AddDbContext<ComplianceDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<DatabaseConnection>().Value));
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditActor, AmbientAuditActor>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<SetUpOrganisation>();
        services.AddScoped<SaveSite>();
        services.AddScoped<SaveDepartment>();
        services.AddScoped<SaveEmployee>();
        services.AddScoped<MarkEmployeeAsLeaver>();
        services.AddScoped<ImportEmployees>();
        services.AddScoped<SeedDemo>();
        services.AddSingleton<SetupGate>();
        services.AddSingleton<ImportFileStore>();

        // The key ring protects sign-in cookies (and later, report encryption keys): back it up with the database.
        services.AddDataProtection().SetApplicationName("Compliance");
        services.AddOptions<KeyManagementOptions>().Configure<IConfiguration, ILoggerFactory>((options, configuration, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(DataDirectory.Resolve(configuration), "keys")), loggers));

        services.AddIdentity<ApplicationUser, IdentityRole<Guid>>(AccountRules.Configure)
            .AddEntityFrameworkStores<ComplianceDbContext>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "compliance.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            options.SlidingExpiration = true;
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "compliance.csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Roles.Administrator, p => p.RequireRole(Roles.Administrator));

        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Admin", Roles.Administrator);
            options.Conventions.AllowAnonymousToPage("/Setup");
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.AllowAnonymousToFolder("/Account");
        });
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(UkTime.Culture);
            o.SupportedCultures = [UkTime.Culture];
            o.SupportedUICultures = [UkTime.Culture];
        });
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = ImportFileStore.MaxBytes);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = ImportFileStore.MaxBytes + 1024 * 1024);
        services.AddHealthChecks().AddDbContextCheck<ComplianceDbContext>("database");
    }

    public static void UseCompliance(this WebApplication app)
    {
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error", "?code={0}");
        app.UseSecurityHeaders();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        SetupGate.UseSetupGate(app);
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapRazorPages();
    }
}
