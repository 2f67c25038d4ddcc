using System.Xml.Linq;
using Compliance.Core.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// The key ring kept in the database, so that every instance on one PostgreSQL server uses the same keys (each
/// case's data key is wrapped with them). Keys are stored encrypted with the configured certificate, which the
/// database does not hold.
/// </summary>
public sealed class DatabaseKeyRepository(DatabaseTarget target, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = new ComplianceDbContext(target.Options());
        return [.. db.KeyRing.AsNoTracking().OrderBy(k => k.CreatedAtUtc).Select(k => k.Xml).ToList().Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = new ComplianceDbContext(target.Options());
        db.KeyRing.Add(new KeyRingEntry(friendlyName, element.ToString(SaveOptions.DisableFormatting), clock.GetUtcNow().UtcDateTime));
        db.SaveChanges();
    }
}
