using System.Text;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Employees;

/// <summary>
/// Imports the employee directory from CSV, all or nothing. The file is streamed once: every row is checked
/// and, while none has failed, copied into a temporary table through PostgreSQL's COPY; at the end the rows
/// are written together only if the whole file was clean. Otherwise the transaction is rolled back.
/// </summary>
public sealed class ImportEmployees(ComplianceDbContext db, AuditTrail audit)
{
    /// <summary>Checks a file without writing anything, keeping the preview rows in <paramref name="window"/>.</summary>
    public async Task<ImportAnalysis> AnalyseAsync(Func<Stream> openFile, PreviewWindow? window = null, CancellationToken ct = default) =>
        await ScanAsync(openFile, await LoadDirectoryAsync(ct), window, null, ct);

    public async Task<ImportResult> ImportAsync(Func<Stream> openFile, string sourceName, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var directory = await LoadDirectoryAsync(ct);
        ImportAnalysis analysis;
        int created, updated;
        await using (var writer = await db.Dialect.BeginEmployeeImportAsync(db, ct))
        {
            analysis = await ScanAsync(openFile, directory, null, writer, ct);
            if (!analysis.CanImport)
            {
                return new ImportResult(analysis, false, 0, 0);
            }
            (created, updated) = await writer.FinishAsync(ct);
        }
        // Written in bulk, past the context's own watch over dated records: start and leaving dates, sites and roles
        // change the past days' scores, so the trend's kept month ends are worked out again.
        if (created + updated > 0) await db.ForgetKeptScoresFromAsync(DateOnly.MinValue, ct);
        var summary = $"Imported {analysis.RowCount} employee rows from {Describe(sourceName)}: {created} created, {updated} updated";
        await audit.SaveAsync(db, new AuditEvent("employees.imported", "EmployeeDirectory", null, summary), ct);
        await tx.CommitAsync(ct);
        return new ImportResult(analysis, true, created, updated);
    }

    /// <summary>What each row is checked against; loaded before any COPY starts, as a connection in COPY can run nothing else.</summary>
    private sealed record DirectorySnapshot(DirectoryLookup Lookup, HashSet<string> ExistingNumbers, Dictionary<Guid, string> SiteNames);

    private async Task<DirectorySnapshot> LoadDirectoryAsync(CancellationToken ct) => new(
        await DirectoryLookup.LoadAsync(db, ct),
        new HashSet<string>(await db.Employees.AsNoTracking().Select(e => e.EmployeeNumber).ToListAsync(ct), StringComparer.Ordinal),
        await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct));

    private static async Task<ImportAnalysis> ScanAsync(Func<Stream> openFile, DirectorySnapshot directory, PreviewWindow? window, IEmployeeBulkWriter? writer, CancellationToken ct)
    {
        var (lookup, existing, siteNames) = directory;
        var analysis = new ImportAnalysis();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);

        await using var stream = openFile();
        using var reader = new EmployeeCsvReader(stream);
        try
        {
            foreach (var problem in reader.ReadHeader())
            {
                analysis.AddError(new ImportError(0, 1, "header", problem));
            }
            analysis.IgnoredColumns = reader.IgnoredColumns;
            if (analysis.ErrorCount > 0)
            {
                return analysis;
            }
            foreach (var row in reader.ReadRows())
            {
                ct.ThrowIfCancellationRequested();
                analysis.RowCount++;
                var valid = Check(row, lookup, analysis, seen);
                if (valid is null)
                {
                    continue;
                }
                if (analysis.ErrorCount == 0)
                {
                    writer?.Write(valid);
                }
                var isUpdate = existing.Contains(valid.EmployeeNumber);
                if (isUpdate) { analysis.ToUpdate++; } else { analysis.ToCreate++; }
                if (window is not null && analysis.RowCount > window.Skip && analysis.PreviewRows.Count < window.Take)
                {
                    analysis.PreviewRows.Add(new ImportPreviewRow(row.Row, valid.EmployeeNumber,
                        $"{valid.FirstName} {valid.LastName}", siteNames[valid.SiteId], isUpdate));
                }
            }
        }
        catch (DecoderFallbackException)
        {
            analysis.AddError(new ImportError(0, 1, "file",
                "The file is not UTF-8 text. In your spreadsheet, save it as \"CSV UTF-8\" and try again."));
        }
        if (analysis.RowCount == 0 && analysis.ErrorCount == 0)
        {
            analysis.AddError(new ImportError(0, 1, "file", "The file has a header but no rows of employees."));
        }
        return analysis;
    }

    private static string Describe(string sourceName)
    {
        var name = Path.GetFileName(sourceName);
        return name.Length > 80 ? name[..80] : name;
    }

    private static ValidEmployee? Check(EmployeeCsvRow row, DirectoryLookup lookup, ImportAnalysis analysis, Dictionary<string, int> seen)
    {
        if (row.Fields is null)
        {
            analysis.AddError(new ImportError(row.Row, row.Line, "(row)", row.Problem!));
            return null;
        }
        var (valid, errors) = EmployeeValidator.Validate(row.Fields, lookup);
        foreach (var e in errors)
        {
            analysis.AddError(new ImportError(row.Row, row.Line, e.Field, e.Message));
        }
        if (valid is null)
        {
            return null;
        }
        if (seen.TryGetValue(valid.EmployeeNumber, out var firstRow))
        {
            analysis.AddError(new ImportError(row.Row, row.Line, EmployeeField.EmployeeNumber,
                $"Employee number \"{valid.EmployeeNumber}\" is also on row {firstRow}; each person may appear only once."));
            return null;
        }
        seen[valid.EmployeeNumber] = row.Row;
        return valid;
    }
}
