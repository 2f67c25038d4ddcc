using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.Demo;
using Compliance.Core.Employees;
using Compliance.Core.Exports;
using Compliance.Core.Mail;
using Compliance.Core.Organisation;
using Compliance.Core.Policies;
using Compliance.Core.Reminders;
using Compliance.Core.RiskAssessments;
using Compliance.Core.Templating;
using Compliance.Core.ThirdParty;
using Compliance.Web.Api;
using Compliance.Web.Jobs;
using Compliance.Web.Mail;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Infrastructure;

public static class ServiceRegistration
{
    private const string ByPath = "ByPath";

    public static void AddCompliance(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The framework's request-level messages (below Warning) carry the address, and one-time links carry a
        // secret in theirs: keep them out of the logs even when an operator turns logging up.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        services.AddSingleton(TimeProvider.System);
        var database = DatabaseStartup.Target(builder.Configuration);
        services.AddSingleton(database);
        services.AddDbContextPool<ComplianceDbContext>((sp, options) => sp.GetRequiredService<DatabaseTarget>().Apply(options));
        services.AddHostedService<WriteAheadLogTrim>();
        services.AddHostedService<AuditCheckpointTimer>();
        services.AddHostedService<CheckpointTimeStamper>();
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditActor, AmbientAuditActor>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditVerifier>();
        services.AddSingleton<AuditAnchor>();
        services.AddScoped<DailyCheckpoint>();
        services.AddScoped<AuditAcknowledgement>();
        services.AddOptions<AuditAnchorOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            if (string.IsNullOrEmpty(o.Folder)) o.Folder = Path.Combine(DataDirectory.Resolve(configuration), "anchor");
        });
        services.AddOptions<CheckpointTimeStampOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.Authority = configuration["Compliance:Audit:TimeStampAuthority"] ?? "";
            o.Timeout = configuration.GetValue("Compliance:Audit:TimeStampTimeout", o.Timeout);
            o.AuthorityCertificate = configuration["Compliance:Audit:TimeStampAuthorityCertificate"] ?? "";
        });
        services.AddHttpClient<ITimeStampTransport, HttpTimeStampTransport>();
        services.AddScoped<CheckpointTimeStamps>();
        services.AddScoped<AuditSearch>();
        services.AddScoped<SetUpOrganisation>();
        services.AddScoped<SaveSite>();
        services.AddScoped<Core.Scoring.LegalTimeline>();
        services.AddScoped<Core.Scoring.StepEvidence>();
        services.AddScoped<Core.Scoring.SignOffPosition>();
        services.AddScoped<Core.Scoring.ActionPlan>();
        services.AddScoped<Core.Scoring.ScoringSettings>();
        services.AddScoped<Core.Scoring.RecordEngagement>();
        services.AddScoped<Core.ThirdParty.RecordMeasureUse>();
        services.AddScoped<Core.Scoring.PositionTrend>();
        services.AddSingleton<Core.Scoring.PositionToday>();
        services.AddSingleton<Core.Training.CoverageToday>();
        services.AddScoped<Core.Scoring.MonitoringFigures>();
        services.AddScoped<Core.EvidencePacks.PackBuilder>();
        // One chapter of the evidence pack per step, each beside its feature, as the reminder sources are.
        services.AddScoped<Core.EvidencePacks.PackReads>();
        services.AddScoped<Core.EvidencePacks.IPackChapter, Core.Policies.PolicyPackChapter>();
        services.AddScoped<Core.EvidencePacks.IPackChapter, Core.Scoring.EngagementPackChapter>();
        services.AddScoped<Core.EvidencePacks.IPackChapter, Core.RiskAssessments.RiskPackChapter>();
        services.AddScoped<Core.EvidencePacks.IPackChapter, Core.Cases.ReportingPackChapter>();
        services.AddScoped<Core.EvidencePacks.IPackChapter, Core.Training.TrainingPackChapter>();
        services.AddScoped<Core.EvidencePacks.IPackChapter, Core.Cases.ComplaintsPackChapter>();
        services.AddScoped<Core.EvidencePacks.IPackChapter, Core.ThirdParty.ThirdPartyPackChapter>();
        services.AddScoped<Core.EvidencePacks.IPackChapter, Core.Scoring.MonitoringPackChapter>();
        services.AddScoped<Core.EvidencePacks.EvidencePackWork>();
        services.AddScoped<Core.EvidencePacks.PackVerifier>();
        services.AddScoped<SaveDepartment>();
        services.AddScoped<SaveEmployee>();
        services.AddScoped<MarkEmployeeAsLeaver>();
        services.AddScoped<ImportEmployees>();
        services.AddScoped<SeedDemo>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<ApiTokens>();
        services.AddScoped<SignInEvents>();
        services.AddScoped<RiskAssessmentWork>();
        services.AddScoped<PolicyWork>();
        services.AddScoped<PolicyDistribution>();
        services.AddScoped<PolicyAcknowledging>();
        services.AddScoped<PolicyLetters>();
        services.AddSingleton<PolicyTemplates>();
        services.Configure<PolicyOptions>(builder.Configuration.GetSection("Compliance:Policies"));
        services.AddScoped<Compliance.Core.Training.CourseWork>();
        services.AddScoped<Compliance.Core.Training.RecordCompletions>();
        services.AddScoped<Compliance.Core.Training.TrainingDistribution>();
        services.Configure<Compliance.Core.Training.TrainingOptions>(builder.Configuration.GetSection("Compliance:Training"));
        services.Configure<Compliance.Core.Scoring.ScoringOptions>(builder.Configuration.GetSection("Compliance:Scoring"));
        services.Configure<RiskAssessmentOptions>(builder.Configuration.GetSection("Compliance:RiskAssessments"));
        services.AddScoped<AddOrganisationFactor>();
        services.AddScoped<LogIncident>();
        services.AddScoped<RiskRegisterExport>();
        services.AddSingleton<NoticeTemplates>();
        services.Configure<TemplateOptions>(builder.Configuration.GetSection("Compliance:Templates"));
        services.Configure<CaseOptions>(builder.Configuration.GetSection("Compliance:Cases"));
        services.AddOptions<CaseOptions>().PostConfigure<IConfiguration>((o, configuration) =>
        {
            if (string.IsNullOrEmpty(o.FilesPath)) o.FilesPath = Path.Combine(DataDirectory.Resolve(configuration), "cases");
        }).Validate(o => o.ReportsAtOnce >= 1, "Compliance:Cases:ReportsAtOnce must be 1 or more: how many reports one instance works on at once.")
            .ValidateOnStart();
        services.AddSingleton<CaseKeyring>();
        services.AddSingleton<CaseFileStore>();
        services.AddSingleton<FollowUpGuard>();
        services.AddSingleton<ReportGuard>();
        services.AddSingleton<ReportAdmission>();
        services.AddScoped<SubmitReport>();
        services.AddScoped<ReporterFollowUp>();
        services.AddScoped<CaseWork>();
        services.AddScoped<ReporterNotices>();
        AddRemindersAndMail(builder);
        builder.AddBackgroundJobs(database);
        services.AddSingleton<SetupGate>();
        services.AddSingleton<ImportFileStore>();

        KeyRing.Configure(builder);

        services.AddIdentity<ApplicationUser, IdentityRole<Guid>>(options =>
            {
                AccountRules.Configure(options);
                // "Confirmed" here means active: a password has been chosen and the account is not disabled.
                options.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<ComplianceDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordRules>()
            .AddClaimsPrincipalFactory<ComplianceClaimsFactory>();
        services.AddScoped<IUserConfirmation<ApplicationUser>, ActiveAccountConfirmation>();
        Sessions.Configure(services);
        // Under /api only a token counts, and a refusal is a problem-details 401 or 403, never a redirect to the
        // sign-in page; everywhere else it is the sign-in cookie.
        services.AddAuthentication(o =>
            {
                o.DefaultAuthenticateScheme = ByPath;
                o.DefaultChallengeScheme = ByPath;
                o.DefaultForbidScheme = ByPath;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddPolicyScheme(ByPath, "Token under /api, cookie elsewhere", o => o.ForwardDefaultSelector = c =>
                c.Request.Path.StartsWithSegments("/api") ? ApiTokenAuthentication.SchemeName : IdentityConstants.ApplicationScheme);
        services.AddProblemDetails();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "compliance.csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request came over HTTPS, directly or through a trusted proxy.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var role in Roles.All)
        {
            authorization.AddPolicy(role, p => p.RequireRole(role));
        }
        authorization.AddPolicy(AccessPolicies.RiskReaders, p => p.RequireRole(Roles.HRManager, Roles.Director));
        authorization.AddPolicy(AccessPolicies.IncidentReaders, p => p.RequireRole(Roles.HRManager, Roles.Director, Roles.Manager));
        authorization.AddPolicy(AccessPolicies.CaseCountReaders, p => p.RequireRole(Roles.Administrator, Roles.HRManager, Roles.Director, Roles.CaseHandler));
        authorization.AddPolicy(AccessPolicies.IncidentLoggers, p => p.RequireRole(Roles.HRManager, Roles.Manager));
        authorization.AddPolicy(AccessPolicies.HRAndDirectors, p => p.RequireRole(Roles.HRManager, Roles.Director));
        authorization.AddPolicy(AccessPolicies.AuditReaders, p => p.RequireRole(Roles.Administrator, Roles.Director));
        authorization.AddPolicy(AccessPolicies.JobsDashboard, p => p.RequireRole(Roles.Administrator).RequireClaim(Sessions.TwoFactorClaim, "true"));
        ApiTokenAuthentication.AddPolicies(authorization);
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<OpenApiDescription>();
            options.AddOperationTransformer(OpenApiDescription.DescribeJsonBodyAsync);
        });

        services.AddRazorPages(options =>
        {
            // Every folder names its role; pages outside these need only a signed-in person (the fallback policy).
            options.Conventions.AuthorizeFolder("/Admin", Roles.Administrator);
            options.Conventions.AuthorizeFolder("/Team", Roles.Manager);
            // Directors read everything but case content: the audit trail (with administrators), risk assessments,
            // their exports and notices; they approve assessments; only HR managers change them (checked again in each handler).
            options.Conventions.AuthorizeFolder("/Audit", AccessPolicies.AuditReaders);
            options.Conventions.AuthorizePage("/Audit/Acknowledge", Roles.Director);
            options.Conventions.AuthorizeFolder("/Risk", AccessPolicies.RiskReaders);
            foreach (var page in (string[])["/Risk/Assessments/New", "/Risk/Assessments/Factor"])
            {
                options.Conventions.AuthorizePage(page, Roles.HRManager);
            }
            // Policies: HR managers draft and publish, directors approve (checked again in each handler).
            options.Conventions.AuthorizeFolder("/Policies/Manage", AccessPolicies.HRAndDirectors);
            // Training: HR managers define courses and record completions; directors read coverage.
            options.Conventions.AuthorizeFolder("/Training", AccessPolicies.HRAndDirectors);
            foreach (var page in (string[])["/Training/Edit", "/Training/Record", "/Training/Import", "/Training/ImportPreview"])
            {
                options.Conventions.AuthorizePage(page, Roles.HRManager);
            }
            options.Conventions.AddPageRoute("/Training/Edit", "/training/courses/new");
            // The position: directors and HR managers.
            options.Conventions.AuthorizeFolder("/Position", AccessPolicies.HRAndDirectors);
            options.Conventions.AuthorizePage("/Position/SignOff", Roles.Director);
            // Evidence packs: directors and HR managers (only a director may ask for the named edition, checked in the use case).
            options.Conventions.AuthorizeFolder("/Packs", AccessPolicies.HRAndDirectors);
            options.Conventions.AuthorizeFolder("/Incidents", AccessPolicies.IncidentReaders);
            options.Conventions.AuthorizePage("/Incidents/New", AccessPolicies.IncidentLoggers);
            // Case content: handlers only (and only those assigned, checked in each handler). Others see counts.
            options.Conventions.AuthorizeFolder("/Cases", Roles.CaseHandler);
            options.Conventions.AuthorizeFolder("/CaseOverview", AccessPolicies.CaseCountReaders);
            // Notifications: any signed-in person, their own only (the fallback policy, and each query is by user).
            // The only public pages.
            foreach (var page in (string[])["/Report/Index", "/Report/FollowUp", "/Setup", "/Error", "/Account/SignIn", "/Account/SignInCode", "/Account/SignInRecovery", "/Account/Invitation", "/Account/SignOut", "/Policies/Read", "/Policies/Acknowledge", "/Policies/Code", "/Verify"])
            {
                options.Conventions.AllowAnonymousToPage(page);
            }
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
        SignInRateLimit.Configure(services, builder.Configuration);
        TrustedProxies.Configure(services, builder.Configuration);
        services.AddHealthChecks().AddDbContextCheck<ComplianceDbContext>("database");
    }

    private static void AddRemindersAndMail(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ReminderOptions>(builder.Configuration.GetSection("Compliance:Reminders"));
        services.Configure<MailOptions>(builder.Configuration.GetSection("Compliance:Mail"));
        services.AddOptions<MailOptions>().PostConfigure<IConfiguration>((o, configuration) =>
        {
            if (string.IsNullOrEmpty(o.OutboxPath)) o.OutboxPath = Path.Combine(DataDirectory.Resolve(configuration), "outbox");
            var publicUrl = configuration["Compliance:PublicUrl"];
            var listening = configuration["Urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            o.PublicUrl = !string.IsNullOrWhiteSpace(publicUrl) ? publicUrl : listening ?? o.PublicUrl;
        });
        services.AddSingleton<EmailTemplates>();
        services.AddSingleton<IMailTransport, MailKitTransport>();
        services.AddScoped<MailDispatcher>();
        services.AddScoped<MailTester>();
        services.AddScoped<InvitationMailer>();
        services.AddScoped<ReminderSweep>();
        services.AddScoped<ReminderQueue>();
        services.AddScoped<CaseAlerts>();
        // Each feature's reminders: the sweep asks every registered source.
        services.AddScoped<IReminderSource, RiskReminders>();
        services.AddScoped<IReminderSource, CaseReminders>();
        services.AddScoped<IReminderSource, PolicyReminders>();
        services.AddScoped<IReminderSource, Compliance.Core.Training.TrainingReminders>();
        services.AddScoped<CasePurge>();
        services.AddScoped<NotificationBell>();
    }

    public static void UseCompliance(this WebApplication app)
    {
        // A person waits at every request: on SQLite its writes are told at once when the queue is too long.
        app.Use(async (context, next) =>
        {
            using (Compliance.Core.Data.Providers.SqliteWriteGate.ForRequest()) await next();
        });
        app.UseMiddleware<UnlistedProxyWarning>();
        if (app.Services.GetRequiredService<TrustedProxyList>().Any) app.UseForwardedHeaders();
        // Sent only on HTTPS responses (directly, or through a trusted proxy that says so).
        app.UseHsts();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            // A body over a page's limit is the sender's doing: it is answered 413 in words, never as a fault of the app.
            // A write the database could not take in time (too many waiting) is 503: nothing was saved, try again shortly.
            StatusCodeSelector = e => e switch
            {
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => StatusCodes.Status413PayloadTooLarge,
                _ when Compliance.Core.Data.Providers.DatabaseBusyException.IsIn(e) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        // The API answers in problem details; pages get the error page.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePagesWithReExecute("/error", "?code={0}"));
        // An unknown address or method under /api answers 404 or 405 as problem details.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePages(async context =>
        {
            var status = context.HttpContext.Response.StatusCode;
            await Results.Problem(statusCode: status, title: status switch
            {
                StatusCodes.Status404NotFound => "No such address in the API",
                StatusCodes.Status405MethodNotAllowed => "That method is not allowed on this address",
                _ => null,
            }).ExecuteAsync(context.HttpContext);
        }));
        app.UseSecurityHeaders();
        app.UseReportChannel();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRateLimiter();
        SetupGate.UseSetupGate(app);
        app.UseRouting();
        app.UseAuthentication();
        app.UseTwoFactorGate();
        app.UseAuthorization();
        app.UseJobsDashboardMethods();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        var api = app.MapGroup("/api/v1");
        api.MapEmployeesApi();
        api.MapTrainingApi();
        app.MapRazorPages();
        app.MapJobsDashboard();
    }
}
