using System.Security.Cryptography;
using System.Text;
using Compliance.Core.Auditing;
using Compliance.Core.Common;
using Compliance.Core.Data;
using Compliance.Core.Templating;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.ThirdParty;

/// <summary>
/// Where and from when one of the preventive measures the app produces for step 7 (the customer notice, the supplier
/// contract clause) is in use, as an HR manager recorded it, with the SHA-256 of the text as the app filled it in
/// when the use was recorded.
/// </summary>
public sealed class MeasureUse
{
    public const int MaxWhereLength = 300;

    private MeasureUse()
    {
    }

    internal MeasureUse(string template, string title, string where, DateOnly usedFrom, string textSha256, string recordedBy, DateTime nowUtc)
    {
        Id = RecordId.New();
        (TemplateName, TemplateTitle, Where, UsedFrom, TextSha256, RecordedByName, RecordedAtUtc) = (template, title, where, usedFrom, textSha256, recordedBy, nowUtc);
    }

    public Guid Id { get; private set; }
    public string TemplateName { get; private set; } = "";
    public string TemplateTitle { get; private set; } = "";

    /// <summary>Where it is displayed or used: a place, or a kind of contract.</summary>
    public string Where { get; private set; } = "";

    public DateOnly UsedFrom { get; private set; }

    /// <summary>The SHA-256 of the text as the app filled it in when the use was recorded (the organisation's name then, dated <see cref="UsedFrom"/>).</summary>
    public string TextSha256 { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }
}

public sealed record MeasureUseInput(string? Template, string? Where, string? UsedFrom);

/// <summary>Records where a notice or clause is used, audited; refuses an unknown template, a blank place and a date to come.</summary>
public sealed class RecordMeasureUse(ComplianceDbContext db, NoticeTemplates templates, AuditTrail audit, TimeProvider clock)
{
    public const string Action = "preventive-measure.used";

    public async Task<(Guid? Id, List<FieldError> Errors)> HandleAsync(MeasureUseInput input, string actorName, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var today = UkCalendar.Today(clock);
        var template = templates.List().FirstOrDefault(t => t.Name == input.Template);
        if (template is null) errors.Add(new(nameof(input.Template), "Choose a notice or clause from this page."));
        var where = TextRules.Required(input.Where, MeasureUse.MaxWhereLength, nameof(input.Where), "Where it is used", errors,
            "Say where it is used, such as \"Reception and bar, London Bridge Hotel\" or \"All supplier contracts\".");
        var from = UkDates.Parse(input.UsedFrom);
        if (string.IsNullOrWhiteSpace(input.UsedFrom)) errors.Add(new(nameof(input.UsedFrom), "Enter the date it was put up or first used."));
        else if (from is null) errors.Add(new(nameof(input.UsedFrom), $"\"{input.UsedFrom.Trim()}\" is not a date. Use a date such as 14/03/2026."));
        else if (from > today) errors.Add(new(nameof(input.UsedFrom), "Record it once it is in use: the date cannot be in the future."));
        else if (from < today.AddYears(-5)) errors.Add(new(nameof(input.UsedFrom), "The date must be within the last five years."));
        if (errors.Count > 0) return (null, errors);

        var organisation = await db.Organisations.AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.Name, o.Sector }).FirstOrDefaultAsync(ct);
        var text = organisation is null ? null : templates.Render(template!.Name, new NoticeModel(organisation.Name, organisation.Sector.ToString(), from!.Value), TemplateMode.Text);
        if (text is null) return (null, [new(nameof(input.Template), organisation is null ? "Set up the organisation first: the notice is filled in with its name." : "That notice's template is no longer installed.")]);
        var use = new MeasureUse(template!.Name, template.Title, where!, from!.Value, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), actorName, clock.GetUtcNow().UtcDateTime);
        db.MeasureUses.Add(use);
        await audit.SaveAsync(db, AuditEvent.For(Action, "MeasureUse", use.Id,
            $"{template.Title} recorded as used from {UkDates.Long(from.Value)}: {where}; text SHA-256 {use.TextSha256}"), ct);
        return (use.Id, []);
    }
}
