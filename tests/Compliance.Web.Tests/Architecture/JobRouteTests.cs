using Compliance.Web.Jobs;
using Hangfire;

namespace Compliance.Web.Tests.Architecture;

/// <summary>Pages start background work one way, through <see cref="BackgroundJobs"/>, never by calling the scheduler themselves.</summary>
public sealed class JobRouteTests
{
    [Fact]
    public void No_page_asks_for_the_scheduler_itself()
    {
        var pages = typeof(BackgroundJobs).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Compliance.Web.Pages", StringComparison.Ordinal) == true && t.IsClass).ToList();
        pages.Should().HaveCountGreaterThan(50);
        var scheduler = new[] { typeof(IBackgroundJobClient), typeof(IRecurringJobManager), typeof(JobStorage) };
        var offending = pages.SelectMany(t => t.GetConstructors().SelectMany(c => c.GetParameters())
                .Where(p => scheduler.Any(s => s.IsAssignableFrom(p.ParameterType)))
                .Select(p => $"{t.FullName} takes {p.ParameterType.Name}"))
            .ToList();
        offending.Should().BeEmpty("pages start jobs through BackgroundJobs.Start");
        pages.Should().Contain(t => t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(BackgroundJobs))));
    }
}
