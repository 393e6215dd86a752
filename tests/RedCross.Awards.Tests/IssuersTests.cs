using Grpc.Core;
using RedCross.Contracts.Awards.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Awards.Tests;

public sealed class IssuersTests(AwardsFactory factory) : IClassFixture<AwardsFactory>
{
    [Fact]
    public async Task Issuers_are_listed_to_their_subtree_and_the_units_below_them_with_their_forms()
    {
        await factory.EnsureWorld();
        var town = await factory.Issuers(factory.Tokens.For(Roles.BranchOfficer, "06/058/01834")).ListIssuersAsync(new ListIssuersRequest());
        Assert.Equal([AwardsFactory.TownRedCross, AwardsFactory.TownCouncil, AwardsFactory.ProvincialRedCross, AwardsFactory.ProvincialCommittee], town.Issuers.Select(i => i.Code));
        var of060 = await factory.Issuers(factory.Tokens.For(Roles.DistrictOfficer, "06/060")).ListIssuersAsync(new ListIssuersRequest());
        Assert.Equal([AwardsFactory.ProvincialRedCross, AwardsFactory.ProvincialCommittee], of060.Issuers.Select(i => i.Code));
        var provincial = await factory.Issuers(factory.Tokens.DistrictOfficer058).GetIssuerAsync(new GetIssuerRequest { Code = AwardsFactory.ProvincialRedCross });
        Assert.Equal(("province", 750_000L, 400_000L), (provincial.Level, provincial.Forms.Single().CashCollectiveVnd, provincial.Forms.Single().CashIndividualVnd));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Issuers(factory.Tokens.For(Roles.DistrictOfficer, "06/060")).GetIssuerAsync(new GetIssuerRequest { Code = AwardsFactory.TownCouncil }).ResponseAsync);
    }

    [Fact]
    public async Task Bad_issuers_are_refused_and_nothing_is_stored()
    {
        await factory.EnsureWorld();
        var client = factory.Issuers(factory.Tokens.ProvinceAdmin);
        Assert.Equal(["issuer.code", "issuer.forms", "issuer.kind", "issuer.name"], (await RpcAssert.InvalidFields(() => client.CreateIssuerAsync(new CreateIssuerRequest
        {
            Issuer = new Issuer { Code = "bad code", Kind = "king", OrgUnit = "058" },
        }).ResponseAsync)).Order(StringComparer.Ordinal));
        Assert.Equal(["issuer.forms[0].cash_individual_vnd", "issuer.forms[1].kind"], (await RpcAssert.InvalidFields(() => client.CreateIssuerAsync(new CreateIssuerRequest
        {
            Issuer = new Issuer
            {
                Code = "X1", Kind = "district_red_cross", OrgUnit = "058", Name = "X",
                Forms = { new AwardForm { Kind = "certificate_of_merit", CashIndividualVnd = -1 }, new AwardForm { Kind = "certificate_of_merit" } },
            },
        }).ResponseAsync)).Order(StringComparer.Ordinal));
        Assert.Equal("ISSUER_LEVEL_MISMATCH", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => client.CreateIssuerAsync(new CreateIssuerRequest
        {
            Issuer = new Issuer { Code = "X2", Kind = "provincial_red_cross", OrgUnit = "058", Name = "X", Forms = { new AwardForm { Kind = "certificate_of_merit" } } },
        }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.AlreadyExists, () => client.CreateIssuerAsync(new CreateIssuerRequest { Issuer = AwardsFactory.SeedIssuers[0] }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => client.CreateIssuerAsync(new CreateIssuerRequest
        {
            Issuer = new Issuer { Code = "TW", Kind = "central_red_cross", Name = "Trung ương Hội", Forms = { new AwardForm { Kind = "commemorative_medal" } } },
        }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Issuers(factory.Tokens.For(Roles.BranchOfficer, "06/058/01834")).CreateIssuerAsync(new CreateIssuerRequest
        {
            Issuer = new Issuer { Code = "X3", Kind = "district_red_cross", OrgUnit = "058", Name = "X", Forms = { new AwardForm { Kind = "certificate_of_merit" } } },
        }).ResponseAsync);
        var all = await factory.Issuers(factory.Tokens.For(Roles.ProvinceAdmin, "/")).ListIssuersAsync(new ListIssuersRequest());
        Assert.Equal(4, all.Issuers.Count);

        // The central Red Cross is registered from the whole tree, and every unit sees it.
        await factory.Issuers(factory.Tokens.For(Roles.ProvinceAdmin, "/")).CreateIssuerAsync(new CreateIssuerRequest
        {
            Issuer = new Issuer { Code = "TW-HCTD", Kind = "central_red_cross", Name = "Trung ương Hội Chữ thập đỏ Việt Nam", Forms = { new AwardForm { Kind = "commemorative_medal" } } },
        });
        Assert.Contains("TW-HCTD", (await factory.Issuers(factory.Tokens.For(Roles.Viewer, "06/060")).ListIssuersAsync(new ListIssuersRequest())).Issuers.Select(i => i.Code));
    }

    [Fact]
    public async Task Rest_through_transcoding_creates_and_approves_nominations()
    {
        await factory.EnsureWorld();
        using var rest = factory.Rest(factory.Tokens.DistrictOfficer058);
        var posted = await rest.PostAsync("/api/v1/nominations", new StringContent(
            """{"issuerCode":"058-HDTDKT","formKind":"certificate_of_merit","movement":"blood_donation","year":2005,"proposerOrgUnit":"058","recipient":{"kind":"org_unit","orgUnit":"01837"}}""",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        var id = System.Text.Json.JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var submitted = await rest.PostAsync($"/api/v1/nominations/{id}:submit", new StringContent("""{"submittedOn":"2005-12-01"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        var approved = await rest.PostAsync($"/api/v1/nominations/{id}:approve", new StringContent("""{"decisionNumber":"9/QĐ","decisionDate":"2005-12-20","cashVnd":"-5"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, approved.StatusCode);
        approved = await rest.PostAsync($"/api/v1/nominations/{id}:approve", new StringContent("""{"decisionNumber":"9/QĐ","decisionDate":"2005-12-20","cashVnd":"0"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
        var listed = await rest.GetStringAsync("/api/v1/nominations?year=2005&status=approved");
        Assert.Contains(id!, listed, StringComparison.Ordinal);
    }
}
