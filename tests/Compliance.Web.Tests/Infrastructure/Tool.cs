using System.Diagnostics;

namespace Compliance.Web.Tests.Infrastructure;

/// <summary>An outside program (qpdf, pdftotext, pdffonts, pdfdetach) run on a file, as a person checking it would.</summary>
public static class Tool
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await output, await errors);
    }
}
