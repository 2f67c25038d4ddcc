using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Compliance.Core.Training;

/// <summary>
/// One completion as a file, a form or the API gives it: every value as text, with where it came from. Skip says why a
/// row records nothing (Moodle's "Not completed"); Problem, why it cannot be read at all.
/// </summary>
public sealed record CompletionInput(int Row, int Line, string? EmployeeNumber, string? WorkEmail, string? Course, string? CompletedOn,
    string? Score = null, string? Passed = null, string? ContentVersion = null, string? Skip = null, string? Problem = null);

public enum TrainingFileLayout
{
    Unknown = 0,

    /// <summary>employee_number or work_email, course, completed_on, optional score, passed, content_version.</summary>
    Plain = 1,

    /// <summary>Moodle's or Totara's course completion report, "download table data" as CSV.</summary>
    MoodleCompletion = 2,
}

/// <summary>
/// Reads a training completions file as spreadsheets and learning systems write it: UTF-8 with or without a byte
/// order mark, UTF-16 (with a mark, or without one when the text shows it), comma, semicolon or tab between
/// values, quoted values with line breaks. The layout is told from the header row.
/// </summary>
public sealed class TrainingFileReader : IDisposable
{
    private readonly StreamReader _text;
    private readonly CsvParser _parser;
    private readonly string? _courseForFile;
    private string[] _header = [];
    private readonly Dictionary<string, int> _columns = [];
    private readonly List<(string Name, int Status, int Date)> _activities = [];

    /// <param name="courseForFile">The course chosen at upload, for layouts that do not name one (Moodle's report is of one course).</param>
    public TrainingFileReader(Stream stream, string? courseForFile)
    {
        _courseForFile = courseForFile;
        var (encoding, delimiter) = Sniff(stream);
        Encoding = encoding;
        _text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true);
        Delimiter = delimiter;
        _parser = new CsvParser(_text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = null,
            IgnoreBlankLines = true,
            DetectDelimiter = false,
            Delimiter = delimiter,
        });
    }

    public Encoding Encoding { get; }
    public string Delimiter { get; }
    public TrainingFileLayout Layout { get; private set; }

    public static string Describe(TrainingFileLayout layout) => layout switch
    {
        TrainingFileLayout.MoodleCompletion => "Moodle or Totara course completion report",
        TrainingFileLayout.Plain => "completions file (one completion a row)",
        _ => "unknown",
    };

    /// <summary>Reads the header and tells the layout. Returns the problems with it; an empty list means rows can be read.</summary>
    public List<string> ReadHeader()
    {
        if (!_parser.Read() || _parser.Record is not { } header)
        {
            return ["The file is empty. The first row must be a header naming the columns."];
        }
        _header = header;
        for (var i = 0; i < header.Length; i++)
        {
            _columns.TryAdd(Normalise(header[i]), i);
        }
        if (_columns.ContainsKey("coursecomplete"))
        {
            Layout = TrainingFileLayout.MoodleCompletion;
            for (var i = 0; i < header.Length; i++)
            {
                var name = header[i].Trim();
                const string suffix = " - Completion date";
                if (!name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
                var activity = name[..^suffix.Length].Trim();
                if (_columns.TryGetValue(Normalise(activity), out var status)) _activities.Add((activity, status, i));
            }
            var problems = new List<string>();
            if (Column("emailaddress", "email", "workemail") is null && Column("idnumber", "employeenumber") is null)
                problems.Add("The report has no \"Email address\" or \"ID number\" column, so no one can be matched to the directory. Add one of them as an identity field in Moodle and download it again.");
            if (_courseForFile is null) problems.Add("Choose which course this report is for.");
            return problems;
        }
        if (_columns.ContainsKey("course") && _columns.ContainsKey("completedon"))
        {
            Layout = TrainingFileLayout.Plain;
            return Column("employeenumber") is null && Column("workemail", "email") is null
                ? ["The header has neither an \"employee_number\" nor a \"work_email\" column: one of them is needed to know who completed the course."]
                : [];
        }
        return ["The header matches no layout this import knows. Use a Moodle or Totara course completion report (with its \"Course complete\" column), "
            + "or a file with the columns employee_number or work_email, course, completed_on, and optionally score, passed and content_version."];
    }

    /// <summary>The data rows in order. Throws <see cref="DecoderFallbackException"/> when the text is not in the encoding it seemed to be.</summary>
    public IEnumerable<CompletionInput> ReadRows()
    {
        var row = 0;
        while (_parser.Read())
        {
            row++;
            var r = _parser.Record ?? [];
            var line = _parser.RawRow;
            if (r.Length != _header.Length)
            {
                yield return new CompletionInput(row, line, null, null, null, null, Problem: $"This row has {r.Length} values but the header has {_header.Length} columns.");
                continue;
            }
            yield return Layout == TrainingFileLayout.MoodleCompletion ? FromMoodle(row, line, r) : FromPlain(row, line, r);
        }
    }

    private CompletionInput FromPlain(int row, int line, string[] r) => new(row, line,
        Get(r, "employeenumber"), Get(r, "workemail", "email"), Get(r, "course"), Get(r, "completedon"),
        Get(r, "score"), Get(r, "passed"), Get(r, "contentversion"));

    /// <summary>
    /// A row of Moodle's report: the course is complete when "Course complete" says so; its date is the column
    /// "Course complete - Completion date" when the report has one, otherwise the latest activity's completion date.
    /// A pass or fail is read from the statuses ("Completed (achieved pass grade)").
    /// </summary>
    private CompletionInput FromMoodle(int row, int line, string[] r)
    {
        var email = Get(r, "emailaddress", "email", "workemail");
        var number = Get(r, "idnumber", "employeenumber");
        var status = (Get(r, "coursecomplete") ?? "").Trim();
        if (!status.StartsWith("Completed", StringComparison.OrdinalIgnoreCase))
        {
            return new CompletionInput(row, line, number, email, _courseForFile, null,
                Skip: status.Length == 0 ? "Course complete is empty" : $"Course complete says \"{status}\"");
        }
        var statuses = _activities.Select(a => r[a.Status]).Append(status).ToList();
        bool? passed = statuses.Any(s => s.Contains("did not achieve pass grade", StringComparison.OrdinalIgnoreCase)) ? false
            : statuses.Any(s => s.Contains("achieved pass grade", StringComparison.OrdinalIgnoreCase)) ? true : null;
        var date = Get(r, "coursecompletecompletiondate");
        if (string.IsNullOrWhiteSpace(date))
        {
            var dates = _activities.Select(a => r[a.Date]).Where(d => !string.IsNullOrWhiteSpace(d)).ToList();
            var parsed = dates.Select(d => (Text: d, Day: CompletionDates.Parse(d))).ToList();
            date = parsed.Any(p => p.Day is null) ? parsed.First(p => p.Day is null).Text
                : parsed.Count == 0 ? null : parsed.MaxBy(p => p.Day)!.Text;
        }
        return new CompletionInput(row, line, number, email, _courseForFile, date, null, passed switch { true => "yes", false => "no", null => null });
    }

    private int? Column(params string[] names)
    {
        foreach (var n in names) if (_columns.TryGetValue(n, out var i)) return i;
        return null;
    }

    private string? Get(string[] r, params string[] names) => Column(names) is { } i ? (string.IsNullOrWhiteSpace(r[i]) ? null : r[i].Trim()) : null;

    private static string Normalise(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>The encoding (from the byte order mark, or UTF-16 when every other byte of the start is zero, else strict UTF-8) and the delimiter of the header line.</summary>
    private static (Encoding Encoding, string Delimiter) Sniff(Stream stream)
    {
        var start = new byte[4096];
        var position = stream.Position;
        var read = 0;
        int n;
        while (read < start.Length && (n = stream.Read(start, read, start.Length - read)) > 0) read += n;
        stream.Position = position;
        var bytes = start.AsSpan(0, read);
        Encoding encoding;
        if (bytes.StartsWith((byte[])[0xFF, 0xFE])) encoding = new UnicodeEncoding(false, true, true);
        else if (bytes.StartsWith((byte[])[0xFE, 0xFF])) encoding = new UnicodeEncoding(true, true, true);
        else if (read >= 4 && bytes[1] == 0 && bytes[3] == 0 && bytes[0] != 0) encoding = new UnicodeEncoding(false, false, true);
        else if (read >= 4 && bytes[0] == 0 && bytes[2] == 0 && bytes[1] != 0) encoding = new UnicodeEncoding(true, false, true);
        else encoding = new UTF8Encoding(false, throwOnInvalidBytes: true);
        string text;
        try
        {
            text = encoding.GetString(bytes[..(encoding is UnicodeEncoding ? read & ~1 : read)]);
        }
        catch (DecoderFallbackException)
        {
            // A multi-byte character cut at the end of the sample; the full read will say if the file is not UTF-8.
            text = Encoding.Latin1.GetString(bytes);
        }
        var header = text.Split('\n')[0];
        var counts = new[] { ",", ";", "\t" }.Select(d => (d, Count: CountOutsideQuotes(header, d[0]))).ToList();
        var best = counts.MaxBy(c => c.Count);
        return (encoding, best.Count == 0 ? "," : best.d);
    }

    private static int CountOutsideQuotes(string line, char delimiter)
    {
        var quoted = false;
        var count = 0;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == delimiter && !quoted) count++;
        }
        return count;
    }

    public void Dispose()
    {
        _parser.Dispose();
        _text.Dispose();
    }
}

/// <summary>Completion dates as files give them: any UK date form, with or without a time ("14/02/26, 10:35").</summary>
public static class CompletionDates
{
    public static DateOnly? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        if (UkDates.Parse(v) is { } plain) return plain;
        // An instant with its offset ("2026-06-30T23:30:00Z") is the UK date at that instant (1 July, in summer time).
        if (Instant(v) is { } at) return DateOnly.FromDateTime(UkCalendar.ToUk(at.UtcDateTime));
        // A time after the date: "14/02/26, 10:35", "2026-02-14 10:35:00", "2026-02-14T10:35:00Z".
        var cut = v.IndexOfAny([',', 'T', ' ']);
        while (cut > 0)
        {
            var rest = v[(cut + 1)..].Trim();
            if (LooksLikeTime(rest) && UkDates.Parse(v[..cut]) is { } day) return day;
            cut = v.IndexOfAny([',', 'T', ' '], cut + 1);
        }
        return null;
    }

    /// <summary>An ISO 8601 date and time with its offset or Z, such as xAPI's timestamps; nothing else (no US-order dates).</summary>
    public static DateTimeOffset? Instant(string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(value, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$")
        && DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at) ? at : null;

    private static bool LooksLikeTime(string s) =>
        s.Length >= 4 && char.IsDigit(s[0]) && s.Contains(':') && s.All(c => char.IsDigit(c) || c is ':' or '.' or 'Z' or '+' or '-' or ' ' || char.IsLetter(c) && "APMapm".Contains(c));
}
