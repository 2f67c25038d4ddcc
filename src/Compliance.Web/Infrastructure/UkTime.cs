using System.Globalization;

namespace Compliance.Web.Infrastructure;

/// <summary>Instants are stored in UTC and shown in UK time (GMT or BST), in UK formats.</summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    public static DateTime ToUk(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static string Format(DateTime utc) => ToUk(utc).ToString("d MMM yyyy, HH:mm", Culture);

    public static string Format(DateOnly date) => date.ToString("d MMM yyyy", Culture);

    public static string Format(DateOnly? date) => date is { } d ? Format(d) : "";

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToUk(clock.GetUtcNow().UtcDateTime));
}
