using Xunit.Sdk;

namespace Compliance.Web.Tests.Infrastructure;

/// <summary>
/// Waiting on work done elsewhere (another instance, a background job, the mail server): read until the value is
/// done, or fail the test. A wait that gives up quietly lets a test pass when what it waits for never came.
/// </summary>
public static class Poll
{
    /// <summary>
    /// Reads every <paramref name="every"/> (200 ms unless given) until <paramref name="done"/> holds, and returns that
    /// value; when the timeout passes first, fails the test naming <paramref name="what"/>, how long it waited and the
    /// last value read.
    /// </summary>
    public static async Task<T> UntilAsync<T>(string what, Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, TimeSpan? every = null)
    {
        var started = DateTime.UtcNow;
        var until = started + timeout;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow >= until) throw new XunitException($"Waited {(DateTime.UtcNow - started).TotalSeconds:0.#} s for {what}; it never happened (last read: {Describe(value)}).");
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(200));
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "nothing",
        string s => s.Length > 200 ? s[..200] + "…" : s,
        System.Collections.IEnumerable items => Items(items.Cast<object?>().ToList()),
        _ => value.ToString() ?? "nothing",
    };

    private static string Items(List<object?> items) =>
        $"{items.Count} item(s){(items.Count == 0 ? "" : ": " + string.Join(", ", items.Take(5).Select(i => Describe(i?.ToString())[..Math.Min(60, Describe(i?.ToString()).Length)])))}{(items.Count > 5 ? ", …" : "")}";
}
