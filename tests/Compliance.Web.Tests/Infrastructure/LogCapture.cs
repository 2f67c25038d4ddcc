using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Compliance.Web.Tests.Infrastructure;

/// <summary>Keeps every log message of an app whose operator has turned logging up to the most verbose level.</summary>
public static class LogCapture
{
    public static void TurnUpAndCapture(IWebHostBuilder builder, ConcurrentQueue<string> messages)
    {
        foreach (var category in new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore" })
        {
            builder.UseSetting($"Logging:LogLevel:{category}", "Trace");
        }
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingProvider(messages)));
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> messages) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, messages);
        public void Dispose() { }
    }

    private sealed class Logger(string category, ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}
