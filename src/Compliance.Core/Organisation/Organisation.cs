namespace Compliance.Core.Organisation;

/// <summary>The employer. A deployment holds exactly one (a unique index on a constant key guards it).</summary>
public sealed class Organisation
{
    private Organisation() { }

    public Organisation(string name, Sector sector, SizeBand sizeBand, IEnumerable<Nation> nations, DateTime createdAtUtc)
    {
        Id = RecordId.New();
        Update(name, sector, sizeBand, nations);
        CreatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public Sector Sector { get; private set; }
    public SizeBand SizeBand { get; private set; }
    public Nation[] Nations { get; private set; } = [];
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>s.40A applies in England, Wales and Scotland only (DOMAIN.md §1).</summary>
    public bool OperatesOutsideDuty => Nations.Contains(Nation.NorthernIreland);

    public void Update(string name, Sector sector, SizeBand sizeBand, IEnumerable<Nation> nations)
    {
        Name = name.Trim();
        Sector = sector;
        SizeBand = sizeBand;
        Nations = nations.Distinct().Order().ToArray();
    }
}

/// <summary>There is one organisation per installation; these read it in a stable order, so no query is left to chance.</summary>
public static class OrganisationQueries
{
    public static Task<Organisation> TheOneAsync(this IQueryable<Organisation> organisations, CancellationToken ct) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(organisations.OrderBy(o => o.Id), ct);

    /// <summary>The organisation's name, or null before setup.</summary>
    public static Task<string?> NameAsync(this IQueryable<Organisation> organisations, CancellationToken ct) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(organisations.OrderBy(o => o.Id).Select(o => (string?)o.Name), ct);
}
