using Compliance.Core.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Infrastructure;

/// <summary>Sites and departments as the options of a select, in name order.</summary>
public static class Choices
{
    public static async Task<List<(Guid Id, string Name)>> ChoicesAsync(this IQueryable<Site> sites, CancellationToken ct) =>
        (await sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name)).ToList();

    public static async Task<List<(Guid Id, string Name)>> ChoicesAsync(this IQueryable<Department> departments, CancellationToken ct) =>
        (await departments.AsNoTracking().OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(ct)).Select(d => (d.Id, d.Name)).ToList();
}
