namespace Compliance.Web.Infrastructure;

/// <summary>
/// The app finds its settings, pages' files and templates in its own folder, wherever it is started from: the
/// content root is the folder holding the app unless an operator names another (<c>--contentRoot</c>, or the
/// <c>ASPNETCORE_CONTENTROOT</c> / <c>DOTNET_CONTENTROOT</c> environment variables).
/// </summary>
public static class AppFolder
{
    public static WebApplicationOptions Options(string[] args)
    {
        var named = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        return new WebApplicationOptions { Args = args, ContentRootPath = named ? null : AppContext.BaseDirectory };
    }
}
