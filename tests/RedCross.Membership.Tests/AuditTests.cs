using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Membership.Tests;

/// <summary>Every read and change of a person's record is in the audit trail; a member who left can be anonymised
/// without changing any count (Decree 13/2023/NĐ-CP).</summary>
public sealed class AuditTests(MembershipFactory factory) : IClassFixture<MembershipFactory>
{
    private readonly Members.MembersClient officer = factory.Members(factory.Tokens.DistrictOfficer058);
    private readonly MemberAudit.MemberAuditClient audit = new(factory.Channel(factory.Tokens.ProvinceAdmin));

    [Fact]
    public async Task A_get_a_list_and_an_update_each_leave_an_entry_naming_the_caller()
    {
        var member = await officer.RegisterMemberAsync(MembershipFactory.Valid("01837", "Nhật Ký Truy Cập"));
        var branch = factory.Members(factory.Tokens.For(Roles.BranchOfficer, "06/058/01837"));
        var read = await branch.GetMemberAsync(new GetMemberRequest { Id = member.Id });
        await factory.Members(factory.Tokens.For(Roles.Viewer, "06")).ListMembersAsync(new ListMembersRequest { Query = "nhat ky truy cap" });
        await officer.UpdateMemberAsync(new UpdateMemberRequest
        {
            Member = new Member { Id = member.Id, Phone = "0912345678" },
            UpdateMask = FieldMask.FromString("phone"),
            Etag = read.Etag,
        });

        // In the order the calls happened: reads' entries are written in batches after the reads answered, so the
        // update's entry may hold an earlier position.
        var entries = (await audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { MemberId = member.Id })).AuditEntries.OrderBy(e => e.At).ToList();
        Assert.Equal(
            [("change", "test-district_officer@06/058", "district_officer", "RegisterMember"), ("read", "test-branch_officer@06/058/01837", "branch_officer", "GetMember"),
             ("read", "test-viewer@06", "viewer", "ListMembers"), ("change", "test-district_officer@06/058", "district_officer", "UpdateMember")],
            entries.Select(e => (e.Action, e.Subject, e.Role, e.Method.Split('/')[^1])));
        Assert.Equal(["phone"], entries[3].Fields);
        Assert.Contains("masked:national_id", entries[2].Fields);
        Assert.Contains("national_id", entries[1].Fields);
    }

    [Fact]
    public async Task An_imported_member_is_in_the_trail_as_created_by_the_importer()
    {
        using (var call = officer.ImportMembers())
        {
            await call.RequestStream.WriteAsync(new ImportMemberRow { RowNumber = 2, Member = MembershipFactory.Valid("01843", "Nhập Khẩu Nhật Ký") });
            await call.RequestStream.CompleteAsync();
            Assert.Equal(1, (await call).Created);
        }

        var entries = await audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 1000 });
        var created = Assert.Single(entries.AuditEntries, e => e.Method.EndsWith("/ImportMembers", StringComparison.Ordinal));
        Assert.Equal(("change", "test-district_officer@06/058"), (created.Action, created.Subject));
        Assert.Contains("full_name", created.Fields);
    }

    [Fact]
    public async Task The_trail_is_for_province_admins_paged_and_append_only()
    {
        var member = await officer.RegisterMemberAsync(MembershipFactory.Valid("01834", "Chỉ Thêm Vào"));
        await officer.GetMemberAsync(new GetMemberRequest { Id = member.Id });

        var first = await audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { MemberId = member.Id, PageSize = 1 });
        var second = await audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { MemberId = member.Id, PageSize = 1, PageToken = first.NextPageToken });
        Assert.Equal(("change", "read"), (Assert.Single(first.AuditEntries).Action, Assert.Single(second.AuditEntries).Action));
        Assert.Contains("member_id", await RpcAssert.InvalidFields(() => audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { MemberId = "x" }).ResponseAsync));
        Assert.Contains("page_token", await RpcAssert.InvalidFields(() => audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageToken = "bm90LWEtbnVtYmVy" }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => new MemberAudit.MemberAuditClient(factory.Channel(factory.Tokens.DistrictOfficer058))
            .ListAuditEntriesAsync(new ListAuditEntriesRequest()).ResponseAsync);

        await Assert.ThrowsAsync<SqliteException>(() => factory.WithDb(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET Subject = 'someone else'")));
        await Assert.ThrowsAsync<SqliteException>(() => factory.WithDb(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries")));
    }

    [Fact]
    public async Task Anonymising_a_member_who_left_removes_what_identifies_them_and_changes_no_count()
    {
        var request = MembershipFactory.Valid("01840", "Xóa Dấu Vết");
        (request.NationalId, request.Phone, request.Address) = ("001185000777", "0987654321", "Tổ 5, phường Đức Xuân");
        var member = await officer.RegisterMemberAsync(request);
        Assert.Equal("MEMBER_NOT_LEFT", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => officer.AnonymiseMemberAsync(new AnonymiseMemberRequest { Id = member.Id }).ResponseAsync));
        var left = await officer.ChangeMemberStatusAsync(new ChangeMemberStatusRequest { Id = member.Id, Status = "left", EffectiveDate = "2015-01-01" });
        var events = await factory.OutboxCount();

        var anonymised = await officer.AnonymiseMemberAsync(new AnonymiseMemberRequest { Id = member.Id, Etag = left.Etag });

        Assert.True(anonymised.Anonymised);
        Assert.Equal(("Ẩn danh", "", "", ""), (anonymised.FullName, anonymised.NationalId, anonymised.Phone, anonymised.Address));
        Assert.Equal((left.BirthDate, left.Sex, left.OrgUnit, left.JoinedDate, left.Status), (anonymised.BirthDate, anonymised.Sex, anonymised.OrgUnit, anonymised.JoinedDate, anonymised.Status));
        var stored = await factory.WithDb(db => db.Members.AsNoTracking().SingleAsync(m => m.Id == Guid.Parse(member.Id)));
        Assert.Equal((null, null, null), (stored.NationalId, stored.Phone, stored.Address));
        Assert.DoesNotContain("xoa dau vet", stored.SearchName, StringComparison.Ordinal);
        // Reporting learns only from events: none was written, so no report figure can move.
        Assert.Equal(events, await factory.OutboxCount());
        var entry = (await audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { MemberId = member.Id })).AuditEntries.Last();
        Assert.Equal("AnonymiseMember", entry.Method.Split('/')[^1]);
        Assert.Equal(["full_name", "national_id", "phone", "address"], entry.Fields);

        Assert.Equal("ALREADY_ANONYMISED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => officer.AnonymiseMemberAsync(new AnonymiseMemberRequest { Id = member.Id }).ResponseAsync));
    }

    [Fact]
    public async Task Anonymisation_refuses_branch_officers_other_subtrees_and_bad_ids()
    {
        var member = await officer.RegisterMemberAsync(MembershipFactory.Valid("01840", "Không Được Xóa"));
        await officer.ChangeMemberStatusAsync(new ChangeMemberStatusRequest { Id = member.Id, Status = "left" });
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Members(factory.Tokens.For(Roles.BranchOfficer, "06/058/01840"))
            .AnonymiseMemberAsync(new AnonymiseMemberRequest { Id = member.Id }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Members(factory.Tokens.For(Roles.DistrictOfficer, "06/060"))
            .AnonymiseMemberAsync(new AnonymiseMemberRequest { Id = member.Id }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => officer.AnonymiseMemberAsync(new AnonymiseMemberRequest { Id = Guid.NewGuid().ToString() }).ResponseAsync);
        Assert.Contains("id", await RpcAssert.InvalidFields(() => officer.AnonymiseMemberAsync(new AnonymiseMemberRequest { Id = "nope" }).ResponseAsync));
        Assert.Equal("ETAG_MISMATCH", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => officer.AnonymiseMemberAsync(new AnonymiseMemberRequest { Id = member.Id, Etag = "99" }).ResponseAsync));
        Assert.False((await officer.GetMemberAsync(new GetMemberRequest { Id = member.Id })).Anonymised);
    }
}
