using System.Net;
using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Web.Tests.Cases;

/// <summary>
/// A report's attachment never touches the temporary folder: the framework buffers a form file over 64 KB to a file
/// there, where it would lie unencrypted (and stay after a crash) and the folder's times would date the report. The
/// built app runs as a process of its own, with a temporary folder of its own to watch.
/// </summary>
public sealed class UploadBufferingTests : IAsyncLifetime
{
    private readonly SeededInstall _install = new("upload", employees: 5);
    private string Temp => Path.Combine(_install.Folder, "tmp");

    public async Task InitializeAsync()
    {
        await _install.CreateAsync();
        Directory.CreateDirectory(Temp);
    }

    public Task DisposeAsync()
    {
        _install.Delete();
        return Task.CompletedTask;
    }

    [SqliteFact]
    public async Task A_large_attachment_to_a_report_is_never_written_to_the_temporary_folder()
    {
        await using var app = await AppProcess.StartAsync(null, _install.Data, new Dictionary<string, string> { ["ASPNETCORE_TEMP"] = Temp, ["TMPDIR"] = Temp }, _install.Folder);
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
        await using var app = await AppProcess.StartAsync(null, _install.Data, null, _install.Folder);
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
