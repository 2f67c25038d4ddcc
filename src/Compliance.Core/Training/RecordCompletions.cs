using System.Globalization;
using System.Text;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Training;

public sealed record CompletionPreviewRow(int Row, string EmployeeNumber, string Name, string Course, DateOnly CompletedOn, bool? Passed, int? Version, string Action);

/// <summary>What recording a set of completions would do: rows to create, update and skip, and every error by row and column.</summary>
public sealed class CompletionAnalysis
{
    public int RowCount { get; internal set; }
    public int ToCreate { get; internal set; }
    public int ToUpdate { get; internal set; }
    public int ToSkip { get; internal set; }
    public int ErrorCount { get; internal set; }
    public List<ImportError> Errors { get; } = [];
    public List<CompletionPreviewRow> PreviewRows { get; } = [];
    public List<(int Row, string Reason)> Skipped { get; } = [];
    public TrainingFileLayout Layout { get; internal set; }
    public string? EncodingName { get; internal set; }
    public string? Delimiter { get; internal set; }

    public bool CanRecord => ErrorCount == 0 && ToCreate + ToUpdate + ToSkip > 0;

    internal void AddError(int row, int line, string column, string message)
    {
        ErrorCount++;
        if (Errors.Count < ImportAnalysis.MaxErrorsKept) Errors.Add(new ImportError(row, line, column, message));
    }
}

public sealed record CompletionResult(CompletionAnalysis Analysis, bool Recorded);

/// <summary>
/// Records completions from every route (by hand, a session's attendance, a file, the API, xAPI) by the same rules,
/// all or nothing: each row is matched to a person (employee number or work email, ignoring case) and a course
/// (code or title), its date checked, and the content version in use that day recorded. The same person, course
/// and day again is skipped, or updated when its result differs. A set with any error writes nothing.
/// </summary>
public sealed class RecordCompletions(ComplianceDbContext db, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The most rows one file or request may hold: all are checked and held in memory before any is written.</summary>
    public const int MaxRows = 200_000;

    /// <summary>Up to this many rows, only the people they name and those people's completions are read.</summary>
    private const int FewRows = 1_000;

    private sealed record PersonRef(Guid Id, string Number, string Name, DateOnly? StartDate, DateOnly? LeavingDate);
    private sealed record Existing(Guid Id, bool? Passed, decimal? Score);

    private sealed class Snapshot
    {
        public Dictionary<string, PersonRef> ByNumber { get; } = new(StringComparer.OrdinalIgnoreCase);
        public Dictionary<string, PersonRef?> ByEmail { get; } = new(StringComparer.OrdinalIgnoreCase);
        public Dictionary<string, Course> ByCode { get; } = new(StringComparer.OrdinalIgnoreCase);
        public Dictionary<string, Course?> ByTitle { get; } = new(StringComparer.OrdinalIgnoreCase);
        public Dictionary<(Guid Course, Guid Person, DateOnly On), Existing> Existing { get; } = [];
    }

    private sealed record Planned(TrainingCompletion? New, Guid? UpdateId, bool? Passed, decimal? Score, Guid? VersionId, DateOnly On);

    /// <summary>Checks and, if every row is clean, records them all with one audit entry.</summary>
    public async Task<CompletionResult> RecordAsync(IEnumerable<CompletionInput> rows, CompletionSource source, string? sourceDetail, string byName, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var planned = new List<Planned>();
        var analysis = await RunAsync(rows, planned, null, ct, source, sourceDetail, byName);
        if (!analysis.CanRecord) return new(analysis, false);
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            // All in one call: the dialect sends them in statements of its own size, preparing them once.
            await db.Dialect.InsertNewAsync(db, planned.Where(p => p.New is not null).Select(p => p.New!).ToList(), ct);
            foreach (var update in planned.Where(p => p.UpdateId is not null))
            {
                await db.TrainingCompletions.Where(c => c.Id == update.UpdateId).ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Passed, update.Passed).SetProperty(c => c.Score, update.Score).SetProperty(c => c.CourseVersionId, update.VersionId)
                    .SetProperty(c => c.Source, source).SetProperty(c => c.SourceDetail, sourceDetail).SetProperty(c => c.RecordedByName, byName).SetProperty(c => c.RecordedAtUtc, now), ct);
            }
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            // Another request recorded the same person, course and day meanwhile (the unique index refused the second);
            // the transaction is rolled back, so nothing of this set is kept.
            analysis.AddError(0, 1, "(file)", "Some of these completions were recorded by someone else at the same moment. Nothing was recorded; try again.");
            return new(analysis, false);
        }
        var from = source switch
        {
            CompletionSource.Import => $"imported from {sourceDetail ?? "a file"}",
            CompletionSource.Api => $"sent through the API by {sourceDetail ?? "an API token"}",
            CompletionSource.Xapi => $"sent as xAPI statements by {sourceDetail ?? "an API token"}",
            CompletionSource.Session => sourceDetail is null ? "recorded for a session" : $"recorded for the session {sourceDetail}",
            _ => "recorded by hand",
        };
        await audit.SaveAsync(db, new AuditEvent("training.completions.recorded", "Training", null,
            $"Training completions {from}: {analysis.ToCreate:N0} added, {analysis.ToUpdate:N0} updated, {analysis.ToSkip:N0} skipped"), ct);
        // Completions dated in the past change the scores of the month ends since: the trend works them out again.
        if (planned.Where(p => p.New is not null || p.UpdateId is not null).Select(p => (DateOnly?)p.On).Min() is { } earliest)
        {
            await db.ForgetKeptScoresFromAsync(earliest, ct);
        }
        await tx.CommitAsync(ct);
        return new(analysis, true);
    }

    /// <summary>Checks a file without writing anything: its layout, encoding and every row.</summary>
    public async Task<CompletionAnalysis> AnalyseFileAsync(Func<Stream> openFile, string? courseForFile, PreviewWindow? window, CancellationToken ct = default)
    {
        await using var stream = openFile();
        using var reader = new TrainingFileReader(stream, courseForFile);
        var header = ReadHeader(reader);
        var analysis = header.Count > 0 ? HeaderErrors(header) : await RunAsync(reader.ReadRows(), null, window, ct);
        return Describe(analysis, reader);
    }

    /// <summary>Records a whole file, all or nothing.</summary>
    public async Task<CompletionResult> ImportFileAsync(Func<Stream> openFile, string? courseForFile, string fileName, string byName, CancellationToken ct = default)
    {
        await using var stream = openFile();
        using var reader = new TrainingFileReader(stream, courseForFile);
        var header = ReadHeader(reader);
        if (header.Count > 0) return new(Describe(HeaderErrors(header), reader), false);
        var name = Path.GetFileName(fileName);
        var result = await RecordAsync(reader.ReadRows(), CompletionSource.Import, name.Length > 100 ? name[..100] : name, byName, ct);
        Describe(result.Analysis, reader);
        return result;
    }

    private static List<string> ReadHeader(TrainingFileReader reader)
    {
        try
        {
            return reader.ReadHeader();
        }
        catch (DecoderFallbackException)
        {
            return ["The file is not UTF-8 or UTF-16 text. In your spreadsheet, save it as \"CSV UTF-8\" and try again."];
        }
    }

    private static CompletionAnalysis HeaderErrors(List<string> problems)
    {
        var analysis = new CompletionAnalysis();
        foreach (var p in problems) analysis.AddError(0, 1, "header", p);
        return analysis;
    }

    private static CompletionAnalysis Describe(CompletionAnalysis analysis, TrainingFileReader reader)
    {
        analysis.Layout = reader.Layout;
        analysis.EncodingName = reader.Encoding is UnicodeEncoding ? "UTF-16" : "UTF-8";
        analysis.Delimiter = reader.Delimiter switch { ";" => "semicolons", "\t" => "tabs", _ => "commas" };
        return analysis;
    }

    private async Task<CompletionAnalysis> RunAsync(IEnumerable<CompletionInput> rows, List<Planned>? planned, PreviewWindow? window, CancellationToken ct,
        CompletionSource source = CompletionSource.Recorded, string? sourceDetail = null, string byName = "")
    {
        var analysis = new CompletionAnalysis();
        // A few rows (a person, a session, an API call) look up only the people they name; a file reads the directory once.
        var few = rows is IReadOnlyCollection<CompletionInput> { Count: <= FewRows } list ? list : null;
        // The caller of the API is a system, not a person in HR: it is told which employee number, not whose name.
        var names = source is not (CompletionSource.Api or CompletionSource.Xapi);
        var snapshot = await LoadAsync(few, names, ct);
        var today = UkCalendar.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var seen = new Dictionary<(Guid, Guid, DateOnly), int>();
        try
        {
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                analysis.RowCount++;
                if (analysis.RowCount > MaxRows)
                {
                    analysis.AddError(row.Row, row.Line, "(file)", $"A file may hold at most {MaxRows:N0} completions. Split it and import each part.");
                    break;
                }
                if (row.Problem is not null)
                {
                    analysis.AddError(row.Row, row.Line, "(row)", row.Problem);
                    continue;
                }
                if (row.Skip is not null)
                {
                    analysis.ToSkip++;
                    if (analysis.Skipped.Count < ImportAnalysis.MaxErrorsKept) analysis.Skipped.Add((row.Row, $"{row.Skip}: nothing to record."));
                    continue;
                }
                var errors = analysis.ErrorCount;
                var person = FindPerson(row, snapshot, analysis);
                var course = FindCourse(row, snapshot, analysis);
                var on = CompletionDates.Parse(row.CompletedOn);
                if (string.IsNullOrWhiteSpace(row.CompletedOn)) analysis.AddError(row.Row, row.Line, "completed_on", "The completion date is missing.");
                else if (on is null) analysis.AddError(row.Row, row.Line, "completed_on", $"\"{row.CompletedOn.Trim()}\" is not a date. Use a UK date such as 14/02/2026 or 14 February 2026 (or 2026-02-14).");
                else if (on > today) analysis.AddError(row.Row, row.Line, "completed_on", $"{UkDates.Long(on.Value)} is in the future.");
                else if (on < new DateOnly(1990, 1, 1)) analysis.AddError(row.Row, row.Line, "completed_on", $"{UkDates.Long(on.Value)} is too long ago to be a completion.");
                else if (person?.LeavingDate is { } left && on > left) analysis.AddError(row.Row, row.Line, "completed_on", $"{Capital(person.Name)} left on {UkDates.Long(left)}, before {UkDates.Long(on.Value)}.");
                var passed = Flag(row.Passed, row, analysis);
                var score = Score(row.Score, row, analysis);
                CourseVersion? version = null;
                if (course is not null && on is not null)
                {
                    if (!string.IsNullOrWhiteSpace(row.ContentVersion))
                    {
                        version = int.TryParse(row.ContentVersion.Trim().TrimStart('v', 'V'), out var n) ? course.Versions.FirstOrDefault(v => v.Number == n) : null;
                        if (version is null) analysis.AddError(row.Row, row.Line, "content_version", $"\"{course.Title}\" has no content version \"{row.ContentVersion.Trim()}\" (it has {string.Join(", ", course.Versions.OrderBy(v => v.Number).Select(v => v.Number))}).");
                    }
                    else
                    {
                        version = course.VersionOn(on.Value);
                    }
                }
                if (analysis.ErrorCount > errors || person is null || course is null || on is null) continue;
                var key = (course.Id, person.Id, on.Value);
                if (seen.TryGetValue(key, out var first))
                {
                    analysis.AddError(row.Row, row.Line, "(row)", $"{Capital(person.Name)}'s completion of \"{course.Title}\" on {UkDates.Long(on.Value)} is also on row {first}.");
                    continue;
                }
                seen[key] = row.Row;
                string action;
                if (snapshot.Existing.TryGetValue(key, out var existing))
                {
                    // A result already known is never lost to a row that does not give one (a "completed" after a "passed").
                    passed ??= existing.Passed;
                    score ??= existing.Score;
                    if (existing.Passed == passed && existing.Score == score)
                    {
                        analysis.ToSkip++;
                        action = "Already recorded";
                        if (analysis.Skipped.Count < ImportAnalysis.MaxErrorsKept) analysis.Skipped.Add((row.Row, $"{Capital(person.Name)}'s completion on {UkDates.Long(on.Value)} is already recorded."));
                    }
                    else
                    {
                        analysis.ToUpdate++;
                        action = "Update";
                        planned?.Add(new Planned(null, existing.Id, passed, score, version?.Id, on.Value));
                    }
                }
                else
                {
                    analysis.ToCreate++;
                    action = "Add";
                    planned?.Add(new Planned(new TrainingCompletion(course.Id, person.Id, on.Value, passed, score, version?.Id, source, sourceDetail, byName, now), null, passed, score, version?.Id, on.Value));
                }
                if (window is not null && analysis.RowCount > window.Skip && analysis.PreviewRows.Count < window.Take)
                {
                    analysis.PreviewRows.Add(new CompletionPreviewRow(row.Row, person.Number, person.Name, course.Title, on.Value, passed, version?.Number, action));
                }
            }
        }
        catch (DecoderFallbackException)
        {
            analysis.AddError(0, 1, "file", "The file is not UTF-8 or UTF-16 text. In your spreadsheet, save it as \"CSV UTF-8\" and try again.");
        }
        if (analysis.RowCount == 0 && analysis.ErrorCount == 0) analysis.AddError(0, 1, "file", "There are no completions to record.");
        return analysis;
    }

    private static string Capital(string text) => text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    private static PersonRef? FindPerson(CompletionInput row, Snapshot s, CompletionAnalysis analysis)
    {
        PersonRef? byNumber = null, byEmail = null;
        if (!string.IsNullOrWhiteSpace(row.EmployeeNumber) && !s.ByNumber.TryGetValue(row.EmployeeNumber.Trim(), out byNumber))
        {
            analysis.AddError(row.Row, row.Line, "employee_number", $"No one in the directory has the employee number \"{row.EmployeeNumber.Trim()}\".");
            return null;
        }
        if (!string.IsNullOrWhiteSpace(row.WorkEmail))
        {
            if (!s.ByEmail.TryGetValue(row.WorkEmail.Trim(), out byEmail))
            {
                if (byNumber is not null) return byNumber;
                analysis.AddError(row.Row, row.Line, "work_email", $"No one in the directory has the work email \"{row.WorkEmail.Trim()}\".");
                return null;
            }
            if (byEmail is null && byNumber is null)
            {
                analysis.AddError(row.Row, row.Line, "work_email", $"More than one person in the directory has the work email \"{row.WorkEmail.Trim()}\": give the employee number instead.");
                return null;
            }
        }
        if (byNumber is not null && byEmail is not null && byNumber.Id != byEmail.Id)
        {
            analysis.AddError(row.Row, row.Line, "work_email", $"The work email \"{row.WorkEmail!.Trim()}\" is {byEmail.Name}'s, but the employee number \"{byNumber.Number}\" is {byNumber.Name}'s.");
            return null;
        }
        var person = byNumber ?? byEmail;
        if (person is null && string.IsNullOrWhiteSpace(row.EmployeeNumber) && string.IsNullOrWhiteSpace(row.WorkEmail))
            analysis.AddError(row.Row, row.Line, "employee_number", "The row names no one: give an employee number or a work email.");
        return person;
    }

    private static Course? FindCourse(CompletionInput row, Snapshot s, CompletionAnalysis analysis)
    {
        var name = (row.Course ?? "").Trim();
        if (name.Length == 0)
        {
            analysis.AddError(row.Row, row.Line, "course", "The course is missing.");
            return null;
        }
        if (s.ByCode.TryGetValue(name, out var byCode)) return byCode;
        if (s.ByTitle.TryGetValue(name, out var byTitle) && byTitle is not null) return byTitle;
        analysis.AddError(row.Row, row.Line, "course", $"There is no course with the code or title \"{name}\".");
        return null;
    }

    private static readonly string[] Yes = ["yes", "y", "true", "1", "pass", "passed"];
    private static readonly string[] No = ["no", "n", "false", "0", "fail", "failed"];

    private static bool? Flag(string? value, CompletionInput row, CompletionAnalysis analysis)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        if (Yes.Contains(v, StringComparer.OrdinalIgnoreCase)) return true;
        if (No.Contains(v, StringComparer.OrdinalIgnoreCase)) return false;
        analysis.AddError(row.Row, row.Line, "passed", $"\"{v}\" is not yes or no.");
        return null;
    }

    private static decimal? Score(string? value, CompletionInput row, CompletionAnalysis analysis)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim().TrimEnd('%').Trim();
        if (decimal.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var score) && score <= 100) return Math.Round(score, 2);
        analysis.AddError(row.Row, row.Line, "score", $"\"{value.Trim()}\" is not a score from 0 to 100.");
        return null;
    }

    private async Task<Snapshot> LoadAsync(IReadOnlyCollection<CompletionInput>? few, bool names, CancellationToken ct)
    {
        var s = new Snapshot();
        var directory = db.Employees.AsNoTracking();
        if (few is not null)
        {
            // Matched without regard to case, as the file's rows are; exact values too, for letters the database does not fold.
            var numbers = few.Select(r => r.EmployeeNumber?.Trim()).OfType<string>().Where(v => v.Length > 0).SelectMany(v => new[] { v, v.ToUpperInvariant() }).Distinct().ToList();
            var emails = few.Select(r => r.WorkEmail?.Trim()).OfType<string>().Where(v => v.Length > 0).SelectMany(v => new[] { v, v.ToUpperInvariant() }).Distinct().ToList();
            directory = directory.Where(e => numbers.Contains(e.EmployeeNumber) || numbers.Contains(e.EmployeeNumber.ToUpper())
                || (e.WorkEmail != null && (emails.Contains(e.WorkEmail) || emails.Contains(e.WorkEmail.ToUpper()))));
        }
        var people = await directory.Select(e => new { e.Id, e.EmployeeNumber, e.FirstName, e.LastName, e.WorkEmail, e.StartDate, e.LeavingDate }).ToListAsync(ct);
        foreach (var e in people)
        {
            var p = new PersonRef(e.Id, e.EmployeeNumber, names ? $"{e.FirstName} {e.LastName}" : $"employee {e.EmployeeNumber}", e.StartDate, e.LeavingDate);
            s.ByNumber[e.EmployeeNumber] = p;
            if (e.WorkEmail is { } email)
            {
                // Two people sharing an address cannot be told apart by it.
                s.ByEmail[email] = s.ByEmail.ContainsKey(email) ? null : p;
            }
        }
        foreach (var c in await db.Courses.AsNoTracking().Include(c => c.Versions).ToListAsync(ct))
        {
            s.ByCode[c.Code] = c;
            s.ByTitle[c.Title] = s.ByTitle.ContainsKey(c.Title) ? null : c;
        }
        var completions = db.TrainingCompletions.AsNoTracking();
        if (few is not null)
        {
            var ids = people.Select(p => p.Id).ToList();
            completions = completions.Where(c => ids.Contains(c.EmployeeId));
        }
        foreach (var e in await completions.Select(c => new { c.Id, c.CourseId, c.EmployeeId, c.CompletedOn, c.Passed, c.Score }).ToListAsync(ct))
        {
            s.Existing[(e.CourseId, e.EmployeeId, e.CompletedOn)] = new Existing(e.Id, e.Passed, e.Score);
        }
        return s;
    }
}
