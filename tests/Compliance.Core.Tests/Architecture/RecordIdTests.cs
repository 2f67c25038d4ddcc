using System.Text.RegularExpressions;
using Compliance.Core.Cases;
using Compliance.Core.Common;

namespace Compliance.Core.Tests.Architecture;

/// <summary>Ids are made in one place, each kind for its reason: a report's id never carries the time it was made.</summary>
public sealed class RecordIdTests
{
    private static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compliance.sln"))) return Path.Combine(dir.FullName, "src");
        }
        throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void No_source_file_but_RecordId_makes_a_Guid_of_its_own()
    {
        var files = Directory.GetFiles(SourceRoot(), "*.cs", SearchOption.AllDirectories)
            .Where(f => !Regex.IsMatch(f, @"[\\/](bin|obj|Migrations)[\\/]")).ToList();
        files.Should().HaveCountGreaterThan(100);
        var makers = files.Where(f => Path.GetFileName(f) != "RecordId.cs" && Regex.IsMatch(File.ReadAllText(f), @"Guid\.(NewGuid|CreateVersion7)\("))
            .Select(f => Path.GetRelativePath(SourceRoot(), f)).ToList();
        makers.Should().BeEmpty("ids come from RecordId.New (ordered by time) or RecordId.Undated (saying nothing of when)");
    }

    [Fact]
    public void A_reports_id_says_nothing_of_when_it_was_made_and_an_ordinary_records_id_sorts_by_it()
    {
        var report = new ReportCase("R-TEST", new byte[32], new byte[40], ReportingMode.Anonymous, ReporterRole.PersonAffected, IncidentPlace.AtSite,
            null, InvolvedParties.Colleague, Answer.Yes, feelsUnsafe: false, new DateOnly(2026, 12, 7), CaseFlags.None);
        report.Id.Version.Should().Be(4);
        RecordId.Undated().Version.Should().Be(4);
        RecordId.New().Version.Should().Be(7);
    }
}
