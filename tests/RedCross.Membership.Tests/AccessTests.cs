using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Membership.Tests;

/// <summary>Who may do what: roles, scopes, levels, masking, per-caller request_id and token validation.</summary>
public sealed class AccessTests(MembershipFactory factory) : IClassFixture<MembershipFactory>
{
    private readonly Members.MembersClient officer058 = factory.Members(factory.Tokens.DistrictOfficer058);

    [Fact]
    public async Task A_request_id_replayed_by_another_district_returns_nothing_of_the_first_and_creates_its_own()
    {
        var requestId = Guid.NewGuid().ToString();
        var first = MembershipFactory.Valid("01834", "Hoàng Văn Tám");
        (first.RequestId, first.NationalId, first.Phone) = (requestId, "006090000058", "0912000058");
        var theirs = await officer058.RegisterMemberAsync(first);
        var second = MembershipFactory.Valid("060", "Lục Thị Sáu");
        second.RequestId = requestId;
        var officer060 = factory.Members(factory.Tokens.For(Roles.DistrictOfficer, "06/060"));

        var mine = await officer060.RegisterMemberAsync(second);

        Assert.NotEqual(theirs.Id, mine.Id);
        Assert.Equal(("Lục Thị Sáu", "060"), (mine.FullName, mine.OrgUnit));
        Assert.DoesNotContain("Tám", mine.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("0058", mine.ToString(), StringComparison.Ordinal);
        Assert.Equal(mine.Id, (await officer060.RegisterMemberAsync(second)).Id);
        Assert.Equal(theirs.Id, (await officer058.RegisterMemberAsync(first)).Id);
        Assert.Equal(2, await factory.WithDb(db => db.Members.CountAsync(m => m.FullName == "Hoàng Văn Tám" || m.FullName == "Lục Thị Sáu")));
    }

    [Fact]
    public async Task A_partner_without_membership_read_cannot_read_members_and_with_it_sees_personal_data_masked()
    {
        var member = await RegisterPersonal("Đinh Văn Đối Tác", "006099000111");
        foreach (var scopes in new string[][] { [], [Scopes.MembershipWrite], [Scopes.EventsRead] })
        {
            var blind = factory.Members(factory.Tokens.For(Roles.Partner, "06", scopes: scopes));
            await RpcAssert.Fails(StatusCode.PermissionDenied, () => blind.GetMemberAsync(new GetMemberRequest { Id = member.Id }).ResponseAsync);
            await RpcAssert.Fails(StatusCode.PermissionDenied, () => blind.ListMembersAsync(new ListMembersRequest { OrgUnit = "01834" }).ResponseAsync);
        }

        await AssertMaskedFor(factory.Tokens.For(Roles.Partner, "06", scopes: Scopes.MembershipRead), member);
    }

    [Fact]
    public async Task A_viewer_sees_personal_data_masked_and_an_officer_does_not() =>
        await AssertMaskedFor(factory.Tokens.For(Roles.Viewer, "06/058"), await RegisterPersonal("Đinh Thị Người Xem", "006099000222"));

    [Fact]
    public async Task A_partner_writing_members_gets_its_own_registration_back_masked()
    {
        var partner = factory.Members(factory.Tokens.For(Roles.Partner, "06/058", scopes: Scopes.MembershipWrite));
        var request = MembershipFactory.Valid(name: "Đinh Văn Ghi");
        (request.NationalId, request.Phone, request.Address) = ("006099000333", "0912333444", "Tổ 3, phường Đức Xuân");
        var member = await partner.RegisterMemberAsync(request);
        Assert.Equal(("*********333", "*******444", "***"), (member.NationalId, member.Phone, member.Address));
    }

    [Fact]
    public async Task An_unknown_role_gets_PermissionDenied_everywhere()
    {
        var token = factory.Tokens.For("superuser", "06", scopes: [Scopes.MembershipRead, Scopes.MembershipWrite, Scopes.EventsRead]);
        var members = factory.Members(token);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => members.ListMembersAsync(new ListMembersRequest()).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => members.RegisterMemberAsync(MembershipFactory.Valid(name: "Không Ai")).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.OrgUnits(token).ListOrgUnitsAsync(new ListOrgUnitsRequest()).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => ReadLog(token));
    }

    [Fact]
    public async Task A_branch_officer_records_members_but_cannot_create_rename_or_close_a_unit()
    {
        var branch = await factory.OrgUnits(factory.Tokens.DistrictOfficer058).CreateOrgUnitAsync(
            new CreateOrgUnitRequest { Code = "01834-CHB1", Name = "Chi hội B1", Level = "branch", ParentCode = "01834", ValidFrom = "2010-01-01" });
        var token = factory.Tokens.For(Roles.BranchOfficer, "06/058/01834");
        var units = factory.OrgUnits(token);

        Assert.Equal("NOT_PERMITTED", await RpcAssert.Reason(StatusCode.PermissionDenied, () => units.CreateOrgUnitAsync(
            new CreateOrgUnitRequest { Code = "01834-CHB2", Name = "Chi hội B2", Level = "branch", ParentCode = "01834" }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => units.UpdateOrgUnitAsync(new UpdateOrgUnitRequest { Code = branch.Code, Name = "Đổi tên", Etag = branch.Etag }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => units.CloseOrgUnitAsync(new CloseOrgUnitRequest { Code = branch.Code, ValidTo = "2020-01-01" }).ResponseAsync);

        Assert.Equal(branch, await units.GetOrgUnitAsync(new GetOrgUnitRequest { Code = branch.Code }));
        Assert.False(await factory.WithDb(db => db.OrgUnits.AnyAsync(u => u.Code == "01834-CHB2")));
        Assert.Equal("01834", (await factory.Members(token).RegisterMemberAsync(MembershipFactory.Valid("01834", "Chi Hội Viên"))).OrgUnit);
    }

    [Fact]
    public async Task A_province_admin_token_scoped_to_a_district_cannot_create_a_top_unit_or_read_the_event_log()
    {
        var token = factory.Tokens.For(Roles.ProvinceAdmin, "06/058");
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.OrgUnits(token).CreateOrgUnitAsync(
            new CreateOrgUnitRequest { Code = "07", Name = "Tỉnh mới", Level = "province", AdminAreaCode = "07" }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => ReadLog(token));
        Assert.False(await factory.WithDb(db => db.OrgUnits.AnyAsync(u => u.Code == "07")));
    }

    [Fact]
    public async Task Only_a_service_with_events_read_or_a_province_admin_reads_the_event_log()
    {
        Assert.NotEmpty(await ReadLog(factory.Tokens.For(Roles.Service, "/", scopes: Scopes.EventsRead)));
        Assert.NotEmpty(await ReadLog(factory.Tokens.ProvinceAdmin));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => ReadLog(factory.Tokens.For(Roles.Service, "/", scopes: Scopes.MembershipRead)));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => ReadLog(factory.Tokens.For(Roles.Partner, "06", scopes: Scopes.EventsRead)));
    }

    [Fact]
    public async Task Tokens_with_a_wrong_issuer_wrong_audience_no_signature_or_past_expiry_are_Unauthenticated()
    {
        var good = Forge();
        Assert.NotNull(await factory.Members(good).ListMembersAsync(new ListMembersRequest()));
        var now = DateTime.UtcNow;
        foreach (var bad in new[] { Forge(issuer: "someone-else"), Forge(audience: "another-api"), Forge(signed: false), Forge(issuedAt: now.AddHours(-2)) })
        {
            await RpcAssert.Fails(StatusCode.Unauthenticated, () => factory.Members(bad).ListMembersAsync(new ListMembersRequest()).ResponseAsync);
        }
    }

    private string Forge(string? issuer = null, string audience = IdentityKeys.Audience, bool signed = true, DateTime? issuedAt = null)
    {
        var keys = factory.Tokens.Keys;
        return Forgery.Sign(issuer ?? keys.Issuer, audience, signed ? new SigningCredentials(keys.Keys[0], SecurityAlgorithms.EcdsaSha256) : null, issuedAt);
    }

    [Fact]
    public async Task Metrics_answer_callers_on_this_machine_and_nobody_else_without_a_metrics_port()
    {
        async Task<int> Scrape(string remote) => (await factory.Server.SendAsync(http =>
        {
            http.Request.Method = "GET";
            http.Request.Path = "/metrics";
            http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(remote);
        })).Response.StatusCode;

        Assert.Equal(200, await Scrape("127.0.0.1"));
        Assert.Equal(200, await Scrape("::1"));
        Assert.Equal(404, await Scrape("10.1.2.3"));
        Assert.Equal(404, await Scrape("192.168.1.20"));
    }

    [Fact]
    public async Task Reflection_lists_the_services_to_a_caller_with_a_token_and_nothing_to_an_anonymous_one()
    {
        static async Task<IReadOnlyList<string>> ListServices(global::Grpc.Net.Client.GrpcChannel channel)
        {
            using var call = new global::Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
            await call.RequestStream.WriteAsync(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = string.Empty });
            await call.RequestStream.CompleteAsync();
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            return [.. call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name)];
        }

        Assert.Contains("redcross.membership.v1.Members", await ListServices(factory.Channel(factory.Tokens.For(Roles.Viewer, "06"))));
        await RpcAssert.Fails(StatusCode.Unauthenticated, () => ListServices(factory.Channel(null)));
    }

    [Fact]
    public async Task Tokens_signed_with_the_old_shared_HS256_key_or_another_key_are_Unauthenticated()
    {
        var issuer = factory.Tokens.Keys.Issuer;
        foreach (var forged in new[] { Forgery.Hs256(issuer), Forgery.OtherKey(issuer) })
        {
            await RpcAssert.Fails(StatusCode.Unauthenticated, () => factory.Members(forged).ListMembersAsync(new ListMembersRequest()).ResponseAsync);
        }
    }

    private async Task<Member> RegisterPersonal(string name, string nationalId)
    {
        var request = MembershipFactory.Valid(name: name);
        (request.NationalId, request.Phone, request.Address) = (nationalId, "0987 654 321", "Tổ 7, phường Nguyễn Thị Minh Khai");
        var member = await officer058.RegisterMemberAsync(request);
        Assert.Equal((nationalId, "0987 654 321"), (member.NationalId, member.Phone));
        return member;
    }

    private async Task AssertMaskedFor(string token, Member member)
    {
        var client = factory.Members(token);
        var got = await client.GetMemberAsync(new GetMemberRequest { Id = member.Id });
        var listed = (await client.ListMembersAsync(new ListMembersRequest { OrgUnit = "01834", Query = member.FullName })).Members.Single(m => m.Id == member.Id);
        foreach (var seen in new[] { got, listed })
        {
            Assert.Equal(("*********" + member.NationalId[^3..], "*********321", "***"), (seen.NationalId, seen.Phone, seen.Address));
            Assert.Equal(member.FullName, seen.FullName);
        }
    }

    private async Task<List<EventEnvelope>> ReadLog(string token)
    {
        var log = new MembershipEventLog.MembershipEventLogClient(factory.Channel(token));
        using var call = log.StreamEvents(new StreamEventsRequest { MaxEvents = 5 });
        return await call.ResponseStream.ReadAllAsync().ToListAsync();
    }
}
