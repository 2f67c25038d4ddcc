#:sdk Microsoft.NET.Sdk.Web
#:property PublishAot=false
#:property TreatWarningsAsErrors=false
#:project ../../src/Compliance.Web/Compliance.Web.csproj
// The evidence pack's PDF layout, cold and warm, in one process: the pack's content is read once from the
// installation the app's settings point at (as pack-scale.sh sets them), then laid out RUNS times; the rest are
// what every later pack pays in a running app. The first is what a freshly started app would pay without its code
// precompiled (`dotnet run` compiles as it goes; scripts/publish.sh precompiles, and the command's own figure in
// pack-scale.sh is the first layout of the app as published).
//   dotnet run tests/Compliance.Benchmarks/pack-layout.cs -- FROM TO [RUNS]   (dates as 2025-12-07; RUNS 10)
using System.Diagnostics;
using Compliance.Core.EvidencePacks;
using Compliance.Web.Infrastructure;

var from = DateOnly.Parse(args[0]);
var to = DateOnly.Parse(args[1]);
var runs = args.Length > 2 ? int.Parse(args[2]) : 10;
var builder = WebApplication.CreateBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddCompliance();
await using var app = builder.Build();
await DatabaseStartup.PrepareAsync(app.Services);
await using var scope = app.Services.CreateAsyncScope();
var request = new EvidencePack(Guid.NewGuid(), from, to, false, null, "benchmark", DateTime.UtcNow);
var read = Stopwatch.StartNew();
var content = await scope.ServiceProvider.GetRequiredService<PackBuilder>().BuildAsync(request, DateTime.UtcNow, (_, _) => Task.CompletedTask, CancellationToken.None);
Console.WriteLine($"reading the evidence: {read.ElapsedMilliseconds} ms (in a process that has read nothing before)");
var times = new List<double>();
for (var i = 0; i < runs; i++)
{
    var t = Stopwatch.StartNew();
    var (pdf, pages) = PackPdf.Render(content);
    times.Add(t.Elapsed.TotalMilliseconds);
    if (i == 0) Console.WriteLine($"layout, first in the process, not precompiled: {times[0]:F0} ms ({pages} pages, {pdf.Length:N0} bytes)");
}
var warm = times.Skip(1).Order().ToList();
Console.WriteLine($"layout, warm (median of {warm.Count}): {warm[warm.Count / 2]:F0} ms");
