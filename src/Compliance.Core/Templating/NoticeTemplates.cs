using System.Text.RegularExpressions;

namespace Compliance.Core.Templating;

public sealed record NoticeTemplate(string Name, string Title, string Description);

public sealed record NoticeModel(string OrganisationName, string Sector, DateOnly Date);

/// <summary>
/// The notices in templates/notices/ (Scriban): a notice for customers and a contract clause for suppliers, filled
/// from the organisation profile. Each template starts with two comment lines giving its title and description.
/// Rendered for a page, every value is escaped, so the organisation name can never become markup; rendered as
/// text for a download, nothing is.
/// </summary>
public sealed partial class NoticeTemplates(Microsoft.Extensions.Options.IOptions<TemplateOptions> options)
{
    public const string Extension = ".sbn";

    private string Folder => System.IO.Path.Combine(options.Value.Path, "notices");

    public IReadOnlyList<NoticeTemplate> List() =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, "*" + Extension).Select(Path.GetFileNameWithoutExtension).Where(n => n is not null && SafeName().IsMatch(n))
                .Select(n => Describe(n!, File.ReadAllText(System.IO.Path.Combine(Folder, n + Extension)))).OrderBy(t => t.Title).ToList()
            : [];

    /// <summary>The filled notice, or null when there is no template of that name (names are checked, never used as paths blindly).</summary>
    public string? Render(string name, NoticeModel model, TemplateMode mode)
    {
        var path = System.IO.Path.Combine(Folder, name + Extension);
        if (!SafeName().IsMatch(name) || !File.Exists(path)) return null;
        return TemplateRenderer.RenderFile(path, new Values(
            new Organisation(model.OrganisationName, model.Sector),
            model.Date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))), mode, TemplateHeader.Strip);
    }

    /// <summary>What a notice template can name: {{ organisation.name }}, {{ organisation.sector }} and {{ date }}.</summary>
    private sealed record Values(Organisation organisation, string date);

    private sealed record Organisation(string name, string sector);

    private static NoticeTemplate Describe(string name, string source)
    {
        var title = TemplateHeader.Read(source, "title");
        return new NoticeTemplate(name, title.Length > 0 ? title : name, TemplateHeader.Read(source, "description"));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex SafeName();
}

/// <summary>A template's header: its first lines, each <c>{{# key: value }}</c> (a Scriban comment), such as its title and description.</summary>
public static partial class TemplateHeader
{
    public static string Strip(string source) =>
        string.Join('\n', source.ReplaceLineEndings("\n").Split('\n').SkipWhile(l => HeaderLine().IsMatch(l)));

    public static string Read(string source, string key) =>
        source.ReplaceLineEndings("\n").Split('\n').Select(l => HeaderLine().Match(l)).TakeWhile(m => m.Success)
            .Where(m => m.Groups[1].Value == key).Select(m => m.Groups[2].Value.Trim()).FirstOrDefault() ?? "";

    [GeneratedRegex(@"^\{\{#\s*(\w+):(.*?)\}\}\s*$")]
    private static partial Regex HeaderLine();
}
