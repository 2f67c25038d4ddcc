namespace Compliance.Web.Tests.Infrastructure;

/// <summary>
/// A folder holding a fresh SQLite install filled by the <c>seed-demo</c> command, for tests that run the built app as
/// a process of their own (as it is installed: no database settings). Made only in the SQLite pass of the suite.
/// </summary>
public sealed class SeededInstall(string name, int employees)
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "compliance-test-data", $"{name}-{Guid.NewGuid():N}");

    /// <summary>The data directory the app is given.</summary>
    public string Data => Path.Combine(Folder, "data");

    public async Task CreateAsync()
    {
        if (!TestDatabase.IsSqlite) return;
        Directory.CreateDirectory(Folder);
        var (exit, _, errors) = await AppProcess.RunCommandAsync(null, Data, ["seed-demo", "--employees", employees.ToString(System.Globalization.CultureInfo.InvariantCulture)], Folder);
        (exit == 0).Should().BeTrue(errors);
    }

    public void Delete()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>One seeded install shared by a class's tests, which run one after another, each starting the app on it.</summary>
public sealed class SeededInstallFixture : IAsyncLifetime
{
    public SeededInstall Install { get; } = new("shared", employees: 5);

    public Task InitializeAsync() => Install.CreateAsync();

    public Task DisposeAsync()
    {
        Install.Delete();
        return Task.CompletedTask;
    }
}
