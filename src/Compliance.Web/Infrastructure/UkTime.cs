using System.Globalization;
using Compliance.Core;

namespace Compliance.Web.Infrastructure;

/// <summary>Instants are stored in UTC and shown in UK time (GMT or BST), in UK formats.</summary>
public static class UkTime
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    public static DateTime ToUk(DateTime utc) => UkCalendar.ToUk(utc);

    public static string Format(DateTime utc) => UkDates.Long(utc);

    public static string Format(DateOnly date) => UkDates.Long(date);

    public static string Format(DateOnly? date) => date is { } d ? Format(d) : "";

    public static string Format(DateTime? utc) => utc is { } u ? Format(u) : "";

    public static DateOnly Today(TimeProvider clock) => UkCalendar.Today(clock);
}
