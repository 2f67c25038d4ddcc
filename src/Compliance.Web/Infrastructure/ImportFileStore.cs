namespace Compliance.Web.Infrastructure;

/// <summary>
/// Uploaded import files wait here between preview and confirmation. They hold personal data, so each is
/// deleted when the import is confirmed or cancelled, and any left behind are deleted after a day.
/// </summary>
public sealed class ImportFileStore
{
    public const long MaxBytes = 64L * 1024 * 1024;
    private readonly string _folder;

    public ImportFileStore(IConfiguration configuration)
    {
        _folder = Path.Combine(DataDirectory.Resolve(configuration), "imports");
        Directory.CreateDirectory(_folder);
        foreach (var stale in Directory.GetFiles(_folder).Where(f => File.GetLastWriteTimeUtc(f) < DateTime.UtcNow.AddDays(-1)))
        {
            File.Delete(stale);
        }
    }

    public async Task<Guid> SaveAsync(Stream content, CancellationToken ct)
    {
        var id = RecordId.Undated();
        // Readable by the app's own account only, as the database and the key ring are: an upload is a list of staff.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 81920, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var file = new FileStream(PathFor(id), options);
        await content.CopyToAsync(file, ct);
        return id;
    }

    public bool Exists(Guid id) => File.Exists(PathFor(id));

    public Func<Stream> Opener(Guid id) => () => new FileStream(PathFor(id), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);

    public void Delete(Guid id) => File.Delete(PathFor(id));

    private string PathFor(Guid id) => Path.Combine(_folder, id.ToString("N") + ".csv");
}
