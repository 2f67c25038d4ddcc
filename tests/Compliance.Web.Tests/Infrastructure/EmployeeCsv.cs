using System.Text;

namespace Compliance.Web.Tests.Infrastructure;

/// <summary>Builds employee CSV files for tests: valid rows by default, with chosen rows spoiled.</summary>
public static class EmployeeCsv
{
    public const string Header = "employee_number,first_name,last_name,work_email,site,department,job_title,start_date,leaving_date,manager,customer_facing,lone_working,night_working,agency_or_contractor";

    public static string Row(string number, string site, string email = "", string start = "2021-04-01", string first = "Jo", string last = "Bloggs") =>
        $"{number},{first},{last},{email},{site},,Waiter,{start},,no,yes,no,no,no";

    public static string Rows(string prefix, int count, string site, Func<int, string?>? spoil = null)
    {
        var sb = new StringBuilder(Header).Append('\n');
        for (var i = 1; i <= count; i++)
        {
            sb.Append(spoil?.Invoke(i) ?? Row($"{prefix}{i:D6}", site, $"person{i}.{prefix.ToLowerInvariant()}@example.test", first: $"First{i}", last: $"Last{i}")).Append('\n');
        }
        return sb.ToString();
    }

    public static Func<Stream> Opener(string text) => () => new MemoryStream(Encoding.UTF8.GetBytes(text));
}
