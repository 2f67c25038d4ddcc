namespace Compliance.Core.Common;

/// <summary>The two ways a record is given its id, each for its reason.</summary>
public static class RecordId
{
    /// <summary>
    /// An id that sorts by when it was made (a version 7 UUID, carrying the time to the millisecond), so new rows go
    /// to the end of the table's index: for records whose time of making is no secret.
    /// </summary>
    public static Guid New() => Guid.CreateVersion7();

    /// <summary>
    /// An id that says nothing of when it was made (a random, version 4 UUID): for reports and what follows from them
    /// (their entries, files, assignments, and the emails and reminders they cause), and for ids that appear in
    /// addresses or files (evidence packs, import files, job runs), where a time inside the id would date them.
    /// </summary>
    public static Guid Undated() => Guid.NewGuid();
}
