using System.Text;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Employees;

/// <summary>
/// Imports the employee directory from CSV, all or nothing. The file is read twice, streaming: once to
/// check every row, and, only if none is wrong, again to write through PostgreSQL's COPY in one transaction.
/// </summary>
public sealed class ImportEmployees(ComplianceDbContext db, AuditTrail audit)
{
    public async Task<ImportAnalysis> AnalyseAsync(Func<Stream> openFile, PreviewWindow? window = null, CancellationToken ct = default)
    {
        var lookup = await SaveEmployee.LoadLookupAsync(db, ct);
        var existing = new HashSet<string>(await db.Employees.Select(e => e.EmployeeNumber).ToListAsync(ct), StringComparer.Ordinal);
        var analysis = new ImportAnalysis();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var siteNames = await db.Sites.ToDictionaryAsync(s => s.Id, s => s.Name, ct);

        await using var stream = openFile();
        using var reader = new EmployeeCsvReader(stream);
        try
        {
            var headerProblems = reader.ReadHeader();
            analysis.IgnoredColumns = reader.IgnoredColumns;
            foreach (var problem in headerProblems)
            {
                analysis.AddError(new ImportError(0, 1, "header", problem));
            }
            if (headerProblems.Count > 0)
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

    public async Task<ImportResult> ImportAsync(Func<Stream> openFile, string sourceName, CancellationToken ct = default)
    {
        var analysis = await AnalyseAsync(openFile, null, ct);
        if (!analysis.CanImport)
        {
            return new ImportResult(analysis, false, 0, 0);
        }

        var lookup = await SaveEmployee.LoadLookupAsync(db, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        int created, updated;
        await using (var stream = openFile())
        {
            using var reader = new EmployeeCsvReader(stream);
            reader.ReadHeader();
            var rows = reader.ReadRows().Select(row => row.Fields is null ? null : EmployeeValidator.Validate(row.Fields, lookup).Employee)
                .Select(e => e ?? throw new InvalidOperationException("The file changed between checking and importing; nothing was imported."));
            (created, updated) = await EmployeeBulkWriter.WriteAsync(db, rows, ct);
        }
        var summary = $"Imported {analysis.RowCount} employee rows from {Describe(sourceName)}: {created} created, {updated} updated";
        await audit.SaveAsync(db, new AuditEvent("employees.imported", "EmployeeDirectory", null, summary), ct);
        await tx.CommitAsync(ct);
        return new ImportResult(analysis, true, created, updated);
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
