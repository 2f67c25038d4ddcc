using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace Compliance.Core.Accounts;

/// <summary>
/// The password rules beyond length (NCSC guidance): not one of the 30,000 most common passwords (nor one
/// of them with digits or symbols added at the end, or repeated), and not built from the person's own name
/// or email address. Every refusal says why.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<ApplicationUser>
{
    public const string CommonCode = "PasswordCommon";
    public const string PersonalCode = "PasswordPersonal";

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    public static int CommonPasswordCount => Common.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password) =>
        Task.FromResult(Check(password ?? "", user.DisplayName, user.Email));

    public static IdentityResult Check(string password, string? name, string? email)
    {
        if (IsCommon(password))
        {
            return IdentityResult.Failed(new IdentityError
            {
                Code = CommonCode,
                Description = "This password is one of the most commonly used passwords, so it is among the first an attacker tries. Choose another, for example three or four unrelated words.",
            });
        }
        if (PersonalPart(password, name, email) is { } part)
        {
            return IdentityResult.Failed(new IdentityError
            {
                Code = PersonalCode,
                Description = $"The password must not contain your {part}, which other people know. Choose another.",
            });
        }
        return IdentityResult.Success;
    }

    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        var compact = new string(lower.Where(c => !char.IsWhiteSpace(c)).ToArray());
        var stem = compact.TrimEnd("0123456789!?.@#$%^&*_-+=~".ToCharArray());
        return Common.Value.Contains(compact) || (stem.Length >= 4 && Common.Value.Contains(stem)) || IsRepeat(compact);
    }

    /// <summary>"passwordpassword", "aaaaaaaaaaaa", "abcabcabcabc": a short piece repeated is no stronger than the piece.</summary>
    private static bool IsRepeat(string s)
    {
        for (var length = 1; length <= s.Length / 2; length++)
        {
            if (s.Length % length != 0) continue;
            var piece = s[..length];
            if (Enumerable.Range(1, s.Length / length - 1).All(i => s.AsSpan(i * length, length).SequenceEqual(piece)) &&
                (length <= 3 || Common.Value.Contains(piece)))
            {
                return true;
            }
        }
        return false;
    }

    private static string? PersonalPart(string password, string? name, string? email)
    {
        var lower = password.ToLowerInvariant();
        var compact = new string(lower.Where(char.IsLetterOrDigit).ToArray());
        if (!string.IsNullOrWhiteSpace(email))
        {
            var address = email.Trim().ToLowerInvariant();
            var local = address.Split('@')[0];
            if (lower.Contains(address) || (local.Length >= 3 && lower.Contains(local)) ||
                Words(local).Any(w => w.Length >= 4 && compact.Contains(w)))
            {
                return "email address";
            }
        }
        if (!string.IsNullOrWhiteSpace(name))
        {
            var parts = Words(name.ToLowerInvariant()).ToList();
            var whole = string.Concat(parts);
            if ((whole.Length >= 3 && compact.Contains(whole)) || parts.Any(p => p.Length >= 4 && compact.Contains(p)))
            {
                return "name";
            }
        }
        return null;
    }

    private static IEnumerable<string> Words(string s) =>
        System.Text.RegularExpressions.Regex.Split(s, @"[^\p{L}\p{N}]+").Where(w => w.Length > 0);

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Compliance.Core.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0) set.Add(line.Trim().ToLowerInvariant());
        }
        return set;
    }
}
