using System.Net;
using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Web.Tests.Cases;

/// <summary>
/// What a later reader of every file the app writes can tell of a report: a report's attachment never touches the
/// temporary folder (the framework buffers a form file over 64 KB to a file there, where it would lie unencrypted,
/// stay after a crash, and the folder's times would date the report); the write-ahead log is emptied soon after;
/// an upload past a page's limit is refused in words. The built app runs as a process of its own, on one seeded
/// install for the class, with a temporary folder of its own to watch.
/// </summary>
public sealed class UploadBufferingTests(SeededInstallFixture fixture) : IClassFixture<SeededInstallFixture>, IAsyncLifetime
{
    private SeededInstall Install => fixture.Install;
    private string Temp => Path.Combine(Install.Folder, "tmp");

    public Task InitializeAsync()
    {
        if (TestDatabase.IsSqlite) Directory.CreateDirectory(Temp);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [SqliteFact]
    public async Task A_large_attachment_to_a_report_is_never_written_to_the_temporary_folder()
    {
        await using var app = await AppProcess.StartAsync(null, Install.Data, new Dictionary<string, string> { ["ASPNETCORE_TEMP"] = Temp, ["TMPDIR"] = Temp }, Install.Folder);
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        var form = await browser.GetStringAsync("/report");
        await Task.Delay(1100); // folder times are read to the second
        var before = await ChangeTimesAsync();

        using var watcher = new FileSystemWatcher(Temp) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        var created = new System.Collections.Concurrent.ConcurrentBag<string>();
        watcher.Created += (_, e) => created.Add(e.Name ?? "");
        var content = new MultipartFormDataContent
        {
            { new StringContent(AppClient.Token(form)), "__RequestVerificationToken" },
            { new StringContent("Anonymous"), "Input.Mode" },
            { new StringContent("PersonAffected"), "Input.Role" },
            { new StringContent("Buffering canary: remarks of a sexual nature in the stock room."), "Input.WhatHappened" },
            { new StringContent("Elsewhere"), "Input.Place" },
            { new StringContent("Colleague"), "Input.Involved" },
            { new StringContent("Yes"), "Input.StillHappening" },
            { new ByteArrayContent(SubmissionTimeTests.LargeFile), "Files", "photo-notes.txt" },
        };
        using var response = await browser.PostAsync("/report", content);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, app.Output);
        html.Should().Contain("Your report has been sent").And.NotContain("Some files were not sent");
        await Task.Delay(500);

        created.Should().BeEmpty("nothing of the report may be buffered to the temporary folder");
        var after = await ChangeTimesAsync();
        after.Should().Equal(before, "the temporary folder's times would say when the report was sent");
    }

    [SqliteFact]
    public async Task An_upload_over_a_pages_limit_is_refused_as_too_large_in_words_not_as_a_fault()
    {
        await using var app = await AppProcess.StartAsync(null, Install.Data, null, Install.Folder);
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        var token = AppClient.Token(await browser.GetStringAsync("/verify"));
        // As curl sends a large file: it waits for the server's go-ahead before the body, so the answer can be read.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/verify")
        {
            Content = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new ByteArrayContent(new byte[21 * 1024 * 1024]), "Upload", "pack.pdf" },
            },
        };
        request.Headers.ExpectContinue = true;
        using var response = await browser.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var text = Html.Text(await response.Content.ReadAsStringAsync());
        text.Should().Contain("The file is too large").And.Contain("never over 20 MB");
        text.Should().NotContain("bytes").And.NotContain("Request body too large");
    }

    [SqliteFact]
    public async Task Soon_after_a_report_the_write_ahead_log_is_emptied_so_its_frames_and_time_say_nothing_of_it()
    {
        await using var app = await AppProcess.StartAsync(null, Install.Data, new Dictionary<string, string> { ["Compliance__Database__TrimLogEvery"] = "00:00:01" }, Install.Folder);
        var log = Path.Combine(Install.Data, "compliance.db-wal");
        using var reporter = Data.ReportLoad.NewBrowser(app.BaseUrl);
        var issued = await Data.ReportLoad.SubmitAsync(reporter, 7);
        await Poll.UntilAsync("the write-ahead log to be emptied after the report", () => Task.FromResult(File.Exists(log) ? new FileInfo(log).Length : 0), n => n == 0, TimeSpan.FromSeconds(30));
        var text = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(log));
        text.Should().NotContain(issued.Reference, "the log's frames are gone");
    }

    /// <summary>The temporary folder and everything in it, with status-change times to the second (as `stat -c %Z`).</summary>
    private async Task<Dictionary<string, long>> ChangeTimesAsync()
    {
        var (_, output, _) = await Tool.RunAsync("find", Temp, "-printf", "%C@ %p\n");
        var times = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', 2))
            .ToDictionary(p => p[1], p => (long)double.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture));
        times.Should().ContainKey(Temp);
        return times;
    }
}
