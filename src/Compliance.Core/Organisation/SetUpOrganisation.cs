using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.AspNetCore.Identity;

namespace Compliance.Core.Organisation;

public sealed record SetUpOrganisationInput(
    string? OrganisationName, Sector? Sector, SizeBand? SizeBand, IReadOnlyCollection<Nation> Nations,
    string? AdministratorName, string? AdministratorEmail, string? Password, string? ConfirmPassword);

/// <summary>First-run setup: the organisation and its first Administrator, together or not at all.</summary>
public sealed class SetUpOrganisation(
    ComplianceDbContext db, UserManager<ApplicationUser> users, RoleManager<IdentityRole<Guid>> roles,
    AuditTrail audit, TimeProvider clock)
{
    public async Task<List<FieldError>> HandleAsync(SetUpOrganisationInput input, CancellationToken ct = default)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return errors;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccountRules.OrganisationExistsAsync(db, ct))
        {
            return [new("", "This installation has already been set up. Sign in instead.")];
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var organisation = new Organisation(input.OrganisationName!, input.Sector!.Value, input.SizeBand!.Value, input.Nations, now);
        db.Organisations.Add(organisation);

        await AccountRules.EnsureRolesAsync(roles);
        var admin = new ApplicationUser
        {
            Id = RecordId.New(),
            UserName = input.AdministratorEmail!.Trim(),
            Email = input.AdministratorEmail.Trim(),
            DisplayName = input.AdministratorName!.Trim(),
            CreatedAtUtc = now,
        };
        var created = await users.CreateAsync(admin, input.Password!);
        if (!created.Succeeded)
        {
            return created.Errors.Select(e => new FieldError(e.Code.Contains("Password") ? nameof(input.Password) : nameof(input.AdministratorEmail), e.Description)).ToList();
        }
        await users.AddToRoleAsync(admin, Roles.Administrator);

        var events = new List<AuditEvent>
        {
            AuditEvent.For("organisation.created", "Organisation", organisation.Id, $"Organisation \"{organisation.Name}\" set up"),
            AuditEvent.For("account.created", "Account", admin.Id, "First Administrator account created at setup"),
        };
        if (organisation.OperatesOutsideDuty)
        {
            events.Add(AuditEvent.For("organisation.outside-duty-noted", "Organisation", organisation.Id,
                "Operates in Northern Ireland, where the s.40A duty does not apply"));
        }
        await audit.SaveAsync(db, events, ct);
        await tx.CommitAsync(ct);
        return [];
    }

    private static List<FieldError> Validate(SetUpOrganisationInput i)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(i.OrganisationName)) errors.Add(new(nameof(i.OrganisationName), "Enter the organisation's name."));
        else if (i.OrganisationName.Trim().Length > 200) errors.Add(new(nameof(i.OrganisationName), "The name must be 200 characters or fewer."));
        if (i.Sector is null || !Enum.IsDefined(i.Sector.Value)) errors.Add(new(nameof(i.Sector), "Choose the sector the organisation works in."));
        if (i.SizeBand is null || !Enum.IsDefined(i.SizeBand.Value)) errors.Add(new(nameof(i.SizeBand), "Choose how many people the organisation employs."));
        if (i.Nations.Count == 0 || i.Nations.Any(n => !Enum.IsDefined(n))) errors.Add(new(nameof(i.Nations), "Choose at least one nation the organisation operates in."));
        if (string.IsNullOrWhiteSpace(i.AdministratorName)) errors.Add(new(nameof(i.AdministratorName), "Enter your name."));
        else if (i.AdministratorName.Trim().Length > 100) errors.Add(new(nameof(i.AdministratorName), "Your name must be 100 characters or fewer."));
        var (_, emailErrors) = EmployeeValidator.ValidateEmail(i.AdministratorEmail, required: true);
        errors.AddRange(emailErrors.Select(e => e with { Field = nameof(i.AdministratorEmail) }));
        errors.AddRange(AccountRules.CheckNewPassword(i.Password, i.ConfirmPassword));
        return errors;
    }
}
