namespace Compliance.Core.Common;

/// <summary>
/// A change that a record's rules refuse (editing an approved revision, closing a case with no outcome); nothing
/// was changed. Each feature has its own kind; all take the message first, then the field it is about.
/// </summary>
/// <param name="message">What is wrong and what to do, in words the person can act on.</param>
/// <param name="field">The field the refusal is about, or "" when it is about the whole record.</param>
public abstract class RuleException(string message, string field = "") : InvalidOperationException(message)
{
    public string Field { get; } = field;
}
