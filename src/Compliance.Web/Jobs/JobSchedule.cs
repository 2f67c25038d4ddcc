using Compliance.Core;
using Cronos;

namespace Compliance.Web.Jobs;

/// <summary>
/// A job's schedule as the settings give it: a cron expression read in UK time, with five fields (minute first) or
/// six (seconds first), as the scheduler reads it. Checked at start, so a mistyped setting stops the app with a
/// message rather than leaving a job that never runs.
/// </summary>
public sealed class JobSchedule
{
    private readonly CronExpression _expression;

    private JobSchedule(string cron, CronExpression expression)
    {
        Cron = cron;
        _expression = expression;
    }

    public string Cron { get; }

    public static JobSchedule Parse(string setting, string cron)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            return new JobSchedule(string.Join(' ', fields), CronExpression.Parse(string.Join(' ', fields), fields.Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard));
        }
        catch (CronFormatException e)
        {
            throw new InvalidOperationException($"The setting {setting} (“{cron}”) is not a cron expression the scheduler can read: {e.Message} Use five fields, minute first, for example “0 7 * * *” for 07:00 every day.", e);
        }
    }

    /// <summary>Every second, minute or hour, as a schedule (the mail sender's interval).</summary>
    public static JobSchedule Every(string setting, TimeSpan interval)
    {
        var cron = interval.TotalSeconds switch
        {
            >= 1 and < 60 when 60 % interval.TotalSeconds == 0 => $"*/{interval.TotalSeconds:0} * * * * *",
            >= 60 and < 3600 when interval.TotalSeconds % 60 == 0 && 60 % interval.TotalMinutes == 0 => $"*/{interval.TotalMinutes:0} * * * *",
            _ => throw new InvalidOperationException($"The setting {setting} ({interval}) must divide a minute or an hour evenly: 1 to 30 seconds (2, 5, 10, 20…), or 1 to 30 minutes."),
        };
        return Parse(setting, cron);
    }

    /// <summary>The latest time at or before <paramref name="nowUtc"/> the job was due, looking back up to two days.</summary>
    public DateTimeOffset? LastDueAtOrBefore(DateTimeOffset nowUtc) =>
        _expression.GetOccurrences(nowUtc.AddDays(-2), nowUtc, UkCalendar.Zone, fromInclusive: true, toInclusive: true).Cast<DateTimeOffset?>().LastOrDefault();

    public DateTimeOffset? NextAfter(DateTimeOffset utc) => _expression.GetNextOccurrence(utc, UkCalendar.Zone);

    /// <summary>"Every day at 07:00 (UK time)" for a daily time; the expression itself otherwise.</summary>
    public string Describe()
    {
        var f = Cron.Split(' ');
        if (f.Length == 5 && f[2] == "*" && f[3] == "*" && f[4] == "*" && int.TryParse(f[0], out var m) && int.TryParse(f[1], out var h))
        {
            return $"Every day at {h:00}:{m:00} (UK time)";
        }
        if (f.Length == 6 && f[0].StartsWith("*/", StringComparison.Ordinal) && f[1..].All(x => x == "*") && int.TryParse(f[0][2..], out var s))
        {
            return $"Every {s} second{(s == 1 ? "" : "s")}";
        }
        if (f.Length == 5 && f[0].StartsWith("*/", StringComparison.Ordinal) && f[1..].All(x => x == "*") && int.TryParse(f[0][2..], out var n))
        {
            return $"Every {n} minute{(n == 1 ? "" : "s")}";
        }
        return $"Cron “{Cron}” (UK time)";
    }
}
