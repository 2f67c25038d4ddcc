namespace Compliance.Core.Organisation;

public enum Sector
{
    Hospitality = 1,
    Retail = 2,
    HealthAndSocialCare = 3,
    Education = 4,
    PublicSector = 5,
    ProfessionalServices = 6,
    Manufacturing = 7,
    Construction = 8,
    TransportAndLogistics = 9,
    Technology = 10,
    Charity = 11,
    Other = 99,
}

public enum SizeBand
{
    Micro = 1,
    Small = 2,
    Medium = 3,
    Large = 4,
    VeryLarge = 5,
}

public static class OrganisationLabels
{
    public static string Label(this Sector sector) => sector switch
    {
        Sector.HealthAndSocialCare => "Health and social care",
        Sector.PublicSector => "Public sector",
        Sector.ProfessionalServices => "Professional services",
        Sector.TransportAndLogistics => "Transport and logistics",
        Sector.Charity => "Charity or voluntary",
        _ => sector.ToString(),
    };

    public static string Label(this SizeBand band) => band switch
    {
        SizeBand.Micro => "1 to 9 people",
        SizeBand.Small => "10 to 49 people",
        SizeBand.Medium => "50 to 249 people",
        SizeBand.Large => "250 to 999 people",
        _ => "1,000 people or more",
    };
}
