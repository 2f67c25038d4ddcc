using Compliance.Core.Auditing;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Tests.Infrastructure;

/// <summary>An anchor folder with no checkpoints in it, for tests of the chain alone.</summary>
public static class NoCheckpoints
{
    public static readonly AuditAnchor Anchor = new(
        Options.Create(new AuditAnchorOptions { Folder = Path.Combine(Path.GetTempPath(), "compliance-test-data", "no-checkpoints-" + Guid.NewGuid().ToString("N")) }),
        TimeProvider.System);
}
