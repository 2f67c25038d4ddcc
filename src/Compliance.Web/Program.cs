using Compliance.Web.Infrastructure;

var isCommand = CommandLine.IsCommand(args);
var builder = WebApplication.CreateBuilder(isCommand ? [] : args);
if (isCommand)
{
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    // The migration check's first query fails by design on a brand-new database; a command's output stays clean.
    builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
}
builder.AddCompliance();
var app = builder.Build();

try
{
    await DatabaseStartup.PrepareAsync(app.Services);
}
catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException)
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

app.UseCompliance();
await app.RunAsync();
return 0;

public partial class Program;
