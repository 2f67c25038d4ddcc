using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Core.Mail;
using Compliance.Web.Infrastructure;
using Compliance.Web.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Admin.Mail;

[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(ComplianceDbContext db, AuditTrail audit, IDataProtectionProvider protection, MailTester tester, TimeProvider clock) : PageModel
{
    public sealed class MailForm
    {
        public string? Host { get; set; }
        public string? Port { get; set; } = "587";
        /// <summary>A <see cref="MailSecurity"/> name; checked on saving, so a value the form never offers is refused with a message.</summary>
        public string? Security { get; set; } = nameof(MailSecurity.StartTls);
        public string? UserName { get; set; }
        public string? Password { get; set; }
        public bool RemovePassword { get; set; }
        public string? FromAddress { get; set; }
        public string? FromName { get; set; }
    }

    [BindProperty] public MailForm Input { get; set; } = new();
    [BindProperty] public string? TestTo { get; set; }

    public MailSettings? Current { get; private set; }

    public async Task OnGetAsync()
    {
        Current = await db.MailSettings.AsNoTracking().CurrentAsync(HttpContext.RequestAborted);
        if (Current is { } c)
        {
            Input = new MailForm { Host = c.Host, Port = c.Port.ToString(), Security = c.Security.ToString(), UserName = c.UserName, FromAddress = c.FromAddress, FromName = c.FromName };
        }
        else
        {
            Input = new MailForm();
        }
        TestTo = await db.Users.Where(u => u.Id == CurrentUser.Id(User)).Select(u => u.Email).FirstOrDefaultAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var ct = HttpContext.RequestAborted;
        var portOk = int.TryParse(Input.Port?.Trim(), out var port);
        var password = Input.RemovePassword ? "" : string.IsNullOrEmpty(Input.Password) ? null : Input.Password;
        // Only one of the names the form offers; anything else is refused by Validate as undefined.
        var security = Enum.GetNames<MailSecurity>().Contains(Input.Security) ? Enum.Parse<MailSecurity>(Input.Security!) : (MailSecurity)(-1);
        var input = new MailSettingsInput(Input.Host, portOk ? port : 0, security, Input.UserName, password, Input.FromAddress, Input.FromName);
        var errors = MailSettings.Validate(input);
        if (!portOk)
        {
            // "Not a number" says more than the range message Validate gives for the 0 passed in its place.
            errors.RemoveAll(e => e.Field == nameof(MailSettingsInput.Port));
            errors.Insert(0, new FieldError(nameof(MailSettingsInput.Port), "Enter the port as a number, such as 587."));
        }
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors);
            Current = await db.MailSettings.AsNoTracking().CurrentAsync(ct);
            Input.Password = null;
            return Page();
        }
        var settings = await db.MailSettings.CurrentAsync(ct);
        if (settings is null)
        {
            settings = new MailSettings();
            db.MailSettings.Add(settings);
        }
        var protector = protection.CreateProtector(MailKitTransport.PasswordPurpose);
        var (userBefore, passwordBefore) = (settings.UserName, settings.ProtectedPassword);
        settings.Apply(input, protector.Protect, clock.GetUtcNow().UtcDateTime);
        // Says what changed about signing in, never the password itself.
        var was = userBefore is not null && userBefore != settings.UserName ? $" (was {userBefore})" : "";
        var signIn = settings.UserName is null ? "no sign-in" : $"signs in as {settings.UserName}{was}";
        var passwordChange = settings.ProtectedPassword == passwordBefore ? "" : settings.ProtectedPassword is null ? "; password removed" : "; password changed";
        var summary = settings.IsConfigured
            ? $"Outgoing mail set to {settings.Host}:{settings.Port} ({settings.Security.Describe()}), from {settings.FromAddress}, {signIn}{passwordChange}"
            : "Outgoing mail switched off: messages go to the outbox folder";
        await audit.SaveAsync(db, new AuditEvent("mail.settings-changed", "MailSettings", null, summary), ct);
        TempData["Notice"] = settings.IsConfigured ? "Mail settings saved. Send a test message to check them." : "Mail settings saved. Until a server is set, messages are saved to the outbox folder.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestAsync()
    {
        var ct = HttpContext.RequestAborted;
        var to = TestTo?.Trim() ?? "";
        if (!EmployeeValidator.IsEmail(to))
        {
            ModelState.AddModelError(nameof(TestTo), "Enter the address to send the test to, such as you@example.org.");
            await OnGetAsync();
            TestTo = to;
            return Page();
        }
        var result = await tester.SendAsync(to, CurrentUser.DisplayName(User), ct);
        TempData[result.Sent ? "Notice" : "Problem"] = result.Message;
        return RedirectToPage();
    }
}
