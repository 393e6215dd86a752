using System.Net;
using System.Net.Http.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Membership.V1;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Membership.Tests;

public sealed class MembersTests(MembershipFactory factory) : IClassFixture<MembershipFactory>
{
    private readonly Members.MembersClient officer = factory.Members(factory.Tokens.DistrictOfficer058);

    [Fact]
    public async Task Register_stores_the_member_and_publishes_MemberRegistered_through_the_outbox()
    {
        var member = await officer.RegisterMemberAsync(MembershipFactory.Valid(name: "Hoàng Thị Lan"));

        var stored = await factory.WithDb(db => db.Members.SingleAsync(m => m.Id == Guid.Parse(member.Id)));
        Assert.Equal("Hoàng Thị Lan", stored.FullName);
        Assert.Equal("06/058/01834", stored.OrgUnitPath);
        var row = await factory.WithDb(db => db.Set<OutboxMessage>().SingleAsync(o => o.Payload.Contains(member.Id)));
        Assert.Equal(nameof(MemberRegistered), row.Type);

        await factory.Services.Published<MemberRegistered>(p => p.Context.Message.MemberId == Guid.Parse(member.Id) && p.Context.MessageId == row.Id);
        await Eventually.Until(() => factory.WithDb(db => db.Set<OutboxMessage>().Where(o => o.Id == row.Id).Select(o => o.SentAt).SingleAsync()), s => s is not null, what: "the relay to mark the row sent");
    }

    [Fact]
    public async Task A_member_registered_by_rest_is_listed_by_grpc()
    {
        using var rest = factory.Rest(factory.Tokens.DistrictOfficer058);
        var response = await rest.PostAsJsonAsync("/api/v1/members", new { fullName = "Triệu Văn Rest", birthDate = "1979-02-03", sex = "male", orgUnit = "01837", joinedDate = "2013-05-05" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var list = await officer.ListMembersAsync(new ListMembersRequest { Query = "trieu van rest" });
        Assert.Equal("01837", Assert.Single(list.Members).OrgUnit);
    }

    [Fact]
    public async Task Rest_errors_carry_the_same_field_details()
    {
        using var rest = factory.Rest(factory.Tokens.DistrictOfficer058);
        var response = await rest.PostAsJsonAsync("/api/v1/members", new { fullName = "", birthDate = "1979-02-03", sex = "male", orgUnit = "01837" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("google.rpc.BadRequest", body, StringComparison.Ordinal);
        Assert.Contains("full_name", body, StringComparison.Ordinal);
    }

    public static TheoryData<string, Action<RegisterMemberRequest>> BadRegistrations => new()
    {
        { "full_name", r => r.FullName = "" },
        { "full_name", r => r.FullName = new string('A', 500) },
        { "birth_date", r => r.BirthDate = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd") },
        { "birth_date", r => r.BirthDate = "12/04/1985" },
        { "national_id", r => r.NationalId = "00118000012" },
        { "sex", r => r.Sex = "unknown" },
        { "joined_date", r => r.JoinedDate = "1980-01-01" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task Bad_registrations_are_refused_with_the_field_and_store_nothing(string field, Action<RegisterMemberRequest> spoil)
    {
        var request = MembershipFactory.Valid(name: "Bad Input Person");
        spoil(request);
        var members = await factory.MemberCount();
        var outbox = await factory.OutboxCount();

        var fields = await RpcAssert.InvalidFields(() => officer.RegisterMemberAsync(request).ResponseAsync);

        Assert.Contains(field, fields);
        Assert.Equal(members, await factory.MemberCount());
        Assert.Equal(outbox, await factory.OutboxCount());
    }

    [Fact]
    public async Task A_duplicate_national_id_is_AlreadyExists()
    {
        var first = MembershipFactory.Valid(name: "Nông Văn Một");
        first.NationalId = "006085000111";
        await officer.RegisterMemberAsync(first);
        var second = MembershipFactory.Valid(name: "Nông Văn Hai");
        second.NationalId = "006085000111";
        var members = await factory.MemberCount();

        await RpcAssert.Fails(StatusCode.AlreadyExists, () => officer.RegisterMemberAsync(second).ResponseAsync);
        Assert.Equal(members, await factory.MemberCount());
    }

    [Fact]
    public async Task An_unknown_org_unit_is_NotFound() =>
        await RpcAssert.Fails(StatusCode.NotFound, () => officer.RegisterMemberAsync(MembershipFactory.Valid("99999")).ResponseAsync);

    [Fact]
    public async Task A_district_officer_of_058_cannot_register_in_060()
    {
        var members = await factory.MemberCount();
        Assert.Equal("OUT_OF_SCOPE", await RpcAssert.Reason(StatusCode.PermissionDenied, () => officer.RegisterMemberAsync(MembershipFactory.Valid("060")).ResponseAsync));
        Assert.Equal(members, await factory.MemberCount());
    }

    [Fact]
    public async Task A_viewer_cannot_write_even_in_scope() =>
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Members(factory.Tokens.For(Roles.Viewer, "06")).RegisterMemberAsync(MembershipFactory.Valid()).ResponseAsync);

    [Fact]
    public async Task Missing_tampered_and_expired_tokens_are_Unauthenticated()
    {
        var token = factory.Tokens.DistrictOfficer058;
        var tampered = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");
        var otherKey = Forgery.OtherKey(factory.Tokens.Keys.Issuer);
        var expired = factory.Tokens.For(Roles.DistrictOfficer, "06/058", TimeSpan.FromMinutes(5), DateTime.UtcNow.AddHours(-2));
        foreach (var bad in new string?[] { null, tampered, otherKey, expired, "not-a-jwt" })
        {
            await RpcAssert.Fails(StatusCode.Unauthenticated, () => factory.Members(bad).RegisterMemberAsync(MembershipFactory.Valid()).ResponseAsync);
        }
    }

    [Fact]
    public async Task A_retried_create_with_the_same_request_id_returns_the_first_member()
    {
        var request = MembershipFactory.Valid(name: "Hà Văn Thử");
        request.RequestId = Guid.NewGuid().ToString();
        var first = await officer.RegisterMemberAsync(request);
        var again = await officer.RegisterMemberAsync(request);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, await factory.WithDb(db => db.Members.CountAsync(m => m.FullName == "Hà Văn Thử")));
    }

    [Fact]
    public async Task Update_needs_the_current_etag()
    {
        var member = await officer.RegisterMemberAsync(MembershipFactory.Valid(name: "Lý Thị Cũ"));
        var update = new UpdateMemberRequest { Member = new Member { Id = member.Id, FullName = "Lý Thị Mới", Phone = "0912 345 678" }, UpdateMask = FieldMask.FromString("full_name,phone"), Etag = member.Etag };
        var updated = await officer.UpdateMemberAsync(update);
        Assert.Equal("Lý Thị Mới", updated.FullName);
        Assert.NotEqual(member.Etag, updated.Etag);

        update.Member.FullName = "Lý Thị Khác";
        Assert.Equal("ETAG_MISMATCH", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => officer.UpdateMemberAsync(update).ResponseAsync));
        Assert.Equal("Lý Thị Mới", (await officer.GetMemberAsync(new GetMemberRequest { Id = member.Id })).FullName);
    }

    [Fact]
    public async Task Update_refuses_unknown_mask_paths_and_bad_values()
    {
        var member = await officer.RegisterMemberAsync(MembershipFactory.Valid(name: "Mã Văn Mask"));
        var fields = await RpcAssert.InvalidFields(() => officer.UpdateMemberAsync(new UpdateMemberRequest
        {
            Member = new Member { Id = member.Id, Status = "left" },
            UpdateMask = FieldMask.FromString("status"),
            Etag = member.Etag,
        }).ResponseAsync);
        Assert.Contains("update_mask", fields);
        fields = await RpcAssert.InvalidFields(() => officer.UpdateMemberAsync(new UpdateMemberRequest
        {
            Member = new Member { Id = member.Id, NationalId = "1" },
            UpdateMask = FieldMask.FromString("national_id"),
            Etag = member.Etag,
        }).ResponseAsync);
        Assert.Contains("member.national_id", fields);
    }

    [Fact]
    public async Task Status_changes_keep_history_publish_events_and_deceased_is_final()
    {
        var member = await officer.RegisterMemberAsync(MembershipFactory.Valid(name: "Bế Văn Trạng"));
        var lapsed = await officer.ChangeMemberStatusAsync(new ChangeMemberStatusRequest { Id = member.Id, Status = "lapsed", EffectiveDate = "2014-01-01", Reason = "không đóng hội phí" });
        var deceased = await officer.ChangeMemberStatusAsync(new ChangeMemberStatusRequest { Id = member.Id, Status = "deceased", EffectiveDate = "2015-02-01" });
        Assert.Equal(["lapsed", "deceased"], deceased.StatusHistory.Select(h => h.Status));
        Assert.Equal("lapsed", lapsed.Status);

        Assert.Equal("MEMBER_DECEASED", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => officer.ChangeMemberStatusAsync(new ChangeMemberStatusRequest { Id = member.Id, Status = "active" }).ResponseAsync));
        await factory.Services.Published<MemberStatusChanged>(p => p.Context.Message.MemberId == Guid.Parse(member.Id) && p.Context.Message.ToStatus == "deceased");
    }

    [Fact]
    public async Task List_pages_through_every_member_once_sorted_by_given_name()
    {
        var unit = "01846";
        foreach (var name in new[] { "Nguyễn Văn Bình", "Trần Thị An", "Lê Đức", "Phạm Văn Dũng", "Hà Thị Ánh" })
        {
            await officer.RegisterMemberAsync(MembershipFactory.Valid(unit, name));
        }

        var seen = new List<string>();
        var request = new ListMembersRequest { OrgUnit = unit, PageSize = 2 };
        do
        {
            var page = await officer.ListMembersAsync(request);
            Assert.True(page.Members.Count <= 2);
            seen.AddRange(page.Members.Select(m => m.FullName));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(["Trần Thị An", "Hà Thị Ánh", "Nguyễn Văn Bình", "Phạm Văn Dũng", "Lê Đức"], seen);
    }

    [Fact]
    public async Task List_refuses_a_negative_page_size_and_other_scopes()
    {
        Assert.Contains("page_size", await RpcAssert.InvalidFields(() => officer.ListMembersAsync(new ListMembersRequest { PageSize = -1 }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => officer.ListMembersAsync(new ListMembersRequest { OrgUnit = "061" }).ResponseAsync);
    }

    [Fact]
    public async Task List_filters_by_volunteer_youth_and_status()
    {
        var unit = "01849";
        var youth = MembershipFactory.Valid(unit, "Ma Thị Trẻ");
        youth.BirthDate = DateTime.UtcNow.AddYears(-20).ToString("yyyy-MM-dd");
        youth.JoinedDate = DateTime.UtcNow.AddYears(-1).ToString("yyyy-MM-dd");
        youth.Volunteer = true;
        await officer.RegisterMemberAsync(youth);
        await officer.RegisterMemberAsync(MembershipFactory.Valid(unit, "Ma Văn Già"));

        Assert.Equal("Ma Thị Trẻ", Assert.Single((await officer.ListMembersAsync(new ListMembersRequest { OrgUnit = unit, YouthOnly = true })).Members).FullName);
        Assert.Equal("Ma Thị Trẻ", Assert.Single((await officer.ListMembersAsync(new ListMembersRequest { OrgUnit = unit, VolunteersOnly = true })).Members).FullName);
        Assert.Empty((await officer.ListMembersAsync(new ListMembersRequest { OrgUnit = unit, Status = "left" })).Members);
        Assert.Contains("status", await RpcAssert.InvalidFields(() => officer.ListMembersAsync(new ListMembersRequest { Status = "asleep" }).ResponseAsync));
    }

    [Fact]
    public async Task Partners_see_national_ids_masked()
    {
        var request = MembershipFactory.Valid(name: "Đinh Thị Riêng");
        request.NationalId = "006099000777";
        var member = await officer.RegisterMemberAsync(request);
        var partner = factory.Members(factory.Tokens.For(Roles.Partner, "06", scopes: "membership.read"));
        Assert.Equal("*********777", (await partner.GetMemberAsync(new GetMemberRequest { Id = member.Id })).NationalId);
    }

    [Fact]
    public async Task A_ten_megabyte_request_is_refused_and_the_service_keeps_serving()
    {
        var request = MembershipFactory.Valid(name: "Quá Lớn");
        request.Address = new string('x', 10 * 1024 * 1024);
        await RpcAssert.Fails(StatusCode.ResourceExhausted, () => officer.RegisterMemberAsync(request).ResponseAsync);
        Assert.NotNull(await officer.RegisterMemberAsync(MembershipFactory.Valid(name: "Vừa Đủ")));
    }
}
