using Compliance.Core.Employees;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Compliance.Web.Infrastructure;

public static class FormErrors
{
    /// <summary>Puts a use case's field errors on the form, under the bound model's prefix.</summary>
    public static void AddErrors(this ModelStateDictionary state, IEnumerable<FieldError> errors, string prefix = "Input", Func<string, string>? fieldName = null)
    {
        foreach (var e in errors)
        {
            var field = fieldName is null ? e.Field : fieldName(e.Field);
            state.AddModelError(string.IsNullOrEmpty(field) || string.IsNullOrEmpty(prefix) ? field : $"{prefix}.{field}", e.Message);
        }
    }

    /// <summary>The error message for a field, linked to its input by id for screen readers.</summary>
    public static IHtmlContent FieldError(this IHtmlHelper html, string key)
    {
        var entry = html.ViewContext.ModelState[key];
        if (entry is null || entry.Errors.Count == 0)
        {
            return HtmlString.Empty;
        }
        var builder = new TagBuilder("p");
        builder.AddCssClass("field-error");
        builder.Attributes["id"] = key.Replace('.', '_') + "-error";
        builder.InnerHtml.Append("Error: " + string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)));
        return builder;
    }

    /// <summary>aria-describedby value (hint and error ids) for an input.</summary>
    public static string? DescribedBy(this IHtmlHelper html, string key, bool hasHint = false)
    {
        var id = key.Replace('.', '_');
        var parts = new List<string>();
        if (hasHint) parts.Add(id + "-hint");
        if (html.ViewContext.ModelState[key]?.Errors.Count > 0) parts.Add(id + "-error");
        return parts.Count == 0 ? null : string.Join(' ', parts);
    }

    public static string SnakeToPascal(string snake) =>
        string.Concat(snake.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
