using Compliance.Core.Cases;
using Compliance.Core.Data.Providers;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// How many reports and reporters' replies this instance works on at once (<c>Compliance:Cases:ReportsAtOnce</c>).
/// The rest wait their turn in order, holding no thread and no database connection, so a burst of reports cannot
/// fill the processor's queue, the thread pool or the connection pool ahead of everyone else's pages. One that
/// cannot start within the write wait limit (<c>Compliance:Database:WriteWaitLimit</c>, 5 seconds) is answered at
/// once as busy, with nothing saved and the words kept on the page, as when the database's own queue is full.
/// </summary>
public sealed class ReportAdmission(IOptions<CaseOptions> options, IConfiguration configuration)
{
    private readonly SemaphoreSlim slots = new(options.Value.ReportsAtOnce, options.Value.ReportsAtOnce);
    private readonly TimeSpan waitLimit = configuration.GetValue("Compliance:Database:WriteWaitLimit", SqliteWriteGate.DefaultWaitLimit);

    /// <summary>Reports and replies being worked on now.</summary>
    public int Working => options.Value.ReportsAtOnce - slots.CurrentCount;

    /// <summary>A turn to work on one submission, to be disposed when it is done; null when none came in time.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken ct)
    {
        if (!await slots.WaitAsync(waitLimit, ct)) return null;
        return new Turn(slots);
    }

    private sealed class Turn(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) slots.Release();
        }
    }
}
