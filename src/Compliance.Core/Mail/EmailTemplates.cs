using Compliance.Core.Templating;
using Microsoft.Extensions.Options;

namespace Compliance.Core.Mail;

/// <summary>
/// Renders the Scriban templates in templates/email/: an HTML and a plain-text body per message, each placed in the
/// shared layout (layout.html.sbn, layout.txt.sbn) that greets the person and links to the page. In the HTML every
/// value is escaped (a title typed by a user cannot become markup) unless the template marks it with <c>raw</c>, as
/// the layout does for the body it wraps; the text is not escaped, since it is never read as HTML. A name the model
/// does not have throws rather than leaving a gap.
/// </summary>
public sealed class EmailTemplates(IOptions<TemplateOptions> options)
{
    public const string HtmlExtension = ".html.sbn";
    public const string TextExtension = ".txt.sbn";

    public string Folder => Path.Combine(options.Value.Path, "email");

    /// <param name="recipientName">Who it is for, as the greeting says.</param>
    /// <param name="link">The page to open, or null for none.</param>
    public RenderedEmail Render(IEmailModel model, string recipientName, string? link) => Wrap(model, RenderBody(model), recipientName, link);

    /// <summary>The message's own part, the same for everyone it goes to: rendered once for many recipients.</summary>
    public EmailBody RenderBody(IEmailModel model) =>
        new(File(model.Template + HtmlExtension, model, TemplateMode.Html), File(model.Template + TextExtension, model, TemplateMode.Text));

    /// <summary>The body placed in the layout for one person: the greeting, the link and the footer.</summary>
    public RenderedEmail Wrap(IEmailModel model, EmailBody body, string recipientName, string? link)
    {
        var layout = new EmailLayout(recipientName, model.Subject, link ?? "", link is not null, "",
            model.LinkLabel ?? (model.ToReporter ? "Open the follow-up page" : "Open it in the app"), model.Footer ?? (model.ToReporter ? ReporterFooter : StaffFooter));
        return new RenderedEmail(
            model.Subject,
            File("layout" + HtmlExtension, layout with { Body = body.Html }, TemplateMode.Html),
            File("layout" + TextExtension, layout with { Body = body.Text }, TemplateMode.Text));
    }

    /// <summary>The names of the message templates (every pair but the layout), for checks and tests.</summary>
    public IReadOnlyList<string> Names() =>
        [.. Directory.EnumerateFiles(Folder, "*" + HtmlExtension).Select(f => Path.GetFileName(f)[..^HtmlExtension.Length]).Where(n => n != "layout").Order()];

    private string File(string name, object model, TemplateMode mode) => TemplateRenderer.RenderFile(Path.Combine(Folder, name), model, mode);

    /// <summary>A message's own part, rendered: HTML (escaped) and plain text.</summary>
    public sealed record EmailBody(string Html, string Text);

    /// <summary>The layout's model; Body is the rendered message, which the HTML layout writes with <c>raw</c> (it was escaped when rendered).</summary>
    public sealed record EmailLayout(string RecipientName, string Subject, string Link, bool HasLink, string Body, string LinkLabel, string Footer);

    private const string StaffFooter = "You are getting this because of your role in your organisation's harassment prevention records. Reminders are sent once; you will also find them under Notifications in the app.";

    private const string ReporterFooter = "You are getting this because you asked to be told by email when there is a message. This email says nothing else; only you, with your reference and key, can read the message.";
}
