using Compliance.Core.EvidencePacks;

namespace Compliance.Web.Infrastructure;

/// <summary>The evidence-pack and verify-pack commands: a pack for an annual job or a script, and a check of any pack file.</summary>
public static class EvidencePackCommand
{
    private const string Usage = "Usage: evidence-pack --from DATE --to DATE --out FILE [--named] [--html FILE]   (dates as 1/4/2025 or 2025-04-01)";

    public static async Task<int> MakeAsync(IServiceProvider sp, string[] args)
    {
        string? from = null, to = null, output = null, html = null;
        var named = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new CommandLine.UsageException(Usage);
            switch (args[i])
            {
                case "--from": from = Value(); break;
                case "--to": to = Value(); break;
                case "--out": output = Value(); break;
                case "--named": named = true; break;
                case "--html": html = Value(); break;
                default: throw new CommandLine.UsageException(Usage);
            }
        }
        if (from is null || to is null || output is null) throw new CommandLine.UsageException(Usage);
        var path = Path.GetFullPath(output);
        if (!Directory.Exists(Path.GetDirectoryName(path))) throw new InvalidOperationException($"The folder for {path} does not exist.");
        var work = sp.GetRequiredService<EvidencePackWork>();
        var (id, errors) = await work.RequestAsync(new PackRequestInput(PackPeriod.Dates, Iso(from), Iso(to), named), null, "the evidence-pack command", mayAskForNames: true);
        if (errors.Count > 0)
        {
            foreach (var e in errors) Console.Error.WriteLine($"{(e.Field == "From" ? "--from" : e.Field == "To" ? "--to" : e.Field)}: {e.Message}");
            return 2;
        }
        string? page = null;
        if (!await work.GenerateAsync(id!.Value, made: content => page = html is null ? null : PackHtml.Render(content))) throw new InvalidOperationException("The pack could not be made: see the log.");
        var file = await work.DownloadAsync(id.Value, companion: false, "the evidence-pack command", mayReadNames: true) ?? throw new InvalidOperationException("The pack was made but could not be read back.");
        await WriteOwnerOnlyAsync(path, file.Content);
        var records = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-records.zip");
        var zip = await work.DownloadAsync(id.Value, companion: true, "the evidence-pack command", mayReadNames: true);
        if (zip is { } z) await WriteOwnerOnlyAsync(records, z.Content);
        if (html is not null && page is not null) await WriteOwnerOnlyAsync(Path.GetFullPath(html), System.Text.Encoding.UTF8.GetBytes(page));
        Console.WriteLine($"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Content))}  {path}");
        Console.Error.WriteLine($"Pack {id} written ({file.Content.Length:N0} bytes); the records behind it are in {records}.");
        return 0;
    }

    /// <summary>
    /// The file is made readable by its owner only, as the database and its backups are: a pack is evidence about the
    /// organisation's people, to be handed on deliberately. A file being replaced is closed to others before
    /// anything is written to it.
    /// </summary>
    private static async Task WriteOwnerOnlyAsync(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            if (File.Exists(path)) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(content);
    }

    public static async Task<int> VerifyAsync(IServiceProvider sp, string[] args)
    {
        if (args.Length != 1 || args[0].StartsWith('-')) throw new CommandLine.UsageException("Usage: verify-pack FILE");
        var path = Path.GetFullPath(args[0]);
        if (!File.Exists(path)) throw new InvalidOperationException($"The file {path} does not exist.");
        await using var stream = File.OpenRead(path);
        var result = await sp.GetRequiredService<PackVerifier>().VerifyAsync(stream);
        Console.WriteLine(result.Verdict);
        Console.WriteLine($"SHA-256: {result.Sha256}");
        return result.Genuine && result.ChainIntact ? 0 : 1;
    }

    /// <summary>An ISO date (2025-04-01) as the day/month/year the period check reads; anything else as typed.</summary>
    private static string Iso(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", out var d) ? d.ToString("dd/MM/yyyy") : value;
}
