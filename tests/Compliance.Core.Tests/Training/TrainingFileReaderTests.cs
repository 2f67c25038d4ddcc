using System.Text;
using Compliance.Core.Training;

namespace Compliance.Core.Tests.Training;

/// <summary>Files as learning systems and spreadsheets write them, read into completion rows.</summary>
public sealed class TrainingFileReaderTests
{
    /// <summary>A Moodle course completion report ("Download table data as" CSV) with two activities, UK dates and a row not completed.</summary>
    public static string Moodle => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "moodle-completion-report.csv"));

    private static List<CompletionInput> Read(byte[] bytes, string? course, out TrainingFileReader reader, out List<string> problems)
    {
        reader = new TrainingFileReader(new MemoryStream(bytes), course);
        problems = reader.ReadHeader();
        return problems.Count > 0 ? [] : [.. reader.ReadRows()];
    }

    [Fact]
    public void A_Moodle_report_gives_each_completed_row_its_latest_activity_date_and_pass_and_skips_the_rest()
    {
        var rows = Read(Encoding.UTF8.GetBytes(Moodle), "SH-ALL", out var reader, out var problems);
        problems.Should().BeEmpty();
        reader.Layout.Should().Be(TrainingFileLayout.MoodleCompletion);
        rows.Should().HaveCount(3);
        rows[0].Should().BeEquivalentTo(new { Row = 1, WorkEmail = "P1@example.test", Course = "SH-ALL", CompletedOn = "14/02/26, 10:35", Passed = "yes", Skip = (string?)null });
        rows[1].Should().BeEquivalentTo(new { WorkEmail = "p2@example.test", CompletedOn = "12/02/26, 16:20", Passed = "no" });
        rows[2].Skip.Should().Be("Course complete says \"Not completed\"");
        CompletionDates.Parse(rows[0].CompletedOn).Should().Be(new DateOnly(2026, 2, 14));
    }

    [Fact]
    public void A_Moodle_report_needs_an_identity_column_and_a_chosen_course()
    {
        Read(Encoding.UTF8.GetBytes(Moodle), null, out _, out var noCourse);
        noCourse.Should().ContainSingle().Which.Should().Contain("Choose which course");
        Read(Encoding.UTF8.GetBytes("ID,Name,Course complete\n1,Pat,Completed\n"), "SH-ALL", out _, out var noIdentity);
        noIdentity.Should().ContainSingle().Which.Should().Contain("Email address");
    }

    [Fact]
    public void A_plain_file_in_UTF16_is_read()
    {
        var text = "employee_number,course,completed_on,score,passed,content_version\r\nP-1,SH-ALL,2026-02-14,85,yes,1\r\n";
        foreach (var encoding in new Encoding[] { new UnicodeEncoding(false, true), new UnicodeEncoding(true, true), new UnicodeEncoding(false, false) })
        {
            var rows = Read([.. encoding.GetPreamble(), .. encoding.GetBytes(text)], null, out var reader, out var problems);
            problems.Should().BeEmpty(encoding.EncodingName);
            reader.Layout.Should().Be(TrainingFileLayout.Plain);
            rows.Should().ContainSingle().Which.Should().BeEquivalentTo(new { EmployeeNumber = "P-1", Course = "SH-ALL", CompletedOn = "2026-02-14", Score = "85", Passed = "yes", ContentVersion = "1" });
        }
    }

    [Fact]
    public void A_semicolon_file_with_a_byte_order_mark_and_a_quoted_line_break_is_read()
    {
        var text = "Work email;Course;Completed on;Passed\n\"p1@example.test\";\"Harassment:\nthe basics\";14/02/2026;yes\np2@example.test;SH-ALL;15/02/2026;\n";
        var rows = Read([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)], null, out var reader, out var problems);
        problems.Should().BeEmpty();
        reader.Delimiter.Should().Be(";");
        rows.Should().HaveCount(2);
        rows[0].Course.Should().Be("Harassment:\nthe basics");
        rows[1].Should().BeEquivalentTo(new { Row = 2, Line = 4, WorkEmail = "p2@example.test", CompletedOn = "15/02/2026", Passed = (string?)null });
    }

    [Fact]
    public void A_header_of_no_known_layout_or_a_row_of_the_wrong_width_is_named()
    {
        Read(Encoding.UTF8.GetBytes("name,date\nPat,1/1/2026\n"), null, out _, out var unknown);
        unknown.Should().ContainSingle().Which.Should().Contain("matches no layout");
        Read(Encoding.UTF8.GetBytes("course,completed_on\nSH-ALL,1/1/2026\n"), null, out _, out var nobody);
        nobody.Should().ContainSingle().Which.Should().Contain("employee_number");
        var rows = Read(Encoding.UTF8.GetBytes("employee_number,course,completed_on\nP-1,SH-ALL\n"), null, out _, out _);
        rows.Should().ContainSingle().Which.Problem.Should().Contain("2 values but the header has 3");
        Read([], null, out _, out var empty);
        empty.Should().ContainSingle().Which.Should().Contain("empty");
    }

    [Fact]
    public void Text_that_is_not_UTF8_fails_as_it_is_read()
    {
        var reader = new TrainingFileReader(new MemoryStream([.. Encoding.UTF8.GetBytes("employee_number,course,completed_on\nP-1,"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(",1/1/2026\n")]), null);
        // The reader decodes ahead, so the header's read may be the one to fail.
        var read = () => reader.ReadHeader().Concat(reader.ReadRows().Select(r => r.Row.ToString())).ToList();
        read.Should().Throw<DecoderFallbackException>();
    }
}
