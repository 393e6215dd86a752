using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;
using AuditEntry = RedCross.Messaging.AuditEntry;

namespace RedCross.Relief.Tests;

/// <summary>Bulk import of beneficiary lists, and the service-only list the campaign service draws programmes from.</summary>
public sealed class BeneficiaryImportTests(ReliefFactory factory) : IClassFixture<ReliefFactory>
{
    private static ImportBeneficiaryRow Row(int n, string name, string unit = "01837", string birth = "1940-01-01", string? nationalId = null,
        string category = "elderly", bool confirm = false) => new()
        {
            RowNumber = n,
            ConfirmDifferentPerson = confirm,
            Beneficiary = new Beneficiary
            {
                Kind = "person",
                FullName = name,
                BirthDate = birth,
                NationalId = nationalId ?? string.Empty,
                OrgUnit = unit,
                Categories = { category },
            },
        };

    private async Task<ImportBeneficiariesResponse> Import(IEnumerable<ImportBeneficiaryRow> rows, string? token = null)
    {
        await factory.EnsureTree();
        using var call = factory.Beneficiaries(token ?? factory.Tokens.DistrictOfficer058).ImportBeneficiaries();
        try
        {
            foreach (var row in rows)
            {
                await call.RequestStream.WriteAsync(row);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server ended the call early (a refusal); its status is the response's.
        }

        return await call;
    }

    private Task<int> Audited(string method, string action) =>
        factory.WithDb(db => db.Set<AuditEntry>().CountAsync(a => a.Method.EndsWith("/" + method) && a.Action == action && a.RecordKind == "beneficiary"));

    private Task<int> Count(string prefix) => factory.WithDb(db => db.Beneficiaries.CountAsync(b => b.FullName.StartsWith(prefix)));

    [Fact]
    public async Task Valid_rows_are_kept_bad_rows_reported_and_a_second_import_creates_nothing()
    {
        var rows = Enumerable.Range(0, 2500).Select(i => Row(i + 2, $"Người Nhập {i:D4}", nationalId: $"0061{i:D8}")).ToList();
        rows.Add(Row(3000, ""));
        rows.Add(Row(3001, "Sai Loại", category: "rich"));
        rows.Add(Row(3002, "Ngoài Phạm Vi", unit: "060"));
        rows.Add(Row(3003, "Không Có Đơn Vị", unit: "00000"));
        rows.Add(Row(3004, "Đơn Vị Đóng", unit: "OLD"));
        rows.Add(Row(3005, "Ngày Sai", birth: "1940-02-30"));
        var outboxBefore = await factory.OutboxCount();
        var auditBefore = await Audited("ImportBeneficiaries", AuditEntry.Change);

        var first = await Import(rows);
        Assert.Equal((2506, 2500, 6, 0), (first.RowsReceived, first.Created, first.Failed, first.Duplicates));
        Assert.Equal(
            [(3000, "beneficiary.full_name"), (3001, "beneficiary.categories"), (3002, "beneficiary.org_unit"), (3003, "beneficiary.org_unit"),
             (3004, "beneficiary.org_unit"), (3005, "beneficiary.birth_date")],
            first.Errors.Select(e => (e.RowNumber, e.Field)));
        Assert.Equal(2500, await Count("Người Nhập"));
        Assert.Equal(2500, await factory.OutboxCount() - outboxBefore);
        Assert.Equal(2500, await factory.WithDb(db => db.Set<OutboxMessage>().CountAsync(o => o.Type == "BeneficiaryRegistered" && o.Payload.Contains("\"orgUnitCode\":\"01837\""))));
        Assert.Equal(2500, await Audited("ImportBeneficiaries", AuditEntry.Change) - auditBefore);

        var second = await Import(rows);
        Assert.Equal((0, 2500, 6), (second.Created, second.Duplicates, second.Failed));
        Assert.Equal(2500, await Count("Người Nhập"));
        Assert.Equal(2500, await factory.OutboxCount() - outboxBefore);
    }

    [Fact]
    public async Task The_same_person_is_found_by_national_id_or_by_name_birth_and_commune_in_the_file_and_in_the_database()
    {
        var registered = await factory.Beneficiaries(factory.Tokens.DistrictOfficer058).CreateBeneficiaryAsync(new CreateBeneficiaryRequest
        {
            Beneficiary = ReliefFactory.Person("Hà Văn Đã Có", unit: "01837", birth: "1945-05-05"),
        });

        var result = await Import(
        [
            Row(2, "ha van da co", birth: "1945-05-05"),                                    // the registered one, by name (no IDs)
            Row(3, "Hà Văn Đã Có", birth: "1945-05-05", confirm: true),                     // confirmed as someone else
            Row(4, "Lò Thị Hai Lần", nationalId: "006199990001"),
            Row(5, "Tên Khác Hẳn", nationalId: "006199990001"),                             // same CCCD as row 4
            Row(6, "Lò Văn Sinh Đôi", nationalId: "006199990002"),
            Row(7, "lo van sinh doi", nationalId: "006199990003"),                          // same name, different CCCDs: two people
            Row(8, "Lo Van Sinh Doi"),                                                      // same name, no CCCD: one of them
        ]);

        Assert.Equal((7, 4, 3, 0), (result.RowsReceived, result.Created, result.Duplicates, result.Failed));
        Assert.Equal(2, await Count("Hà Văn Đã Có"));
        Assert.Equal(1, await factory.WithDb(db => db.Beneficiaries.CountAsync(b => b.NationalId == "006199990001")));
        Assert.Equal(2, await factory.WithDb(db => db.Beneficiaries.CountAsync(b => b.SearchName == "lo van sinh doi")));
        Assert.NotNull(registered.Id);
    }

    [Fact]
    public async Task An_import_needs_write_rights_and_a_partner_without_relief_write_changes_nothing()
    {
        var partner = factory.Tokens.For(Roles.Partner, "06/058", scopes: Scopes.ReliefRead);
        var before = await factory.WithDb(db => db.Beneficiaries.CountAsync());
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Import([Row(2, "Đối Tác Nhập")], partner));
        Assert.Equal(before, await factory.WithDb(db => db.Beneficiaries.CountAsync()));
    }

    [Fact]
    public async Task A_programme_list_is_served_to_service_identities_only_by_subtree_and_categories_without_personal_data()
    {
        await Import(
        [
            Row(2, "Danh Sách Một", unit: "01852", category: "poor", nationalId: "006188880001"),
            Row(3, "Danh Sách Hai", unit: "01852", category: "disabled"),
            Row(4, "Danh Sách Ba", unit: "01852", category: "orphan", birth: "2010-01-01"),
            Row(5, "Danh Sách Bốn", unit: "01834", category: "poor"),
        ]);
        var service = factory.Beneficiaries(factory.Tokens.For(Roles.Service, string.Empty, scopes: Scopes.ReliefRead));
        var forOfficer = new Metadata { { OnBehalfOf.Header, factory.Tokens.DistrictOfficer058 } };

        var list = await service.StreamBeneficiaryList(new StreamBeneficiaryListRequest { OrgUnit = "01852", Categories = { "poor", "disabled" } }, forOfficer)
            .ResponseStream.ReadAllAsync().ToListAsync();
        // Ids are version 7 GUIDs: rows imported in the same millisecond have no order among them, so the names are a set;
        // the list itself comes in id order so that a limit always cuts the same list.
        Assert.Equal(["Danh Sách Hai", "Danh Sách Một"], list.Select(e => e.FullName).Order());
        Assert.Equal(list.Select(e => e.Id).Order(StringComparer.Ordinal), list.Select(e => e.Id));
        Assert.All(list, e => Assert.Equal("01852", e.OrgUnit));
        var limited = await service.StreamBeneficiaryList(new StreamBeneficiaryListRequest { OrgUnit = "058", Categories = { "poor" }, Limit = 1 }, forOfficer)
            .ResponseStream.ReadAllAsync().ToListAsync();
        Assert.Single(limited);
        // Three names sent, each audited for the officer the service drew them for.
        Assert.Equal(3, await factory.WithDb(db => db.Set<AuditEntry>().CountAsync(a => a.Method.EndsWith("/StreamBeneficiaryList") && a.Subject.StartsWith("test-district_officer@06/058 via "))));

        foreach (var user in new[] { factory.Tokens.ProvinceAdmin, factory.Tokens.DistrictOfficer058, factory.Tokens.For(Roles.Service, string.Empty, scopes: Scopes.EventsRead) })
        {
            await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Beneficiaries(user)
                .StreamBeneficiaryList(new StreamBeneficiaryListRequest { OrgUnit = "01852", Categories = { "poor" } }, forOfficer).ResponseStream.ReadAllAsync().ToListAsync().AsTask());
        }

        var violations = await RpcAssert.InvalidFields(() => service.StreamBeneficiaryList(new StreamBeneficiaryListRequest { OrgUnit = "01852", Categories = { "rich" } }, forOfficer)
            .ResponseStream.ReadAllAsync().ToListAsync().AsTask());
        Assert.Equal(["categories"], violations);
        await RpcAssert.Fails(StatusCode.NotFound, () => service.StreamBeneficiaryList(new StreamBeneficiaryListRequest { OrgUnit = "99999", Categories = { "poor" } }, forOfficer)
            .ResponseStream.ReadAllAsync().ToListAsync().AsTask());
    }

    [Fact]
    public async Task A_programme_list_is_drawn_for_a_person_within_their_subtree_and_the_trail_names_them_with_the_service()
    {
        await Import([Row(2, "Người Sáu Mươi", unit: "01834", category: "poor")]);
        var service = factory.Beneficiaries(factory.Tokens.For(Roles.Service, string.Empty, scopes: Scopes.ReliefRead));
        Task<List<BeneficiaryListEntry>> Draw(string unit, Metadata? headers) =>
            service.StreamBeneficiaryList(new StreamBeneficiaryListRequest { OrgUnit = unit, Categories = { "poor" } }, headers).ResponseStream.ReadAllAsync().ToListAsync().AsTask();

        Assert.Equal(OnBehalfOf.NoPerson, await RpcAssert.Reason(StatusCode.PermissionDenied, () => Draw("01834", null)));
        var officer060 = factory.Tokens.For(Roles.DistrictOfficer, "06/060");
        Assert.Equal("OUT_OF_SCOPE", await RpcAssert.Reason(StatusCode.PermissionDenied, () => Draw("01834", new Metadata { { OnBehalfOf.Header, officer060 } })));
        await RpcAssert.Fails(StatusCode.Unauthenticated, () => Draw("01834", new Metadata { { OnBehalfOf.Header, Forgery.OtherKey(factory.Tokens.Keys.Issuer) } }));
        Assert.Equal(OnBehalfOf.NoPerson, await RpcAssert.Reason(StatusCode.PermissionDenied, () => Draw("01834", new Metadata
        {
            { OnBehalfOf.Header, factory.Tokens.For(Roles.Partner, "06", scopes: Scopes.ReliefRead) },
        })));

        var officer = factory.Tokens.For(Roles.BranchOfficer, "06/058/01834");
        Assert.Contains(await Draw("01834", new Metadata { { OnBehalfOf.Header, officer } }), e => e.FullName == "Người Sáu Mươi");
        var trail = await factory.WithDb(db => db.Set<AuditEntry>().Where(a => a.Method.EndsWith("StreamBeneficiaryList")).Select(a => a.Subject).ToListAsync());
        Assert.Contains($"test-{Roles.BranchOfficer}@06/058/01834 via test-{Roles.Service}@", trail);
    }
}
