using Compliance.Core.Auditing;
using Compliance.Core.Data;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// Anchors the audit chain at least every hour (<c>Compliance:Audit:CheckpointEvery</c>), when anything was written
/// since the last checkpoint, besides the checkpoints at start-up, every morning and with every evidence pack and
/// board sign-off. The signed record of the newest entry covers the time between.
/// </summary>
public sealed class AuditCheckpointTimer(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<AuditCheckpointTimer> logger) : BackgroundService
{
    public TimeSpan Every => configuration.GetValue("Compliance:Audit:CheckpointEvery", TimeSpan.FromHours(1));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ComplianceDbContext>();
                var anchor = scope.ServiceProvider.GetRequiredService<AuditAnchor>();
                // A checkpoint is never written over a chain that fails its check: that would seem to vouch for it.
                if (await anchor.IsUpToDateAsync(db, stoppingToken) || !(await new AuditVerifier(db, anchor).VerifyAsync(stoppingToken)).IsValid) continue;
                await anchor.TryWriteAsync(db, "hourly", stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database out of reach for a moment must not stop the app (an unhandled error in a background
                // service stops the host): the next round tries again.
                logger.LogWarning("The hourly audit checkpoint could not be written ({Reason}); the next round tries again.", e.GetType().Name);
            }
        }
    }
}
