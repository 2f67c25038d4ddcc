using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Compliance.Web.Tests.Infrastructure;

/// <summary>The real app as its own process (dotnet Compliance.Web.dll), serving on a free port of its own.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The last lines the process wrote, for a failing assertion's message.</summary>
    public string Output => string.Join('\n', _output.TakeLast(60));

    /// <summary>Everything the process wrote, standard output and error together.</summary>
    public string AllOutput => string.Join('\n', _output);

    /// <summary>
    /// Starts the app on this database and data directory, from <paramref name="workingDirectory"/> (the app's own
    /// folder unless given), with any extra settings as environment variables, and waits until /health answers.
    /// </summary>
    public static async Task<AppProcess> StartAsync(string? connectionString, string dataDirectory,
        IReadOnlyDictionary<string, string>? settings = null, string? workingDirectory = null, string? dll = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll ?? Path.Combine(AppContext.BaseDirectory, "Compliance.Web.dll")])
        {
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // No connection string: the app makes its SQLite file in the data directory, as on a fresh install.
        if (connectionString is not null)
        {
            start.Environment["Compliance__Database__Provider"] = TestDatabase.ProviderSetting;
            start.Environment["ConnectionStrings__Compliance"] = connectionString;
        }
        start.Environment["Compliance__DataDirectory"] = dataDirectory;
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = new AppProcess(Process.Start(start)!, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 300; i++)
        {
            if (process._process.HasExited)
            {
                process._process.WaitForExit();
                throw new TimeoutException($"The app process ended (exit {process._process.ExitCode}) before serving:\n" + process.Output);
            }
            try
            {
                if ((await http.GetAsync($"{process.BaseUrl}/health")).StatusCode == HttpStatusCode.OK) return process;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }
        process.Kill();
        throw new TimeoutException("The app process did not start:\n" + process.Output);
    }

    /// <summary>SIGKILL: no shutdown, no cleanup, as a crash or a pulled plug.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs one of the app's commands (seed-demo, import-employees, verify-audit) to its end, as an operator would.</summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunCommandAsync(string connectionString, string dataDirectory, params string[] args) =>
        RunCommandAsync(connectionString, dataDirectory, args, null);

    /// <summary>As above; with no connection string the command uses the SQLite file in the data directory, as a fresh install does.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunCommandAsync(string? connectionString, string dataDirectory, string[] args, string? workingDirectory,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Compliance.Web.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        if (connectionString is not null)
        {
            info.Environment["Compliance__Database__Provider"] = TestDatabase.ProviderSetting;
            info.Environment["ConnectionStrings__Compliance"] = connectionString;
        }
        info.Environment["Compliance__DataDirectory"] = dataDirectory;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await output, await errors);
    }
}
