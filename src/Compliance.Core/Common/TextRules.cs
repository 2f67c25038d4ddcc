namespace Compliance.Core.Common;

/// <summary>The checks every free-text field shares: trimmed, empty as missing, and a length it must keep to.</summary>
internal static class TextRules
{
    public static string? Optional(string? value, int max, string field, string what, List<FieldError> errors)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) return null;
        if (v.Length > max) errors.Add(new(field, $"{what} is too long: keep it to {max:N0} characters (it has {v.Length:N0})."));
        return v;
    }

    public static string? Required(string? value, int max, string field, string what, List<FieldError> errors, string missing)
    {
        var v = Optional(value, max, field, what, errors);
        if (v is null) errors.Add(new(field, missing));
        return v;
    }
}
