using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.Testing;
using Xunit;

namespace RedCross.Relief.Tests;

/// <summary>A registered sponsor is announced with its kind; an organisation's name travels (reports name their
/// sponsors), an individual's never does.</summary>
public sealed class SponsorsTests(ReliefFactory factory) : IClassFixture<ReliefFactory>
{
    private Sponsors.SponsorsClient Client => factory.Sponsors(factory.Tokens.DistrictOfficer058);

    [Fact]
    public async Task An_organisation_is_announced_with_its_name_and_an_individual_without_and_a_replay_announces_once()
    {
        await factory.EnsureTree();
        var before = await factory.OutboxCount();
        var request = new CreateSponsorRequest { Sponsor = new Sponsor { Kind = "organisation", DisplayName = "Viettel Bắc Kạn", OrgUnit = "058" }, RequestId = Guid.NewGuid().ToString() };
        var viettel = await Client.CreateSponsorAsync(request);
        Assert.Equal(viettel.Id, (await Client.CreateSponsorAsync(request)).Id);
        var person = await Client.CreateSponsorAsync(new CreateSponsorRequest { Sponsor = new Sponsor { Kind = "individual", DisplayName = "Hoàng Thị Lan", OrgUnit = "01837" } });

        await factory.Services.Published<SponsorRegistered>(m => m.Context.Message.SponsorId.ToString() == viettel.Id
            && m.Context.Message.Kind == "organisation" && m.Context.Message.DisplayName == "Viettel Bắc Kạn" && m.Context.Message.OrgUnitCode == "058");
        await factory.Services.Published<SponsorRegistered>(m => m.Context.Message.SponsorId.ToString() == person.Id
            && m.Context.Message.Kind == "individual" && m.Context.Message.DisplayName.Length == 0 && m.Context.Message.OrgUnitCode == "01837");
        Assert.Equal(2, await factory.OutboxCount() - before);
        // The stored payload itself (JSON may escape the diacritics, not the plain letters of the given name).
        var payload = Assert.Single(await factory.WithDb(db => db.Set<OutboxMessage>().Where(m => m.Payload.Contains(person.Id)).Select(m => m.Payload).ToListAsync()));
        Assert.DoesNotContain("Lan", payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_sponsor_is_neither_stored_nor_announced()
    {
        await factory.EnsureTree();
        var before = await factory.OutboxCount();
        Assert.Equal(["sponsor.kind"], await RpcAssert.InvalidFields(() => Client.CreateSponsorAsync(new CreateSponsorRequest
        {
            Sponsor = new Sponsor { Kind = "company", DisplayName = "Viettel Bắc Kạn", OrgUnit = "058" },
        }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Client.CreateSponsorAsync(new CreateSponsorRequest
        {
            Sponsor = new Sponsor { Kind = "organisation", DisplayName = "Công ty khác", OrgUnit = "060" },
        }).ResponseAsync);
        Assert.Equal(before, await factory.OutboxCount());
        Assert.Equal(0, await factory.WithDb(db => db.Sponsors.CountAsync(s => s.DisplayName == "Công ty khác")));
    }
}
