using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Web.Tests.Auditing;

public sealed class AuditPageTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    [Fact]
    public async Task The_administrator_sees_that_the_chain_is_intact_with_its_head_hash_then_sees_a_break_named()
    {
        var client = await app.SignedInAdministratorAsync();
        var text = Html.Text(await client.GetPageAsync("/audit"));
        var head = await TestDatabase.ScalarAsync<string>(app.ConnectionString, "SELECT hash FROM audit_entries ORDER BY sequence DESC LIMIT 1");

        text.Should().Contain("The chain is intact");
        text.Should().Contain(head!);
        text.Should().Contain("organisation.created");

        await TestDatabase.AsInsiderAsync(app.ConnectionString, "UPDATE audit_entries SET actor_name = 'Someone else' WHERE sequence = 2");
        text = Html.Text(await client.GetPageAsync("/audit"));
        text.Should().Contain("The chain is broken");
        text.Should().Contain("entry 2 was altered");
    }
}
