using Compliance.Core.Accounts;

namespace Compliance.Core.Tests.Accounts;

public sealed class PasswordRulesTests
{
    [Fact]
    public void The_shipped_list_holds_at_least_ten_thousand_common_passwords() =>
        (PasswordRules.CommonPasswordCount >= 10_000).Should().BeTrue($"{PasswordRules.CommonPasswordCount} entries");

    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("1qaz2wsx3edc4rfv")]
    [InlineData("password12345678")]
    [InlineData("qwerty!!!!!!!!!!")]
    [InlineData("sunshine2024!")]
    [InlineData("passwordpassword")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("abcabcabcabcabc")]
    [InlineData("pass word")]
    public void Common_passwords_and_thin_disguises_of_them_are_refused(string password)
    {
        var result = PasswordRules.Check(password, "Jo Bloggs", "jo@example.test");
        result.Succeeded.Should().BeFalse();
        result.Errors.Single().Code.Should().Be(PasswordRules.CommonCode);
        result.Errors.Single().Description.Should().Contain("most commonly used");
    }

    [Theory]
    [InlineData("jo.bloggs@example.test is mine", "email address")]
    [InlineData("hello jo.bloggs friend", "email address")]
    [InlineData("bloggs forever and ever", "email address")]
    [InlineData("the wilberforce family", "name")]
    [InlineData("I am HarrietWilberforce", "name")]
    public void Passwords_built_from_the_persons_name_or_email_are_refused(string password, string part)
    {
        var result = PasswordRules.Check(password, "Harriet Wilberforce", "jo.bloggs@example.test");
        result.Succeeded.Should().BeFalse();
        result.Errors.Single().Code.Should().Be(PasswordRules.PersonalCode);
        result.Errors.Single().Description.Should().Contain($"must not contain your {part}");
    }

    [Theory]
    [InlineData("lantern orchard velvet canoe")]
    [InlineData("correct horse battery staple")]
    [InlineData("Tea at 4 in the Pavilion?")]
    public void Ordinary_long_passphrases_pass(string password) =>
        PasswordRules.Check(password, "Harriet Wilberforce", "jo.bloggs@example.test").Succeeded.Should().BeTrue();

    [Fact]
    public void Secrets_are_128_bit_random_and_stored_only_as_a_hash()
    {
        var a = Secrets.New("hpt_");
        var b = Secrets.New("hpt_");
        b.Should().NotBe(a);
        a.Length.Should().Be(4 + 22); // 16 bytes in unpadded base64url
        Secrets.Hash(a).Length.Should().Be(64);
        Secrets.Hash(a).Should().NotContain(a);
    }
}
