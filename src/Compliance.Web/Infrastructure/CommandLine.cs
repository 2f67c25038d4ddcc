using Compliance.Core.Auditing;
using Compliance.Core.Demo;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Infrastructure;

/// <summary>The verbs the app's executable runs instead of serving: seed-demo, import-employees, verify-audit, backup.</summary>
public static class CommandLine
{
    private static readonly (string Verb, string Usage)[] Commands =
    [
        ("seed-demo", "seed-demo [--employees N]      fill an empty installation with a demo organisation"),
        ("import-employees", "import-employees FILE [--dry-run]   import the employee directory from a CSV file"),
        ("verify-audit", "verify-audit [--up-to N]       check the audit chain and print its head hash (or entry N's, as a pack cites it)"),
        ("acknowledge-audit", "acknowledge-audit REASON       after a restore: record that the failed check of the audit trail's checkpoints is expected, set them aside and start a new record"),
        ("backup", "backup DIR                     write a consistent copy of the SQLite database into DIR while the app runs"),
        ("evidence-pack", "evidence-pack --from DATE --to DATE --out FILE [--named] [--html FILE]   make an evidence pack, record it and print its SHA-256"),
        ("verify-pack", "verify-pack FILE               say whether this installation made the pack (PDF) or its records ZIP FILE, and whether the audit chain is intact"),
    ];

    /// <summary>
    /// Whether the first argument names a command rather than a setting. Settings are given as <c>--key value</c>,
    /// <c>/key value</c> or <c>key=value</c>; any other first word is taken as a command, so a mistyped one is
    /// refused instead of starting the web server.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && args[0].Length > 0 && args[0][0] is not ('-' or '/') && !args[0].Contains('=');

    public static bool IsKnown(string verb) => Commands.Any(c => c.Verb == verb);

    /// <summary>Whether the app was asked what it can do (<c>help</c>, <c>--help</c>, <c>-h</c>) rather than to serve or run a command.</summary>
    public static bool IsHelp(string[] args) => args is ["help" or "--help" or "-h" or "-?" or "/?"];

    public static string Help =>
        "Compliance: with no command, the app serves its pages (settings as --key value or key=value). The commands are:\n"
        + string.Join("\n", Commands.Select(c => "  " + c.Usage))
        + "\nEach exits 0 on success and non-zero with a message on failure. See docs/operating.md for what each does.";

    /// <summary>What is printed for an unknown command: its name and the list of commands.</summary>
    public static string UnknownCommand(string verb) =>
        $"There is no command \"{verb}\". The commands are:\n" + string.Join("\n", Commands.Select(c => "  " + c.Usage))
        + "\nWith no command, the app serves its pages.";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        try
        {
            return args[0] switch
            {
                "seed-demo" => await SeedDemoAsync(sp, args[1..]),
                "import-employees" => await ImportAsync(sp, args[1..]),
                "backup" => Backup(sp, args[1..]),
                "acknowledge-audit" => await AcknowledgeAuditAsync(sp, args[1..]),
                "evidence-pack" => await EvidencePackCommand.MakeAsync(sp, args[1..]),
                "verify-pack" => await EvidencePackCommand.VerifyAsync(sp, args[1..]),
                _ => await VerifyAuditAsync(sp, args[1..]),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Error: {e.Message}");
            return 1;
        }
    }

    private static int Backup(IServiceProvider sp, string[] args)
    {
        if (args.Length != 1 || args[0].StartsWith('-')) throw new UsageException("Usage: backup DIR   (the folder to write the copy into; made if missing)");
        var result = DatabaseBackup.Write(sp.GetRequiredService<Compliance.Core.Data.DatabaseTarget>(), args[0], DateTime.UtcNow);
        var configuration = sp.GetRequiredService<IConfiguration>();
        Console.WriteLine($"Database copied to {result.Path} ({result.Bytes / 1024.0 / 1024.0:0.0} MB); integrity check: ok.");
        Console.WriteLine(KeyRing.InDatabase(configuration)
            ? "The key ring is inside this copy, encrypted with the certificate: keep the certificate and its password backed up, apart from this file."
            : $"The copy does not hold the key ring, and cannot be read without it: back up {KeyRing.Folder(configuration).FullName} too, and keep it apart from this file.");
        Console.WriteLine("To restore: stop the app, put the copy in place of data/compliance.db (remove any compliance.db-wal and -shm beside it), restore the keys folder, and start the app; then run verify-audit.");
        return 0;
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider sp, string[] args)
    {
        var count = 250;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--employees" && i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n is > 0 and <= 1_000_000)
            {
                count = n;
                i++;
            }
            else
            {
                throw new UsageException("Usage: seed-demo [--employees N]   (N from 1 to 1,000,000; default 250)");
            }
        }
        var accounts = await sp.GetRequiredService<SeedDemo>().HandleAsync(count);
        Console.WriteLine($"Demo organisation created with {count} employees.");
        Console.WriteLine("Accounts (the passwords are shown only this once):");
        foreach (var a in accounts)
        {
            Console.WriteLine($"  {a.Role,-14} {a.Email,-36} {a.Password}");
        }
        Console.WriteLine("The Administrator and CaseHandler accounts set up an authenticator app at first sign-in.");
        return 0;
    }

    private static async Task<int> ImportAsync(IServiceProvider sp, string[] args)
    {
        var dryRun = args.Contains("--dry-run");
        var files = args.Where(a => a != "--dry-run").ToArray();
        if (files.Length != 1 || files[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException("Usage: import-employees FILE [--dry-run]");
        }
        var path = Path.GetFullPath(files[0]);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The file {path} does not exist.");
        }
        Func<Stream> open = () => File.OpenRead(path);
        var import = sp.GetRequiredService<ImportEmployees>();
        var timer = System.Diagnostics.Stopwatch.StartNew();
        var analysis = dryRun ? await import.AnalyseAsync(open) : (await import.ImportAsync(open, path)).Analysis;
        foreach (var error in analysis.Errors)
        {
            Console.Error.WriteLine(error);
        }
        if (analysis.ErrorCount > analysis.Errors.Count)
        {
            Console.Error.WriteLine($"... and {analysis.ErrorCount - analysis.Errors.Count} more errors.");
        }
        if (!analysis.CanImport)
        {
            Console.Error.WriteLine($"Nothing was imported: {analysis.ErrorCount} error(s) in {analysis.RowCount} rows.");
            return 1;
        }
        var verb = dryRun ? "Would import" : "Imported";
        Console.WriteLine($"{verb} {analysis.RowCount} rows: {analysis.ToCreate} new employees, {analysis.ToUpdate} updated.");
        Console.WriteLine($"Took {timer.Elapsed.TotalSeconds:F2} s.");
        return 0;
    }

    private static async Task<int> AcknowledgeAuditAsync(IServiceProvider sp, string[] args)
    {
        if (args.Length != 1 || args[0].StartsWith('-')) throw new UsageException("Usage: acknowledge-audit REASON   (in quotes, such as \"Restored from the backup of 1 December 2026\")");
        var errors = await sp.GetRequiredService<AuditAcknowledgement>().AcknowledgeAsync(args[0], "the operator at the command line");
        if (errors.Count > 0)
        {
            Console.Error.WriteLine(string.Join("\n", errors.Select(e => e.Message)));
            return 1;
        }
        Console.WriteLine("Acknowledged and recorded in the audit trail; the earlier checkpoints are kept in anchor/set-aside/ and a new checkpoint starts a new record.");
        return await VerifyAuditAsync(sp, []);
    }

    private static async Task<int> VerifyAuditAsync(IServiceProvider sp, string[] args)
    {
        long? upTo = args switch
        {
            [] => null,
            ["--up-to", var n] when long.TryParse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var entry) && entry > 0 => entry,
            _ => throw new UsageException("Usage: verify-audit [--up-to N]   (N: the entry to check the chain up to, as an evidence pack prints it)"),
        };
        var result = await sp.GetRequiredService<AuditVerifier>().VerifyAsync();
        if (upTo is { } last)
        {
            // What a pack cites: the chain from the first entry to the one it names, with the checkpoints that cover it.
            var hash = await sp.GetRequiredService<Compliance.Core.Data.ComplianceDbContext>().AuditEntries.AsNoTracking()
                .Where(a => a.Sequence == last).Select(a => a.Hash).FirstOrDefaultAsync();
            if (hash is null)
            {
                Console.Error.WriteLine($"The audit trail has no entry {last}.");
                return 1;
            }
            // Only the whole check passing vouches for entry N: a checkpoint's failure names where it was found, not where
            // the change was, and a break after N leaves the checkpoints unchecked.
            if (result.IsValid)
            {
                Console.WriteLine($"The audit chain is intact up to entry {last}; its hash {hash}");
                return 0;
            }
            Console.Error.WriteLine($"The audit chain is broken{(result.FirstBadSequence is { } at ? $" at entry {at}" : "")}, so entry {last} cannot be vouched for: {result.Problem}.");
            return 1;
        }
        if (result.IsValid)
        {
            Console.WriteLine($"The audit chain is intact: {result.Count} entries; head hash {result.HeadHash}");
            if (result.TimeStamped is not null) Console.WriteLine($"Newest checkpoint vouched for by a time-stamping authority: {result.TimeStamped}.");
            if (result.TimeStampWarning is not null) Console.Error.WriteLine($"Warning: {result.TimeStampWarning}.");
            return 0;
        }
        Console.Error.WriteLine($"The audit chain is broken at entry {result.FirstBadSequence}: {result.Problem}.");
        return 1;
    }

    public sealed class UsageException(string message) : Exception(message);
}
