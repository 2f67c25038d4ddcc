using Compliance.Core;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Auditing;

/// <summary>The audit search's own rules, on a database of its own: UK days from midnight to midnight, newest first, and the fields it names.</summary>
public sealed class AuditSearchTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 6, 10); // British Summer Time: the day starts at 23:00 UTC the day before
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabase.CreateDatabaseAsync();
        await using var db = TestDatabase.NewDbContext(_connectionString);
        await db.Database.MigrateAsync();
        var clock = new ManualClock(DateTimeOffset.MinValue);
        var start = UkCalendar.StartOfDayUtc(Day);
        var end = UkCalendar.StartOfDayUtc(Day.AddDays(1));
        var entries = new (DateTime At, string Actor, string Action, string Type)[]
        {
            (start.AddTicks(-10), "Zoe", "site.added", "Site"),
            (start, "Amir", "policy.published", "Policy"),
            (end.AddTicks(-10), "Zoe", "case.closed", "ReportCase"),
            (end, "Amir", "site.added", "Site"),
        };
        foreach (var (at, actor, action, type) in entries)
        {
            clock.Set(new DateTimeOffset(at, TimeSpan.Zero));
            await using var each = TestDatabase.NewDbContext(_connectionString);
            await new AuditTrail(clock, new Actor(actor)).SaveAsync(each, new AuditEvent(action, type, null, $"{action} by {actor}"));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private sealed class Actor(string name) : IAuditActor
    {
        public AuditActorInfo Current { get; } = new(name.ToLowerInvariant(), name);
    }

    private async Task<(List<string> Actions, List<FieldError> Errors)> FindAsync(string? from, string? to)
    {
        await using var db = TestDatabase.NewDbContext(_connectionString);
        var query = new AuditSearch(db).Find(new AuditFilter(from, to, null, null, null, null));
        return (await query.Entries.Select(e => e.Action).ToListAsync(), query.Errors);
    }

    [Fact]
    public async Task A_day_runs_from_UK_midnight_to_the_next_and_entries_are_listed_newest_first()
    {
        var (actions, errors) = await FindAsync("10/06/2026", "10/06/2026");
        errors.Should().BeEmpty();
        actions.Should().Equal("case.closed", "policy.published");
        (await FindAsync("11/06/2026", null)).Actions.Should().Equal("site.added");
        (await FindAsync(null, "09/06/2026")).Actions.Should().Equal("site.added");
        (await FindAsync(null, null)).Actions.Should().Equal("site.added", "case.closed", "policy.published", "site.added");
    }

    [Fact]
    public async Task An_unreadable_or_backwards_filter_names_its_field_and_lists_nothing()
    {
        var (actions, errors) = await FindAsync("soon", "later");
        actions.Should().BeEmpty();
        errors.Select(e => e.Field).Should().Equal("From", "To");
        errors[0].Message.Should().Be("\"soon\" is not a date. Use a UK date such as 27/11/2026 or 27 November 2026.");
        var backwards = await FindAsync("11/06/2026", "10/06/2026");
        backwards.Actions.Should().BeEmpty();
        backwards.Errors.Should().Equal(new FieldError("To", "The end date is before the start date."));
    }

    [Fact]
    public async Task The_filter_lists_offer_each_actor_action_and_kind_of_record_once_in_order()
    {
        await using var db = TestDatabase.NewDbContext(_connectionString);
        var (actors, actions, types) = await new AuditSearch(db).ChoicesAsync(CancellationToken.None);
        actors.Should().Equal("Amir", "Zoe");
        actions.Should().Equal("case.closed", "policy.published", "site.added");
        types.Should().Equal("Policy", "ReportCase", "Site");
    }
}
