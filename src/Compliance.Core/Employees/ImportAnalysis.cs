namespace Compliance.Core.Employees;

/// <summary>An error in the file: row 0 is the header; otherwise the data row (header not counted) and its line.</summary>
public sealed record ImportError(int Row, int Line, string Column, string Message)
{
    public override string ToString() => Row == 0
        ? $"Header: {Message}"
        : $"Row {Row} (line {Line}), column {Column}: {Message}";
}

public sealed record ImportPreviewRow(int Row, string EmployeeNumber, string Name, string Site, bool IsUpdate);

/// <summary>What an import would do: rows to create and update, and every error by row and column.</summary>
public sealed class ImportAnalysis
{
    /// <summary>Enough errors to fix a file in one pass without a page of millions of lines.</summary>
    public const int MaxErrorsKept = 1000;

    public int RowCount { get; internal set; }
    public int ToCreate { get; internal set; }
    public int ToUpdate { get; internal set; }
    public int ErrorCount { get; internal set; }
    public List<ImportError> Errors { get; } = [];
    public List<string> IgnoredColumns { get; internal set; } = [];
    public List<ImportPreviewRow> PreviewRows { get; } = [];

    public bool CanImport => ErrorCount == 0 && RowCount > 0;

    internal void AddError(ImportError error)
    {
        ErrorCount++;
        if (Errors.Count < MaxErrorsKept)
        {
            Errors.Add(error);
        }
    }
}

public sealed record ImportResult(ImportAnalysis Analysis, bool Imported, int Created, int Updated);

/// <summary>Which preview rows to keep (for a paged preview); null keeps none.</summary>
public sealed record PreviewWindow(int Skip, int Take);
