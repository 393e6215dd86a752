using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Relief.V1;
using RedCross.Testing;
using Xunit;
using AuditEntry = RedCross.Messaging.AuditEntry;

namespace RedCross.Relief.Tests;

/// <summary>Anonymising a beneficiary erases every copy: relief's own record, the humanitarian address linked to it (in
/// the same transaction), and, through BeneficiaryAnonymised, other services' copies; no count moves.</summary>
public sealed class AnonymiseEverywhereTests(ReliefFactory factory) : IClassFixture<ReliefFactory>
{
    private Beneficiaries.BeneficiariesClient Officer => factory.Beneficiaries(factory.Tokens.DistrictOfficer058);

    private HumanitarianAddresses.HumanitarianAddressesClient Addresses => factory.Addresses(factory.Tokens.DistrictOfficer058);

    [Fact]
    public async Task The_linked_address_loses_its_personal_fields_keeps_its_figures_and_the_anonymisation_is_announced_by_id()
    {
        await factory.EnsureTree();
        var created = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Hà Thị Quên", unit: "01837", nationalId: "006153000001") });
        var address = await Addresses.CreateHumanitarianAddressAsync(new CreateHumanitarianAddressRequest
        {
            HumanitarianAddress = new HumanitarianAddress
            {
                OrgUnit = "01837", BeneficiaryId = created.Id, DisplayName = "Hộ bà Hà Thị Quên", Phone = "0912000111", Address = "Bản Pục",
                Situation = "Bà Quên bị ung thư, con đi làm xa.", Needs = "Thuốc men", OpenedOn = "2013-01-10",
            },
        });
        await Addresses.RecordAssistanceAsync(new RecordAssistanceRequest
        {
            AddressId = address.Id, Entry = new AssistanceEntry { OnDate = "2013-02-01", Kind = "cash", ValueVnd = 500_000, Note = "bà Quên nhận tại nhà" },
        });
        await Addresses.ReviewAddressAsync(new ReviewAddressRequest
        {
            AddressId = address.Id, Review = new AddressReview { ReviewedOn = "2014-01-05", Outcome = "still_eligible", Note = "bà Quên vẫn điều trị" },
        });
        var unrelated = await Addresses.CreateHumanitarianAddressAsync(new CreateHumanitarianAddressRequest
        {
            HumanitarianAddress = new HumanitarianAddress { OrgUnit = "01837", DisplayName = "Hộ ông Khác", Phone = "0912000222", Situation = "Nhà dột.", Needs = "Mái nhà", OpenedOn = "2013-01-10" },
        });
        var inactive = await Officer.UpdateBeneficiaryAsync(new UpdateBeneficiaryRequest
        {
            Beneficiary = new Beneficiary { Id = created.Id, Status = "inactive" }, UpdateMask = FieldMask.FromString("status"), Etag = created.Etag,
        });
        var outbox = await factory.OutboxCount();

        await Officer.AnonymiseBeneficiaryAsync(new AnonymiseBeneficiaryRequest { Id = created.Id, Etag = inactive.Etag });

        var read = await Addresses.GetHumanitarianAddressAsync(new GetHumanitarianAddressRequest { Id = address.Id });
        Assert.Equal(("Ẩn danh", "", "", ""), (read.DisplayName, read.Phone, read.Address, read.Situation));
        Assert.Equal(("", ""), (read.Assistance.Single().Note, read.Reviews.Single().Note));
        // What counts stays: the address is still open, due as before, its help worth what it was.
        Assert.Equal(("open", "2015-01-05", 500_000L, created.Id), (read.Status, read.DueOn, read.Assistance.Single().ValueVnd, read.BeneficiaryId));
        Assert.Equal("Thuốc men", read.Needs);
        var other = await Addresses.GetHumanitarianAddressAsync(new GetHumanitarianAddressRequest { Id = unrelated.Id });
        Assert.Equal(("Hộ ông Khác", "0912000222"), (other.DisplayName, other.Phone));

        var entry = await factory.WithDb(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.RecordKind == "humanitarian_address" && e.RecordId == Guid.Parse(address.Id) && e.Action == AuditEntry.Change)
            .OrderBy(e => e.Position).LastAsync());
        Assert.EndsWith("/AnonymiseBeneficiary", entry.Method, StringComparison.Ordinal);
        Assert.Contains("situation", entry.FieldList);

        // One event, carrying the id (and the unit every event carries), nothing personal.
        Assert.Equal(outbox + 1, await factory.OutboxCount());
        await factory.Services.Published<BeneficiaryAnonymised>(m => m.Context.Message.BeneficiaryId.ToString() == created.Id && m.Context.Message.OrgUnitCode == "01837");
        Assert.Equal(["EventId", "OccurredAt", "OrgUnitCode", "BeneficiaryId"], typeof(BeneficiaryAnonymised).GetProperties().Select(p => p.Name));
    }
}
