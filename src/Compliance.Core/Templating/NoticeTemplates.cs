using System.Text.RegularExpressions;
using HandlebarsDotNet;

namespace Compliance.Core.Templating;

/// <summary>Where the Handlebars templates live; the default is the templates folder beside the app.</summary>
public sealed class TemplateOptions
{
    public string Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "templates");
}

public sealed record NoticeTemplate(string Name, string Title, string Description);

public sealed record NoticeModel(string OrganisationName, string Sector, DateOnly Date);

/// <summary>
/// The notices in templates/notices/: a notice for customers and a contract clause for suppliers, filled from
/// the organisation profile. Each template starts with two comment lines giving its title and description.
/// Rendering escapes HTML, so a value such as the organisation name can never become markup where the text is
/// shown on a page.
/// </summary>
public sealed partial class NoticeTemplates(Microsoft.Extensions.Options.IOptions<TemplateOptions> options)
{
    private string Folder => System.IO.Path.Combine(options.Value.Path, "notices");

    public IReadOnlyList<NoticeTemplate> List() =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, "*.hbs").Select(Path.GetFileNameWithoutExtension).Where(n => n is not null && SafeName().IsMatch(n))
                .Select(n => Describe(n!, File.ReadAllText(System.IO.Path.Combine(Folder, n + ".hbs")))).OrderBy(t => t.Title).ToList()
            : [];

    /// <summary>The filled notice, or null when there is no template of that name (names are checked, never used as paths blindly).</summary>
    public string? Render(string name, NoticeModel model)
    {
        var path = System.IO.Path.Combine(Folder, name + ".hbs");
        if (!SafeName().IsMatch(name) || !File.Exists(path)) return null;
        var source = File.ReadAllText(path);
        var body = string.Join('\n', source.ReplaceLineEndings("\n").Split('\n').SkipWhile(l => l.StartsWith("{{!--", StringComparison.Ordinal)));
        var handlebars = Handlebars.Create(new HandlebarsConfiguration { NoEscape = false });
        var template = handlebars.Compile(body);
        return template(new
        {
            organisation = new { name = model.OrganisationName, sector = model.Sector },
            date = model.Date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")),
        });
    }

    private static NoticeTemplate Describe(string name, string source)
    {
        string Header(string key) => source.ReplaceLineEndings("\n").Split('\n').TakeWhile(l => l.StartsWith("{{!--", StringComparison.Ordinal))
            .Select(l => HeaderLine().Match(l)).Where(m => m.Success && m.Groups[1].Value == key).Select(m => m.Groups[2].Value.Trim()).FirstOrDefault() ?? "";
        var title = Header("title");
        return new NoticeTemplate(name, title.Length > 0 ? title : name, Header("description"));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex SafeName();

    [GeneratedRegex(@"^\{\{!--\s*(\w+):(.*?)--\}\}\s*$")]
    private static partial Regex HeaderLine();
}
