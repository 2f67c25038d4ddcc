using System.Collections.Concurrent;
using Compliance.Core.Templating;
using HandlebarsDotNet;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Mail;

/// <summary>
/// Renders the Handlebars templates in templates/email/: an HTML and a plain-text body per message, each placed
/// in the shared layout (layout.html.hbs, layout.txt.hbs) that greets the person and links to the page. The HTML
/// is escaped (a title typed by a user cannot become markup); the text is not, since it is never read as HTML.
/// A binding the model does not have throws rather than leaving a gap.
/// </summary>
public sealed class EmailTemplates(IOptions<TemplateOptions> options)
{
    private readonly ConcurrentDictionary<string, HandlebarsTemplate<object, object>> _compiled = new();
    private readonly IHandlebars _html = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true });
    private readonly IHandlebars _text = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true, NoEscape = true });

    public string Folder => Path.Combine(options.Value.Path, "email");

    /// <param name="recipientName">Who it is for, as the greeting says.</param>
    /// <param name="link">The page to open, or null for none.</param>
    public RenderedEmail Render(IEmailModel model, string recipientName, string? link)
    {
        var layout = new EmailLayout(recipientName, model.Subject, link ?? "", link is not null, "",
            model.ToReporter ? "Open the follow-up page" : "Open it in the app", model.ToReporter ? ReporterFooter : StaffFooter);
        var html = Compile(_html, model.Template + ".html.hbs")(model);
        var text = Compile(_text, model.Template + ".txt.hbs")(model);
        return new RenderedEmail(
            model.Subject,
            Compile(_html, "layout.html.hbs")(layout with { Body = html }),
            Compile(_text, "layout.txt.hbs")(layout with { Body = text }));
    }

    /// <summary>The names of the message templates (every pair but the layout), for checks and tests.</summary>
    public IReadOnlyList<string> Names() =>
        [.. Directory.EnumerateFiles(Folder, "*.html.hbs").Select(f => Path.GetFileName(f)[..^".html.hbs".Length]).Where(n => n != "layout").Order()];

    private HandlebarsTemplate<object, object> Compile(IHandlebars handlebars, string file) =>
        _compiled.GetOrAdd((ReferenceEquals(handlebars, _html) ? "h:" : "t:") + file, _ =>
        {
            var path = Path.Combine(Folder, file);
            if (!File.Exists(path)) throw new FileNotFoundException($"The email template {file} is missing from {Folder}.", path);
            return handlebars.Compile(File.ReadAllText(path));
        });

    /// <summary>The layout's model; Body is the rendered message, placed unescaped (it was escaped when rendered).</summary>
    public sealed record EmailLayout(string RecipientName, string Subject, string Link, bool HasLink, string Body, string LinkLabel, string Footer);

    private const string StaffFooter = "You are getting this because of your role in your organisation's harassment prevention records. Reminders are sent once; you will also find them under Notifications in the app.";

    private const string ReporterFooter = "You are getting this because you asked to be told by email when there is a message. This email says nothing else; only you, with your reference and key, can read the message.";
}
