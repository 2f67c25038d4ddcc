using Compliance.Core.Auditing;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// When a time-stamping authority is named (<c>Compliance:Audit:TimeStampAuthority</c>), asks it for a token for each
/// new checkpoint, at start and then every <c>Compliance:Audit:TimeStampEvery</c> (a minute by default): the
/// checkpoints of start-up, the hour, the day, packs and sign-offs are stamped within a minute of being written, and
/// those written while the authority was out of reach as soon as it answers again. Does nothing when none is named.
/// </summary>
public sealed class CheckpointTimeStamper(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<CheckpointTimeStamper> logger) : BackgroundService
{
    public TimeSpan Every => configuration.GetValue("Compliance:Audit:TimeStampEvery", TimeSpan.FromMinutes(1));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var named = configuration["Compliance:Audit:TimeStampAuthority"];
        if (string.IsNullOrWhiteSpace(named)) return;
        if (!Uri.TryCreate(named, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            logger.LogWarning("Compliance:Audit:TimeStampAuthority is not an http or https address: no checkpoint is time-stamped until it is.");
            return;
        }
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CheckpointTimeStamps>().StampMissingAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The anchor folder out of reach for a moment must not stop the app: the next round tries again.
                logger.LogWarning("Checkpoints could not be time-stamped ({Reason}); the next round tries again.", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
