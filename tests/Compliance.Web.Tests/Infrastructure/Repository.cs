namespace Compliance.Web.Tests.Infrastructure;

/// <summary>The clone the tests run from: its README, scripts and the tools the test script installs.</summary>
public static class Repository
{
    public static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compliance.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (with Compliance.sln) was not found above " + AppContext.BaseDirectory);
    }
}
