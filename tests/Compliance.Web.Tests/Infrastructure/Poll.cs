namespace Compliance.Web.Tests.Infrastructure;

/// <summary>Waiting on work done elsewhere (another instance, a background job): read until the value is done, or time is up.</summary>
public static class Poll
{
    /// <summary>Reads every <paramref name="every"/> (200 ms unless given) until <paramref name="done"/> holds or the timeout passes; returns the last value read.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, TimeSpan? every = null)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(200));
            var value = await read();
            if (done(value) || DateTime.UtcNow >= until) return value;
        }
    }
}
