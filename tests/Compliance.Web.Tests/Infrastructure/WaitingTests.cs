using Xunit.Sdk;

namespace Compliance.Web.Tests.Infrastructure;

/// <summary>The waiting helpers themselves: a wait for something that never happens fails the test, naming what and how long.</summary>
public sealed class WaitingTests
{
    [Fact]
    public async Task A_poll_for_something_that_never_happens_fails_naming_it_and_the_wait()
    {
        var reads = 0;
        var wait = () => Poll.UntilAsync("the job that never runs", () => Task.FromResult(++reads), _ => false, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(50));
        var failure = (await wait.Should().ThrowAsync<XunitException>()).Which;
        failure.Message.Should().Contain("the job that never runs").And.Contain("it never happened").And.MatchRegex(@"Waited \d");
        reads.Should().BeGreaterThan(1, "it kept reading until the time was up");
    }

    [Fact]
    public async Task A_poll_returns_the_first_value_that_is_done_without_waiting_for_the_timeout()
    {
        var reads = 0;
        var started = DateTime.UtcNow;
        var value = await Poll.UntilAsync("the third read", () => Task.FromResult(++reads), n => n >= 3, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(10));
        value.Should().Be(3);
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Waiting_for_mail_that_never_comes_fails_naming_the_count()
    {
        await using var server = await TestSmtpServer.StartAsync();
        var wait = () => server.WaitForAsync(1, TimeSpan.FromMilliseconds(300));
        (await wait.Should().ThrowAsync<XunitException>()).Which.Message.Should().Contain("1 message(s) at the mail server");
    }
}
