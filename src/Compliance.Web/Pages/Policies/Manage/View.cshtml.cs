using System.Security.Claims;
using Compliance.Core;
using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Core.Policies;
using Compliance.Web.Infrastructure;
using Compliance.Web.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Policies.Manage;

/// <summary>One policy: its versions, the section checklist, consultation, approval and publication.</summary>
public sealed class ViewModel(ComplianceDbContext db, PolicyWork work, BackgroundJobs jobs, TimeProvider clock) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public ConsultationForm Consultation { get; set; } = new();
    [BindProperty] public PublishForm Publish { get; set; } = new();
    [BindProperty] public string? ReturnReason { get; set; }
    [BindProperty] public bool Confirm { get; set; }

    public Policy Policy { get; private set; } = null!;
    public List<PolicyConsultation> Consultations { get; private set; } = [];
    public List<SectionCheck>? Checklist { get; private set; }
    public List<Site> Sites { get; private set; } = [];
    public List<Department> Departments { get; private set; } = [];
    public PolicyCoverage.Totals? Coverage { get; private set; }
    public DateOnly Today { get; private set; }

    public bool IsHr => User.IsInRole(Roles.HRManager);
    public bool IsDirector => User.IsInRole(Roles.Director);
    public bool HasSecondFactor => User.FindFirstValue(Sessions.TwoFactorClaim) == "true";

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostConsultationAsync()
    {
        if (!IsHr) return Forbid();
        ModelState.Clear();
        var errors = await work.RecordConsultationAsync(Id, new ConsultationInput(Consultation.Body, Consultation.ConsultedName, Consultation.HeldOn, Consultation.Outcome),
            CurrentUser.DisplayName(User), HttpContext.RequestAborted);
        return await AfterAsync(errors, "Consultation recorded.", "Consultation");
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        if (!IsHr) return Forbid();
        ModelState.Clear();
        return await AfterAsync(await work.SubmitAsync(Id, CurrentUser.DisplayName(User), HttpContext.RequestAborted), "Sent to the directors for approval.", "");
    }

    public async Task<IActionResult> OnPostApproveAsync()
    {
        if (!IsDirector) return Forbid();
        ModelState.Clear();
        // Approval is evidence that a director signed off this exact text: it needs a sign-in with a second factor.
        if (!HasSecondFactor) return await AfterAsync([new("", "Approving a policy needs two-factor sign-in. Set it up under Sign-in security, sign in again, then approve.")], "", "");
        if (!Confirm) return await AfterAsync([new("Confirm", "Tick the box to confirm that you approve this version as it stands.")], "", "");
        return await AfterAsync(await work.ApproveAsync(Id, CurrentUser.Id(User), CurrentUser.DisplayName(User), HttpContext.RequestAborted),
            "Version approved. An HR manager can now publish it.", "");
    }

    public async Task<IActionResult> OnPostReturnAsync()
    {
        if (!IsDirector) return Forbid();
        ModelState.Clear();
        return await AfterAsync(await work.ReturnAsync(Id, ReturnReason, HttpContext.RequestAborted), "Sent back to draft with your reason.", "");
    }

    public async Task<IActionResult> OnPostPublishAsync()
    {
        if (!IsHr) return Forbid();
        ModelState.Clear();
        var (outcome, errors) = await work.PublishAsync(Id, new PublishInput(Publish.EffectiveOn, Publish.Audience, Publish.AudienceIds ?? [], Publish.Change, Publish.MissingSectionsReason),
            CurrentUser.DisplayName(User), HttpContext.RequestAborted);
        if (errors.Count > 0 || outcome is null) return await AfterAsync(errors, "", "Publish");
        if (outcome.Scheduled)
        {
            TempData["Notice"] = $"Version scheduled: it will be published on {UkDates.Long(outcome.EffectiveOn)}, and the version in force stays in force until then.";
            return Redirect($"/policies/manage/{Id}");
        }
        // Links and emails are made in the background, a batch at a time; the coverage page shows how far it has got.
        jobs.Start(JobNames.PolicySend, asked: true);
        TempData["Notice"] = Publish.Change == PolicyChange.Material
            ? "Version published. Everyone it is for is being sent a personal link; the coverage page shows the progress."
            : "Version published as a minor change: acknowledgements of the version before still count.";
        return Redirect($"/policies/manage/{Id}");
    }

    public async Task<IActionResult> OnPostCancelScheduleAsync()
    {
        if (!IsHr) return Forbid();
        ModelState.Clear();
        return await AfterAsync(await work.CancelScheduleAsync(Id, HttpContext.RequestAborted), "Scheduled publication cancelled. The version stays approved.", "");
    }

    public async Task<IActionResult> OnPostNewVersionAsync()
    {
        if (!IsHr) return Forbid();
        ModelState.Clear();
        var errors = await work.StartNewVersionAsync(Id, HttpContext.RequestAborted);
        if (errors.Count > 0) return await AfterAsync(errors, "", "");
        TempData["Notice"] = "New version started as a draft, copied from the version in force.";
        return Redirect($"/policies/manage/{Id}/edit");
    }

    private async Task<IActionResult> AfterAsync(List<FieldError> errors, string notice, string prefix)
    {
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors, prefix);
            return await LoadAsync() ? Page() : NotFound();
        }
        TempData["Notice"] = notice;
        return Redirect($"/policies/manage/{Id}");
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Today = UkTime.Today(clock);
        var policy = await db.Policies.AsNoTracking().Include(p => p.Versions).SingleOrDefaultAsync(p => p.Id == Id, ct);
        if (policy is null) return false;
        Policy = policy;
        Consultations = await db.PolicyConsultations.AsNoTracking().Where(c => c.PolicyId == Id).OrderByDescending(c => c.HeldOn).ToListAsync(ct);
        if (policy.Open is { } open && policy.Kind.HasChecklist()) Checklist = PolicySections.Check(open.Text);
        Sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct);
        if (policy.InForce is { } inForce) Coverage = await PolicyCoverage.TotalsAsync(db, Id, inForce, Today, ct);
        return true;
    }

    public sealed class ConsultationForm
    {
        public ConsultationBody? Body { get; set; }
        public string? ConsultedName { get; set; }
        public string? HeldOn { get; set; }
        public string? Outcome { get; set; }
    }

    public sealed class PublishForm
    {
        public string? EffectiveOn { get; set; }
        public AudienceKind? Audience { get; set; } = AudienceKind.Everyone;
        public Guid[]? AudienceIds { get; set; }
        public PolicyChange? Change { get; set; }
        public string? MissingSectionsReason { get; set; }
    }
}
