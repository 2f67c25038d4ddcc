namespace Compliance.Core.Common;

/// <summary>What is wrong with one field of a form or one column of a file, in words the person can act on.</summary>
/// <param name="Field">The field's name as the form or file knows it; "" when it is about the whole input.</param>
public sealed record FieldError(string Field, string Message);
