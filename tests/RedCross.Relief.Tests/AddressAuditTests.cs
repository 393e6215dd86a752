using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Relief.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;
using AuditEntry = RedCross.Messaging.AuditEntry;

namespace RedCross.Relief.Tests;

/// <summary>Humanitarian addresses (a phone, an address, a situation that may tell of illness) are audited as members and
/// beneficiaries are: every read, one entry per returned address, and every change.</summary>
public sealed class AddressAuditTests(ReliefFactory factory) : IClassFixture<ReliefFactory>
{
    private HumanitarianAddresses.HumanitarianAddressesClient Officer => factory.Addresses(factory.Tokens.DistrictOfficer058);

    private static HumanitarianAddress Case(string name, string unit = "01852") => new()
    {
        OrgUnit = unit,
        DisplayName = name,
        Phone = "0987654321",
        Address = "Thôn Khuổi Thứ",
        Situation = "Ông bị liệt nửa người.",
        Needs = "Xe lăn",
        OpenedOn = "2013-01-10",
    };

    /// <summary>The entries in the order the calls happened: read entries are written in batches after their reads
    /// answered, so a change made meanwhile can hold an earlier position (the trail is kept in the order written).</summary>
    private async Task<List<AuditEntry>> EntriesOf(string id) => [.. (await factory.WithDb(db => db.Set<AuditEntry>().AsNoTracking()
        .Where(e => e.RecordKind == "humanitarian_address" && e.RecordId == Guid.Parse(id)).OrderBy(e => e.Position).ToListAsync())).OrderBy(e => e.At)];

    [Fact]
    public async Task Every_read_and_change_of_an_address_leaves_an_entry_naming_the_caller_and_what_was_masked()
    {
        await factory.EnsureTree();
        var sponsor = await factory.Sponsors(factory.Tokens.ProvinceAdmin).CreateSponsorAsync(new CreateSponsorRequest
        {
            Sponsor = new Sponsor { Kind = "organisation", DisplayName = "Bưu điện Bắc Kạn", OrgUnit = "06" },
        });
        var opened = await Officer.CreateHumanitarianAddressAsync(new CreateHumanitarianAddressRequest { HumanitarianAddress = Case("Hộ ông Ghi Vết") });
        await Officer.GetHumanitarianAddressAsync(new GetHumanitarianAddressRequest { Id = opened.Id });
        var viewer = factory.Addresses(factory.Tokens.For(Roles.Viewer, "06/058"));
        var listed = await viewer.ListHumanitarianAddressesAsync(new ListHumanitarianAddressesRequest { OrgUnit = "01852", PageSize = 1000 });
        Assert.Equal(("*******321", "***"), (listed.HumanitarianAddresses.Single(a => a.Id == opened.Id).Phone, listed.HumanitarianAddresses.Single(a => a.Id == opened.Id).Situation));
        var partner = factory.Addresses(factory.Tokens.For(Roles.Partner, "06", null, null, Scopes.ReliefRead));
        Assert.Contains((await partner.ListOverdueAddressesAsync(new ListOverdueAddressesRequest { AsOf = "2014-02-01", PageSize = 1000 })).HumanitarianAddresses, a => a.Id == opened.Id);
        await Officer.AddSponsorCommitmentAsync(new AddSponsorCommitmentRequest
        {
            AddressId = opened.Id, Commitment = new SponsorCommitment { SponsorId = sponsor.Id, What = "Xe lăn", FromDate = "2013-02-01" },
        });
        await Officer.RecordAssistanceAsync(new RecordAssistanceRequest { AddressId = opened.Id, Entry = new AssistanceEntry { OnDate = "2013-03-01", Kind = "in_kind", ValueVnd = 1_500_000 } });
        await Officer.ReviewAddressAsync(new ReviewAddressRequest { AddressId = opened.Id, Review = new AddressReview { ReviewedOn = "2014-02-05", Outcome = "still_eligible" } });
        await Officer.CloseAddressAsync(new CloseAddressRequest { Id = opened.Id, Reason = "no_longer_eligible", ClosedOn = "2014-06-01" });

        var entries = await EntriesOf(opened.Id);

        Assert.Equal(
            [("change", "district_officer", "CreateHumanitarianAddress"), ("read", "district_officer", "GetHumanitarianAddress"),
             ("read", "viewer", "ListHumanitarianAddresses"), ("read", "partner", "ListOverdueAddresses"),
             ("change", "district_officer", "AddSponsorCommitment"), ("change", "district_officer", "RecordAssistance"),
             ("change", "district_officer", "ReviewAddress"), ("change", "district_officer", "CloseAddress")],
            entries.Select(e => (e.Action, e.Role, e.Method.Split('/')[^1])));
        Assert.All(entries, e => Assert.Equal("06/058/01852", e.OrgUnitPath));
        Assert.Contains("situation", entries[1].FieldList);
        Assert.DoesNotContain(entries[1].FieldList, f => f.StartsWith("masked:", StringComparison.Ordinal));
        foreach (var masked in new[] { entries[2], entries[3] })
        {
            Assert.Equal(["masked:phone", "masked:address", "masked:situation"], masked.FieldList.Where(f => f.StartsWith("masked:", StringComparison.Ordinal)));
            Assert.DoesNotContain("situation", masked.FieldList);
        }

        Assert.Contains("phone", entries[0].FieldList);
        Assert.Equal(["commitments"], entries[4].FieldList);
        Assert.Equal(["assistance"], entries[5].FieldList);
        Assert.Contains("reviews", entries[6].FieldList);
        Assert.Contains("status", entries[7].FieldList);
    }

    [Fact]
    public async Task A_list_audits_exactly_the_addresses_it_returned_and_a_refused_read_none()
    {
        await factory.EnsureTree();
        var first = await Officer.CreateHumanitarianAddressAsync(new CreateHumanitarianAddressRequest { HumanitarianAddress = Case("Hộ Trang Một", "01837") });
        var second = await Officer.CreateHumanitarianAddressAsync(new CreateHumanitarianAddressRequest { HumanitarianAddress = Case("Hộ Trang Hai", "01837") });

        var page = await Officer.ListHumanitarianAddressesAsync(new ListHumanitarianAddressesRequest { OrgUnit = "01837", PageSize = 1 });
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Addresses(factory.Tokens.For(Roles.DistrictOfficer, "06/060"))
            .GetHumanitarianAddressAsync(new GetHumanitarianAddressRequest { Id = second.Id }).ResponseAsync);

        Assert.Equal(first.Id, Assert.Single(page.HumanitarianAddresses).Id);
        Assert.Equal(["change", "read"], (await EntriesOf(first.Id)).Select(e => e.Action));
        Assert.Equal(["change"], (await EntriesOf(second.Id)).Select(e => e.Action));
    }

    [Fact]
    public async Task Province_admins_of_the_subtree_list_the_trail_over_grpc_and_rest_and_no_one_else_does()
    {
        await factory.EnsureTree();
        var opened = await Officer.CreateHumanitarianAddressAsync(new CreateHumanitarianAddressRequest { HumanitarianAddress = Case("Hộ Xem Vết", "01834") });
        await factory.Addresses(factory.Tokens.For(Roles.Viewer, "06")).GetHumanitarianAddressAsync(new GetHumanitarianAddressRequest { Id = opened.Id });
        var admin = new HumanitarianAddressAudit.HumanitarianAddressAuditClient(factory.Channel(factory.Tokens.ProvinceAdmin));

        var first = await admin.ListAuditEntriesAsync(new ListAddressAuditEntriesRequest { AddressId = opened.Id, PageSize = 1 });
        var second = await admin.ListAuditEntriesAsync(new ListAddressAuditEntriesRequest { AddressId = opened.Id, PageToken = first.NextPageToken });
        var entries = first.AuditEntries.Concat(second.AuditEntries).ToList();
        Assert.Equal([("change", "CreateHumanitarianAddress"), ("read", "GetHumanitarianAddress")], entries.Select(e => (e.Action, e.Method.Split('/')[^1])));
        Assert.All(entries, e => Assert.Equal(opened.Id, e.AddressId));
        Assert.Contains("masked:situation", entries[1].Fields);
        Assert.Contains("masked:reviews.note", entries[1].Fields);
        Assert.Empty((await new HumanitarianAddressAudit.HumanitarianAddressAuditClient(factory.Channel(factory.Tokens.For(Roles.ProvinceAdmin, "07")))
            .ListAuditEntriesAsync(new ListAddressAuditEntriesRequest())).AuditEntries);
        foreach (var token in new[] { factory.Tokens.DistrictOfficer058, factory.Tokens.For(Roles.Viewer, "06"), factory.Tokens.For(Roles.Partner, "06", null, null, Scopes.ReliefRead) })
        {
            await RpcAssert.Fails(StatusCode.PermissionDenied, () => new HumanitarianAddressAudit.HumanitarianAddressAuditClient(factory.Channel(token))
                .ListAuditEntriesAsync(new ListAddressAuditEntriesRequest()).ResponseAsync);
        }

        Assert.Contains("address_id", await RpcAssert.InvalidFields(() => admin.ListAuditEntriesAsync(new ListAddressAuditEntriesRequest { AddressId = "x" }).ResponseAsync));
        var body = await factory.Rest(factory.Tokens.ProvinceAdmin).GetFromJsonAsync<JsonElement>($"/api/v1/humanitarianAddressAuditEntries?address_id={opened.Id}");
        Assert.Equal(2, body.GetProperty("auditEntries").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Rest(factory.Tokens.DistrictOfficer058).GetAsync("/api/v1/humanitarianAddressAuditEntries")).StatusCode);
    }
}
