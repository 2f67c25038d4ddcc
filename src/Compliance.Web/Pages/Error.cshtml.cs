using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    // After an exception, the handler has already set the status it maps the exception to (413 for a body too large).
    public void OnGet(int? code)
    {
        Code = code ?? (Response.StatusCode >= 400 ? Response.StatusCode : 500);
        if (Code == StatusCodes.Status503ServiceUnavailable) Response.Headers.RetryAfter = "60";
    }

    public void OnPost(int? code) => OnGet(code);
}
