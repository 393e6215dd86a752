using Grpc.Core;
using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Awards;
using RedCross.Contracts.Events.Campaign;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Reporting.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>Every source, not only membership: an event for a unit reporting has not heard of yet is kept, and counts
/// up the tree once the unit arrives (roll-up sums by the replica at query time), once, even when redelivered.</summary>
public sealed class LateUnitTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private async Task<long> Value(string unit, string code)
    {
        try
        {
            var set = await factory.Client(factory.Tokens.ProvinceAdmin).GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = unit, Period = "2022" });
            return set.Indicators.Single(i => i.Code == code).Value;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return -1; // the unit is not in reporting's replica (yet)
        }
    }

    public static TheoryData<string, string, long> Sources => new()
    {
        { "relief", "relief.activity_value_vnd", 700_000 },
        { "campaign", "campaign.blood.volume_ml", 350 },
        { "awards", "awards.commendations.collective", 1 },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task An_event_for_a_unit_that_arrives_later_is_counted_once_the_unit_exists(string source, string code, long value)
    {
        await factory.EnsureTree();
        var unit = "LATE-" + source.ToUpperInvariant();
        IIntegrationEvent evt = source switch
        {
            "relief" => new DistributionRecorded(Guid.NewGuid(), Now, unit, Guid.NewGuid(), Guid.NewGuid(), "cash", value, "fund", null, null, null, new DateOnly(2022, 3, 3)),
            "campaign" => new BloodDonationRecorded(Guid.NewGuid(), Now, unit, Guid.NewGuid(), Guid.NewGuid(), null, "whole_blood", (int)value, new DateOnly(2022, 3, 3), 1),
            _ => new CommendationApproved(Guid.NewGuid(), Now, unit, Guid.NewGuid(), "058-HDTDKT", "district_emulation_council", "058", "certificate_of_merit",
                "org_unit", "blood_donation", 2022, new DateOnly(2022, 12, 20), 0),
        };
        await factory.Publish(evt);
        // Redelivered with the same message id: still once.
        await factory.Publish(evt, evt.EventId);
        var before = await Eventually.Until(() => Value("058", code), v => v >= 0, what: "058's figures");

        await factory.Publish(ReplicaTree.Unit(unit, "058", "06/058/" + unit, "commune"));
        await Eventually.Until(() => Value("058", code), v => v == before + value, what: $"{unit}'s {code} to count in 058");
        Assert.Equal(value, await Value(unit, code));
    }
}
