using Compliance.Web.Infrastructure;

if (CommandLine.IsHelp(args))
{
    Console.WriteLine(CommandLine.Help);
    return 0;
}
var isCommand = CommandLine.IsCommand(args);
if (isCommand && !CommandLine.IsKnown(args[0]))
{
    Console.Error.WriteLine(CommandLine.UnknownCommand(args[0]));
    return 2;
}
var builder = WebApplication.CreateBuilder(AppFolder.Options(isCommand ? [] : args));
// The build's own stylesheet and scripts are found through the build's manifest, wherever the app is started.
builder.WebHost.UseStaticWebAssets();
if (isCommand)
{
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    // The migration check's first query fails by design on a brand-new database; a command's output stays clean.
    builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
    // Notes go to standard error, so that what a command prints (a pack's SHA-256, say) is all a script reads.
    builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
}
WebApplication app;
try
{
    builder.AddCompliance();
    app = builder.Build();
}
catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
{
    Console.Error.WriteLine($"The app could not start: {e.Message}");
    return 1;
}

try
{
    await DatabaseStartup.PrepareAsync(app.Services);
}
catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or IOException or UnauthorizedAccessException
    or System.Security.Cryptography.CryptographicException)
{
    Console.Error.WriteLine($"The database could not be prepared: {e.Message}");
    return 1;
}

if (isCommand)
{
    var exitCode = await CommandLine.RunAsync(app.Services, args);
    await app.StopAsync();
    await app.DisposeAsync();
    return exitCode;
}

await DatabaseStartup.WriteStartCheckpointAsync(app.Services);
app.UseCompliance();
await app.RunAsync();
return 0;

public partial class Program;
