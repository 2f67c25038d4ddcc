namespace Compliance.Core.Organisation;

/// <summary>A place where people work: an office, a shop, a hotel, a depot.</summary>
public sealed class Site
{
    private Site() { }

    public Site(string name, Nation nation, string? postcode)
    {
        Id = RecordId.New();
        Update(name, nation, postcode);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public Nation Nation { get; private set; }
    public string? Postcode { get; private set; }

    public bool IsOutsideDuty => !Nation.IsCoveredByDuty();

    public void Update(string name, Nation nation, string? postcode)
    {
        Name = name.Trim();
        Nation = nation;
        Postcode = string.IsNullOrWhiteSpace(postcode) ? null : postcode.Trim().ToUpperInvariant();
    }
}

public sealed class Department
{
    private Department() { }

    public Department(string name)
    {
        Id = RecordId.New();
        Rename(name);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";

    public void Rename(string name) => Name = name.Trim();
}
