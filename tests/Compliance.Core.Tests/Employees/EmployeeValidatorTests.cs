using Compliance.Core.Employees;

namespace Compliance.Core.Tests.Employees;

public sealed class EmployeeValidatorTests
{
    private static readonly Guid London = Guid.NewGuid();
    private static readonly Guid Kitchen = Guid.NewGuid();
    private static readonly DirectoryLookup Lookup = new([(London, "London Bridge")], [(Kitchen, "Kitchen")]);

    private static EmployeeFields Valid() => new()
    {
        EmployeeNumber = "E001",
        FirstName = "Ada",
        LastName = "Lovelace",
        WorkEmail = "Ada.Lovelace@example.co.uk",
        Site = "london bridge",
        Department = "KITCHEN",
        StartDate = "2020-01-31",
        Manager = "Yes",
        NightWorking = "0",
    };

    [Fact]
    public void A_complete_row_is_accepted_with_site_and_department_matched_ignoring_case()
    {
        var (employee, errors) = EmployeeValidator.Validate(Valid(), Lookup);

        errors.Should().BeEmpty();
        employee.Should().NotBeNull();
        employee.SiteId.Should().Be(London);
        employee.DepartmentId.Should().Be(Kitchen);
        employee.WorkEmail.Should().Be("ada.lovelace@example.co.uk");
        employee.StartDate.Should().Be(new DateOnly(2020, 1, 31));
        employee.IsManager.Should().BeTrue();
        employee.IsNightWorker.Should().BeFalse();
    }

    [Theory]
    [InlineData("31/01/2020")]
    [InlineData("2020-01-31")]
    [InlineData("1/1/2020")]
    public void UK_and_ISO_dates_are_accepted(string date)
    {
        var (employee, errors) = EmployeeValidator.Validate(Valid() with { StartDate = date }, Lookup);
        errors.Should().BeEmpty();
        employee!.StartDate.Should().NotBeNull();
    }

    [Theory]
    [InlineData("EmployeeNumber", "", EmployeeField.EmployeeNumber, "Employee number is required.")]
    [InlineData("FirstName", "  ", EmployeeField.FirstName, "First name is required.")]
    [InlineData("Site", null, EmployeeField.Site, "Site is required.")]
    [InlineData("Site", "Paris", EmployeeField.Site, "There is no site called \"Paris\"")]
    [InlineData("Department", "Spa", EmployeeField.Department, "There is no department called \"Spa\"")]
    [InlineData("WorkEmail", "ada@", EmployeeField.WorkEmail, "is not a valid email address")]
    [InlineData("WorkEmail", "ada example.com", EmployeeField.WorkEmail, "is not a valid email address")]
    [InlineData("WorkEmail", "ada@example", EmployeeField.WorkEmail, "is not a valid email address")]
    [InlineData("StartDate", "2020/01/31", EmployeeField.StartDate, "is not a date")]
    [InlineData("StartDate", "31/13/2020", EmployeeField.StartDate, "is not a date")]
    [InlineData("LeavingDate", "2019-12-31", EmployeeField.LeavingDate, "cannot be before the start date")]
    [InlineData("Manager", "maybe", EmployeeField.Manager, "is not yes or no")]
    public void Bad_values_are_refused_naming_the_field(string property, string? value, string field, string message)
    {
        var fields = Valid();
        typeof(EmployeeFields).GetProperty(property)!.SetValue(fields, value);

        var (employee, errors) = EmployeeValidator.Validate(fields, Lookup);

        employee.Should().BeNull();
        var error = errors.Should().ContainSingle().Which;
        error.Field.Should().Be(field);
        error.Message.Should().Contain(message);
    }

    [Fact]
    public void Values_longer_than_the_column_allows_are_refused()
    {
        var (_, errors) = EmployeeValidator.Validate(Valid() with { LastName = new string('x', 101) }, Lookup);
        errors.Should().ContainSingle().Which.Field.Should().Be(EmployeeField.LastName);
    }
}
