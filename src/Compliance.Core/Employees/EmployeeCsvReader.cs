using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Compliance.Core.Employees;

/// <summary>One data row of an employee CSV: its 1-based number (the header not counted), its line in the file, its values.</summary>
public sealed record EmployeeCsvRow(int Row, int Line, EmployeeFields? Fields, string? Problem);

/// <summary>
/// Streams an employee CSV row by row, so a file of any length is read in constant memory. UTF-8 with or
/// without a byte-order mark; header names matched ignoring case, spaces, hyphens and underscores.
/// </summary>
public sealed class EmployeeCsvReader : IDisposable
{
    private static readonly Dictionary<string, string> Aliases = BuildAliases();
    private readonly StreamReader _text;
    private readonly CsvParser _parser;
    private Dictionary<string, int> _columns = new();
    private int _headerWidth;

    public EmployeeCsvReader(Stream stream)
    {
        _text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        _parser = new CsvParser(_text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = null,
            IgnoreBlankLines = true,
            DetectDelimiter = false,
        });
    }

    /// <summary>Columns in the file that are not employee fields; they are ignored.</summary>
    public List<string> IgnoredColumns { get; } = [];

    /// <summary>Reads the header. Returns the problems with it; an empty list means rows can be read.</summary>
    public List<string> ReadHeader()
    {
        var problems = new List<string>();
        if (!_parser.Read() || _parser.Record is not { } header)
        {
            problems.Add("The file is empty. The first row must be a header naming the columns.");
            return problems;
        }
        _headerWidth = header.Length;
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            if (Aliases.TryGetValue(Normalise(name), out var field))
            {
                if (!_columns.TryAdd(field, i))
                {
                    problems.Add($"The column \"{field}\" appears more than once in the header.");
                }
            }
            else if (name.Length > 0)
            {
                IgnoredColumns.Add(name);
            }
        }
        foreach (var required in EmployeeField.Required.Where(r => !_columns.ContainsKey(r)))
        {
            problems.Add($"The header has no \"{required}\" column, which is required.");
        }
        return problems;
    }

    /// <summary>The data rows in order. Throws <see cref="DecoderFallbackException"/> when the file is not UTF-8.</summary>
    public IEnumerable<EmployeeCsvRow> ReadRows()
    {
        var row = 0;
        while (_parser.Read())
        {
            row++;
            var record = _parser.Record ?? [];
            var line = _parser.RawRow;
            if (record.Length != _headerWidth)
            {
                yield return new EmployeeCsvRow(row, line, null,
                    $"This row has {record.Length} values but the header has {_headerWidth} columns.");
                continue;
            }
            yield return new EmployeeCsvRow(row, line, ToFields(record), null);
        }
    }

    private EmployeeFields ToFields(string[] r) => new()
    {
        EmployeeNumber = Get(r, EmployeeField.EmployeeNumber),
        FirstName = Get(r, EmployeeField.FirstName),
        LastName = Get(r, EmployeeField.LastName),
        WorkEmail = Get(r, EmployeeField.WorkEmail),
        Site = Get(r, EmployeeField.Site),
        Department = Get(r, EmployeeField.Department),
        JobTitle = Get(r, EmployeeField.JobTitle),
        StartDate = Get(r, EmployeeField.StartDate),
        LeavingDate = Get(r, EmployeeField.LeavingDate),
        Manager = Get(r, EmployeeField.Manager),
        CustomerFacing = Get(r, EmployeeField.CustomerFacing),
        LoneWorking = Get(r, EmployeeField.LoneWorking),
        NightWorking = Get(r, EmployeeField.NightWorking),
        AgencyOrContractor = Get(r, EmployeeField.AgencyOrContractor),
    };

    private string? Get(string[] record, string field) => _columns.TryGetValue(field, out var i) ? record[i] : null;

    private static string Normalise(string name) =>
        new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static Dictionary<string, string> BuildAliases()
    {
        var map = EmployeeField.All.ToDictionary(f => Normalise(f), f => f);
        map["number"] = EmployeeField.EmployeeNumber;
        map["employeeid"] = EmployeeField.EmployeeNumber;
        map["payrollnumber"] = EmployeeField.EmployeeNumber;
        map["forename"] = EmployeeField.FirstName;
        map["surname"] = EmployeeField.LastName;
        map["email"] = EmployeeField.WorkEmail;
        map["ismanager"] = EmployeeField.Manager;
        map["agency"] = EmployeeField.AgencyOrContractor;
        return map;
    }

    public void Dispose()
    {
        _parser.Dispose();
        _text.Dispose();
    }
}
