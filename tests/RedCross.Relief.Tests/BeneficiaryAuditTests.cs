using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Relief.Data;
using RedCross.Contracts.Relief.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Relief.Tests;

/// <summary>Every read and change of a beneficiary's record is in relief's audit trail (Decree 13/2023/NĐ-CP).</summary>
public sealed class BeneficiaryAuditTests(ReliefFactory factory) : IClassFixture<ReliefFactory>
{
    private Beneficiaries.BeneficiariesClient Officer => factory.Beneficiaries(factory.Tokens.DistrictOfficer058);

    private BeneficiaryAudit.BeneficiaryAuditClient Audit(string token) => new(factory.Channel(token));

    private Task<IReadOnlyList<AuditEntry>> EntriesOf(string id) =>
        Audit(factory.Tokens.ProvinceAdmin).ListAuditEntriesAsync(new ListAuditEntriesRequest { BeneficiaryId = id, PageSize = 1000 })
            .ResponseAsync.ContinueWith(t => (IReadOnlyList<AuditEntry>)t.Result.AuditEntries, TaskScheduler.Default);

    [Fact]
    public async Task A_create_a_get_and_a_partners_list_each_leave_an_entry_naming_the_caller_and_what_was_masked()
    {
        await factory.EnsureTree();
        var created = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Sổ Nhật Ký", nationalId: "006151000001") });
        await factory.Beneficiaries(factory.Tokens.For(Roles.BranchOfficer, "06/058/01834")).GetBeneficiaryAsync(new GetBeneficiaryRequest { Id = created.Id });
        var partner = factory.Beneficiaries(factory.Tokens.For(Roles.Partner, "06", null, null, Scopes.ReliefRead));
        var listed = Assert.Single((await partner.ListBeneficiariesAsync(new ListBeneficiariesRequest { Query = "so nhat ky" })).Beneficiaries);
        Assert.Equal("*********001", listed.NationalId);

        var entries = await EntriesOf(created.Id);

        Assert.Equal(
            [("change", "test-district_officer@06/058", "district_officer", "CreateBeneficiary"), ("read", "test-branch_officer@06/058/01834", "branch_officer", "GetBeneficiary"),
             ("read", "test-partner@06", "partner", "ListBeneficiaries")],
            entries.Select(e => (e.Action, e.Subject, e.Role, e.Method.Split('/')[^1])));
        Assert.All(entries, e => Assert.Equal(created.Id, e.BeneficiaryId));
        Assert.Equal(["kind", "full_name", "birth_date", "household_size", "categories", "org_unit", "national_id", "phone", "address"], entries[0].Fields);
        Assert.Contains("national_id", entries[1].Fields);
        Assert.DoesNotContain(entries[1].Fields, f => f.StartsWith("masked:", StringComparison.Ordinal));
        Assert.Equal(["masked:national_id", "masked:phone", "masked:address"], entries[2].Fields.Where(f => f.StartsWith("masked:", StringComparison.Ordinal)));
        Assert.DoesNotContain("national_id", entries[2].Fields);
    }

    [Fact]
    public async Task A_list_audits_exactly_the_records_it_returned()
    {
        await factory.EnsureTree();
        var first = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Danh Sách Một") });
        var second = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Danh Sách Hai") });

        var page = await Officer.ListBeneficiariesAsync(new ListBeneficiariesRequest { Query = "danh sach", PageSize = 1 });

        Assert.Equal(first.Id, Assert.Single(page.Beneficiaries).Id);
        Assert.Equal(["change", "read"], (await EntriesOf(first.Id)).Select(e => e.Action));
        Assert.Equal(["change"], (await EntriesOf(second.Id)).Select(e => e.Action));
    }

    [Fact]
    public async Task A_reads_entry_is_written_in_the_background_without_anyone_listing_the_trail()
    {
        await factory.EnsureTree();
        var created = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Ghi Sau") });
        var id = Guid.Parse(created.Id);

        await Officer.GetBeneficiaryAsync(new GetBeneficiaryRequest { Id = created.Id });

        // Read straight from the database, not through WithDb or the listing (both flush the queue first).
        await Eventually.Until(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReliefDb>();
            return await db.Set<Messaging.AuditEntry>().CountAsync(e => e.RecordId == id && e.Action == Messaging.AuditEntry.Read);
        }, n => n == 1, TimeSpan.FromSeconds(10), "the read's entry to be written by the background flush");
    }

    [Fact]
    public async Task The_trail_is_for_province_admins_of_the_subtree_paged_checked_and_append_only()
    {
        await factory.EnsureTree();
        var created = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Chỉ Ghi Thêm") });
        await Officer.GetBeneficiaryAsync(new GetBeneficiaryRequest { Id = created.Id });
        var admin = Audit(factory.Tokens.ProvinceAdmin);

        var first = await admin.ListAuditEntriesAsync(new ListAuditEntriesRequest { BeneficiaryId = created.Id, PageSize = 1 });
        var second = await admin.ListAuditEntriesAsync(new ListAuditEntriesRequest { BeneficiaryId = created.Id, PageSize = 1, PageToken = first.NextPageToken });
        Assert.Equal(("change", "read"), (Assert.Single(first.AuditEntries).Action, Assert.Single(second.AuditEntries).Action));
        Assert.Empty(second.NextPageToken);
        // Another province's admin sees none of province 06's trail.
        Assert.Empty((await Audit(factory.Tokens.For(Roles.ProvinceAdmin, "07")).ListAuditEntriesAsync(new ListAuditEntriesRequest())).AuditEntries);

        Assert.Contains("beneficiary_id", await RpcAssert.InvalidFields(() => admin.ListAuditEntriesAsync(new ListAuditEntriesRequest { BeneficiaryId = "x" }).ResponseAsync));
        Assert.Contains("page_token", await RpcAssert.InvalidFields(() => admin.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageToken = "bm90LWEtbnVtYmVy" }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Audit(factory.Tokens.DistrictOfficer058).ListAuditEntriesAsync(new ListAuditEntriesRequest()).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Audit(factory.Tokens.For(Roles.Partner, "06", null, null, Scopes.ReliefRead))
            .ListAuditEntriesAsync(new ListAuditEntriesRequest()).ResponseAsync);

        await Assert.ThrowsAsync<SqliteException>(() => factory.WithDb(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET Subject = 'someone else'")));
        await Assert.ThrowsAsync<SqliteException>(() => factory.WithDb(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries")));
    }

    [Fact]
    public async Task The_trail_and_updates_are_served_over_rest_too()
    {
        await factory.EnsureTree();
        var created = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Qua Rest") });
        var officer = factory.Rest(factory.Tokens.DistrictOfficer058);
        var patched = await officer.PatchAsJsonAsync($"/api/v1/beneficiaries/{created.Id}?update_mask=phone&etag={created.Etag}", new { phone = "0987000111" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var stale = await officer.PatchAsJsonAsync($"/api/v1/beneficiaries/{created.Id}?update_mask=phone&etag={created.Etag}", new { phone = "0987000222" });
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode); // FailedPrecondition is 400 in JSON transcoding

        var body = await factory.Rest(factory.Tokens.ProvinceAdmin).GetFromJsonAsync<JsonElement>($"/api/v1/beneficiaryAuditEntries?beneficiary_id={created.Id}");

        var entries = body.GetProperty("auditEntries").EnumerateArray().ToList();
        Assert.Equal(["CreateBeneficiary", "UpdateBeneficiary"], entries.Select(e => e.GetProperty("method").GetString()!.Split('/')[^1]));
        Assert.All(entries, e => Assert.Equal(created.Id, e.GetProperty("beneficiaryId").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/v1/beneficiaryAuditEntries")).StatusCode);
    }
}
