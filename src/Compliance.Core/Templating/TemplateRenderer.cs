using System.Collections.Concurrent;
using System.Net;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Compliance.Core.Templating;

/// <summary>Where the templates live; the default is the templates folder beside the app.</summary>
public sealed class TemplateOptions
{
    public string Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "templates");
}

/// <summary>A template named a value its model does not have, or could not be read: nothing is sent or shown with a gap.</summary>
public sealed class TemplateRenderException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A value a template marked as safe HTML with <c>raw</c>: written as it is.</summary>
public sealed record SafeHtml(string Html)
{
    public override string ToString() => Html;
}

/// <summary>
/// Renders Scriban templates from a typed model, whose properties keep their C# names ({{ DueOn }}). Two ways:
/// <see cref="TemplateMode.Html"/> escapes every value written out, unless the template marks it safe with
/// <c>raw</c> (<c>{{ raw Body }}</c>); <see cref="TemplateMode.Text"/> writes values as they are. Either way, a name the
/// model does not have is an error, never an empty string. Parsed templates are kept, and read again when their
/// file changes.
/// </summary>
public static class TemplateRenderer
{
    private static readonly ConcurrentDictionary<string, Parsed> Cache = new();

    /// <summary>Scriban's built-in functions (string, date, html…), made once: making them for every render costs more than the render.</summary>
    private static readonly ScriptObject Builtins = TemplateContext.GetDefaultBuiltinObject();

    private sealed record Parsed(Template Template, DateTime Written, long Length);

    private static readonly ConcurrentDictionary<Type, (string Name, Func<object, object?> Read)[]> Properties = new();

    /// <summary>Our own functions, made once: <c>raw</c> marks a value as safe HTML.</summary>
    private static readonly ScriptObject Functions = MakeFunctions();

    private static ScriptObject MakeFunctions()
    {
        var functions = new ScriptObject();
        functions.Import("raw", new Func<object?, SafeHtml>(value => new SafeHtml(value?.ToString() ?? "")));
        return functions;
    }

    private static (string Name, Func<object, object?> Read)[] Readers(Type type) =>
        [.. type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null)
            .Select(p => (p.Name, (Func<object, object?>)p.GetValue))];

    public static string RenderFile(string path, object model, TemplateMode mode, Func<string, string>? preprocess = null)
    {
        // One look at the file per render (a single stat): an edited template is used from its next render on.
        var file = new FileInfo(path);
        if (!file.Exists) throw new TemplateRenderException($"The template {file.Name} is missing from {file.DirectoryName}.");
        if (!Cache.TryGetValue(path, out var parsed) || parsed.Written != file.LastWriteTimeUtc || parsed.Length != file.Length)
        {
            var source = File.ReadAllText(path);
            parsed = new Parsed(Parse(preprocess is null ? source : preprocess(source), path), file.LastWriteTimeUtc, file.Length);
            Cache[path] = parsed;
        }
        return Render(parsed.Template, model, mode);
    }

    public static string RenderText(string source, object model, TemplateMode mode, string name = "template") =>
        Render(Parse(source, name), model, mode);

    private static Template Parse(string source, string name)
    {
        var template = Template.Parse(source, name);
        if (template.HasErrors) throw new TemplateRenderException($"The template {System.IO.Path.GetFileName(name)} cannot be read: {string.Join("; ", template.Messages)}");
        return template;
    }

    private static string Render(Template template, object model, TemplateMode mode)
    {
        var context = mode == TemplateMode.Html ? new HtmlContext(Builtins) : new TemplateContext(Builtins);
        context.StrictVariables = true;
        context.EnableRelaxedMemberAccess = false;
        context.MemberRenamer = member => member.Name;
        var globals = new ScriptObject();
        // The model's public properties, read through accessors found once per type.
        foreach (var (name, read) in Properties.GetOrAdd(model.GetType(), Readers)) globals.SetValue(name, read(model), readOnly: true);
        context.PushGlobal(Functions);
        context.PushGlobal(globals);
        try
        {
            return template.Render(context);
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new TemplateRenderException($"The template {System.IO.Path.GetFileName(template.SourceFilePath)} could not be filled: {e.OriginalMessage} (at {e.Span.Start}).", e);
        }
    }

    /// <summary>Escapes whatever a template writes out, except a value marked with <c>raw</c>.</summary>
    private sealed class HtmlContext(ScriptObject builtins) : TemplateContext(builtins)
    {
        public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
        {
            null => this,
            SafeHtml safe => base.Write(span, safe.Html),
            _ => base.Write(span, WebUtility.HtmlEncode(ObjectToString(textAsObject))),
        };

        public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) =>
            ValueTask.FromResult(Write(span, textAsObject));
    }
}

public enum TemplateMode
{
    Html,
    Text,
}
