using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Membership.V1;
using RedCross.Messaging;
using Xunit;

namespace RedCross.Membership.Tests;

public sealed class ImportTests(MembershipFactory factory) : IClassFixture<MembershipFactory>
{
    private static ImportMemberRow Row(int n, string name, string unit = "01840", string birth = "1990-01-01", string? nationalId = null) => new()
    {
        RowNumber = n,
        Member = new RegisterMemberRequest { FullName = name, BirthDate = birth, Sex = "male", OrgUnit = unit, JoinedDate = "2013-06-01", NationalId = nationalId ?? string.Empty },
    };

    private async Task<ImportMembersResponse> Import(IEnumerable<ImportMemberRow> rows)
    {
        using var call = factory.Members(factory.Tokens.DistrictOfficer058).ImportMembers();
        foreach (var row in rows)
        {
            await call.RequestStream.WriteAsync(row);
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }

    [Fact]
    public async Task Valid_rows_are_kept_bad_rows_reported_and_a_second_import_creates_nothing()
    {
        var rows = new List<ImportMemberRow>();
        for (var i = 0; i < 2500; i++)
        {
            rows.Add(Row(i + 2, $"Người Nhập {Letters(i)}", nationalId: $"0060{i:D8}"));
        }

        rows.Add(Row(3000, ""));
        rows.Add(Row(3001, "Sai Ngày", birth: "1990-02-30"));
        rows.Add(Row(3002, "Ngoài Phạm Vi", unit: "062"));
        rows.Add(Row(3003, "Không Có Đơn Vị", unit: "00000"));

        var first = await Import(rows);
        Assert.Equal(2504, first.RowsReceived);
        Assert.Equal(2500, first.Created);
        Assert.Equal(4, first.Failed);
        Assert.Equal([(3000, "full_name"), (3001, "birth_date"), (3002, "org_unit"), (3003, "org_unit")], first.Errors.Select(e => (e.RowNumber, e.Field)));
        Assert.Equal(2500, await factory.WithDb(db => db.Members.CountAsync(m => m.FullName.StartsWith("Người Nhập"))));
        Assert.Equal(2500, await factory.WithDb(db => db.Set<OutboxMessage>().CountAsync(o => o.Type == "MemberRegistered" && o.Payload.Contains("\"orgUnitCode\":\"01840\""))));

        var second = await Import(rows);
        Assert.Equal(0, second.Created);
        Assert.Equal(2500, second.Duplicates);
        Assert.Equal(2500, await factory.WithDb(db => db.Members.CountAsync(m => m.FullName.StartsWith("Người Nhập"))));
    }

    [Fact]
    public async Task Imported_members_read_back_like_registered_ones()
    {
        await Import([Row(2, "Đàm Thị Nhập Khẩu", unit: "01843", nationalId: "006077700001")]);
        var list = await factory.Members(factory.Tokens.DistrictOfficer058).ListMembersAsync(new ListMembersRequest { Query = "dam thi nhap" });
        var member = Assert.Single(list.Members);
        Assert.Equal(("01843", "1990-01-01", "006077700001", "active"), (member.OrgUnit, member.BirthDate, member.NationalId, member.Status));
    }

    [Fact]
    public async Task Rows_without_national_id_dedupe_on_name_birth_date_and_unit()
    {
        var result = await Import([Row(2, "Lục Văn Trùng"), Row(3, "LỤC VĂN TRÙNG"), Row(4, "Lục Văn Trùng", birth: "1991-01-01")]);
        Assert.Equal((2, 1), (result.Created, result.Duplicates));
    }

    private static string Letters(int i) => new([(char)('a' + (i % 26)), (char)('a' + (i / 26 % 26)), (char)('a' + (i / 676 % 26))]);
}
