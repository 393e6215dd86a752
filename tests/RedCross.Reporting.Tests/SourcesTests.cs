using RedCross.Awards;
using RedCross.Campaign;
using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Membership;
using RedCross.Membership;
using RedCross.Relief;
using RedCross.Reporting.Projections;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>An event type a source publishes must be projected or declared "not counted yet".</summary>
public sealed class SourcesTests
{
    private sealed record MemberTeleported(Guid EventId, DateTimeOffset OccurredAt, string OrgUnitCode) : IIntegrationEvent;

    /// <summary>Every integration event type of a source's contract namespace (RedCross.Contracts.Events.Membership, ...).</summary>
    private static List<Type> ContractTypes(string source) =>
        typeof(IIntegrationEvent).Assembly.GetTypes()
            .Where(t => t.Namespace == "RedCross.Contracts.Events." + char.ToUpperInvariant(source[0]) + source[1..] && typeof(IIntegrationEvent).IsAssignableFrom(t))
            .ToList();

    [Fact]
    public void Every_event_type_of_every_source_is_projected_or_declared_not_counted()
    {
        foreach (var projection in ReportingSources.All)
        {
            var published = ContractTypes(projection.Name);
            Assert.NotEmpty(published);
            Assert.Empty(ReportingSources.Unprojected(projection, published));
        }

        // What membership, relief and campaign actually register for their outboxes is covered too.
        Assert.Empty(ReportingSources.Unprojected(ReportingSources.Named("membership"), MembershipModule.Events));
        Assert.Empty(ReportingSources.Unprojected(ReportingSources.Named("relief"), ReliefModule.Events));
        Assert.Empty(ReportingSources.Unprojected(ReportingSources.Named("awards"), AwardsModule.Events));
        Assert.Empty(ReportingSources.Unprojected(ReportingSources.Named("campaign"), CampaignModule.Events));
    }

    [Fact]
    public void The_check_names_a_new_event_type_that_nobody_projects()
    {
        var published = ContractTypes("membership").Append(typeof(MemberTeleported));
        Assert.Equal([typeof(MemberTeleported)], ReportingSources.Unprojected(ReportingSources.Named("membership"), published));
    }

    [Fact]
    public void Each_event_type_belongs_to_one_source_and_counted_types_have_handlers()
    {
        var membership = ReportingSources.Named("membership");
        Assert.Same(membership, ReportingSources.Of(typeof(MemberRegistered)));
        Assert.Contains(typeof(MemberDetailsChanged), membership.Counted);
        Assert.DoesNotContain(typeof(MemberDetailsChanged), membership.NotCounted);
        Assert.Throws<InvalidOperationException>(() => ReportingSources.Of(typeof(MemberTeleported)));
    }
}
