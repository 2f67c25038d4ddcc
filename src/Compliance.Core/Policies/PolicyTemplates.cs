using Compliance.Core.Templating;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Policies;

/// <summary>What a policy template is filled with: the organisation, its sites, where to report, named contacts and support lines.</summary>
public sealed record PolicyTemplateModel(string OrganisationName, IReadOnlyList<string> Sites, string ReportAddress, IReadOnlyList<string> Contacts,
    IReadOnlyList<string> SupportLines, DateOnly ReviewBy);

/// <summary>
/// The policy templates in templates/policies/ (Scriban over Markdown): each kind starts from its own. Filled as
/// text (the result is Markdown, which is made safe when it is turned into HTML); a name the template uses that
/// the model does not have is an error.
/// </summary>
public sealed class PolicyTemplates(IOptions<TemplateOptions> options)
{
    public const string Extension = ".md.sbn";

    /// <summary>Free, confidential help outside the organisation (the same lines as the reporting page).</summary>
    public static readonly IReadOnlyList<string> DefaultSupportLines =
    [
        "Acas: free, confidential advice on problems at work, 0300 123 1100, https://www.acas.org.uk/sexual-harassment",
        "Equality Advisory and Support Service: 0808 800 0082",
        "Protect (whistleblowing advice): 020 3117 2520",
        "Rape Crisis (England and Wales): 0808 500 2222; Rape Crisis Scotland: 08088 01 03 02",
        "In an emergency call 999; to report a crime that is not an emergency, call 101",
    ];

    public string Title(PolicyKind kind)
    {
        var path = PathOf(kind);
        var title = File.Exists(path) ? TemplateHeader.Read(File.ReadAllText(path), "title") : "";
        return title.Length > 0 ? title : kind.Label();
    }

    public string Render(PolicyKind kind, PolicyTemplateModel model) =>
        TemplateRenderer.RenderFile(PathOf(kind), new Values(
            new OrganisationValues(model.OrganisationName), [.. model.Sites], model.ReportAddress, [.. model.Contacts], [.. model.SupportLines],
            UkDates.Long(model.ReviewBy)), TemplateMode.Text, TemplateHeader.Strip).Trim() + "\n";

    private string PathOf(PolicyKind kind) => Path.Combine(options.Value.Path, "policies", kind.Template() + Extension);

    /// <summary>What a policy template can name: {{ organisation.name }}, {{ sites }}, {{ report_address }}, {{ contacts }}, {{ support_lines }}, {{ review_date }}.</summary>
    private sealed record Values(OrganisationValues organisation, string[] sites, string report_address, string[] contacts, string[] support_lines, string review_date);

    private sealed record OrganisationValues(string name);
}

/// <summary>Settings under Compliance:Policies. Dates and intervals are settings, never constants.</summary>
public sealed class PolicyOptions
{
    /// <summary>Months from publication to the next review.</summary>
    public int ReviewIntervalMonths { get; set; } = 12;

    /// <summary>Days after being asked that a person who has not acknowledged is reminded by email (first, then second).</summary>
    public int[] ReminderDays { get; set; } = [7, 21];

    /// <summary>Days after being asked that a person's line managers are told they have not acknowledged (then weekly).</summary>
    public int ManagerNoticeDays { get; set; } = 28;

    /// <summary>Days before the review date that HR managers are reminded (and again when it is overdue).</summary>
    public int ReviewNoticeDays { get; set; } = 30;

    /// <summary>Days a personal link stays valid; 0 means until the person acknowledges or leaves.</summary>
    public int LinkValidDays { get; set; }

    /// <summary>People asked per transaction when a version is sent out.</summary>
    public int SendBatchSize { get; set; } = 500;
}
