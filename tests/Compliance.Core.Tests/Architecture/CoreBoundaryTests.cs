using System.Reflection;
using Compliance.Core.Data;

namespace Compliance.Core.Tests.Architecture;

public sealed class CoreBoundaryTests
{
    private static readonly string[] ForbiddenPrefixes =
    [
        "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Razor", "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server", "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Antiforgery",
        "System.Net.Http",
    ];

    [Fact]
    public void Core_references_no_ASP_NET_page_or_HTTP_assembly()
    {
        var core = typeof(ComplianceDbContext).Assembly;
        var offending = core.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => ForbiddenPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            .ToList();
        offending.Should().BeEmpty();
    }

    [Fact]
    public void No_Core_type_exposes_a_page_or_HTTP_type_in_its_signatures()
    {
        var core = typeof(ComplianceDbContext).Assembly;
        var offending = new List<string>();
        foreach (var type in core.GetTypes())
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var used = type.GetFields(all).Select(f => f.FieldType)
                .Concat(type.GetProperties(all).Select(p => p.PropertyType))
                .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
                .Concat(type.GetConstructors(all).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)))
                .Append(type.BaseType);
            offending.AddRange(used.Where(t => t?.Namespace is { } ns && ForbiddenPrefixes.Any(p => ns.StartsWith(p, StringComparison.Ordinal)))
                .Select(t => $"{type.FullName} uses {t!.FullName}"));
        }
        offending.Should().BeEmpty();
    }
}
