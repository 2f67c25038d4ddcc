using System.Net;
using System.Text.RegularExpressions;

namespace Compliance.Web.Tests.Infrastructure;

/// <summary>A browser-like HTTP client: keeps cookies, reads the anti-forgery token from each form it posts.</summary>
public sealed partial class AppClient(HttpClient http)
{
    public HttpClient Http => http;

    public Task<HttpResponseMessage> GetAsync(string url) => http.GetAsync(url);

    public async Task<string> GetPageAsync(string url)
    {
        var response = await http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        (response.StatusCode == HttpStatusCode.OK).Should().BeTrue($"GET {url} gave {(int)response.StatusCode}: {html[..Math.Min(500, html.Length)]}");
        return html;
    }

    /// <summary>Loads the page holding the form, then posts the form with its anti-forgery token.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null)
    {
        var token = Token(await GetPageAsync(pageUrl));
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await http.PostAsync(postUrl ?? pageUrl, content);
    }

    public Task<HttpResponseMessage> UploadAsync(string pageUrl, string field, string fileName, byte[] bytes) => UploadWithFieldsAsync(pageUrl, [], field, fileName, bytes);

    /// <summary>Loads the page holding the form, then posts it as multipart with its fields and one file in the named field.</summary>
    public async Task<HttpResponseMessage> UploadWithFieldsAsync(string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string field, string fileName, byte[] bytes)
    {
        var token = Token(await GetPageAsync(pageUrl));
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(bytes), field, fileName } };
        foreach (var (key, value) in fields) content.Add(new StringContent(value), key);
        return await http.PostAsync(pageUrl, content);
    }

    /// <summary>Loads the page holding the form, then posts it as multipart with its fields and files.</summary>
    public async Task<HttpResponseMessage> SubmitMultipartAsync(string pageUrl, IEnumerable<KeyValuePair<string, string>> fields,
        IEnumerable<(string Name, byte[] Bytes)> files, string? postUrl = null)
    {
        var token = Token(await GetPageAsync(pageUrl));
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (key, value) in fields) content.Add(new StringContent(value), key);
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            // Set the header by hand: the framework would otherwise quote or change an unusual name like "../../x".
            part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"Files\"; filename=\"{name}\"");
            content.Add(part);
        }
        return await http.PostAsync(postUrl ?? pageUrl, content);
    }

    /// <summary>Signs in with the password and, when the account has an authenticator, the current code from it.</summary>
    public async Task SignInAsync(TestAccount account)
    {
        var response = await SubmitFormAsync("/account/sign-in", [new("Email", account.Email), new("Password", account.Password)]);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        if (account.AuthenticatorKey is { } key)
        {
            (response.Headers.Location?.OriginalString).Should().StartWith("/account/sign-in/code");
            response = await SubmitFormAsync(response.Headers.Location!.OriginalString, [new("Code", Totp.Code(key))]);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }
        (response.Headers.Location?.OriginalString).Should().Be("/");
    }

    /// <summary>The value of the input with this id, e.g. a link or token shown once.</summary>
    public static string InputValue(string html, string id)
    {
        var match = Regex.Match(html, $"id=\"{Regex.Escape(id)}\"[^>]*value=\"([^\"]*)\"");
        match.Success.Should().BeTrue($"The page has no input #{id}.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static string Token(string html)
    {
        var match = TokenPattern().Match(html);
        match.Success.Should().BeTrue("The page has no anti-forgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public static class Html
{
    /// <summary>The page's text with tags removed and entities decoded, for asserting what a person reads.</summary>
    public static string Text(string html) =>
        WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " "));

    /// <summary>The opening tag of the element with the given id (empty if there is none), for asserting its attributes.</summary>
    public static string Tag(string html, string id) => Regex.Match(html, $"<[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>").Value;
}
