using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Compliance.Core.Exports;

/// <summary>
/// CSV for people to open in a spreadsheet. A cell that starts with =, +, - or @ (or a tab or carriage return,
/// which some spreadsheets skip before reading a formula) is prefixed with an apostrophe, so a value someone
/// typed, such as "=HYPERLINK(...)", is shown as text and never run as a formula. A cell holding a semicolon or a
/// tab is quoted, so a spreadsheet that splits on them keeps it whole.
/// </summary>
public static class SafeCsv
{
    public static string Neutralise(string? value) =>
        string.IsNullOrEmpty(value) || value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r') ? value ?? "" : "'" + value;

    /// <summary>UTF-8 with a byte-order mark, so Excel reads accents and the pound sign correctly.</summary>
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            InjectionOptions = InjectionOptions.None,
            // A spreadsheet set to split on semicolons or tabs would read ";=1+1" as a second cell holding a formula.
            ShouldQuote = args => ConfigurationFunctions.ShouldQuote(args) || args.Field?.IndexOfAny([';', '\t']) >= 0,
        }))
        {
            foreach (var h in header) csv.WriteField(h);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row) csv.WriteField(Neutralise(cell));
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }
}
