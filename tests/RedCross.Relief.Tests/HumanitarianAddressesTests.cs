using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Relief.V1;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Relief.Tests;

/// <summary>Humanitarian addresses (địa chỉ nhân đạo): the dossier, the review schedule, closing, and gifts to them.</summary>
public sealed class HumanitarianAddressesTests(ReliefFactory factory) : IClassFixture<ReliefFactory>
{
    private HumanitarianAddresses.HumanitarianAddressesClient Officer => factory.Addresses(factory.Tokens.DistrictOfficer058);

    private static HumanitarianAddress Case(string name, string unit = "01834", string opened = "2013-01-10", string beneficiaryId = "") => new()
    {
        OrgUnit = unit,
        BeneficiaryId = beneficiaryId,
        DisplayName = name,
        Phone = "0987654321",
        Address = "Thôn Nà Pài, xã Huyền Tụng",
        Situation = "Bà sống một mình, bị bệnh tim, nhà dột.",
        Needs = "Sửa mái nhà; 300.000 đồng mỗi tháng",
        OpenedOn = opened,
    };

    private Task<HumanitarianAddress> Open(string name, string unit = "01834", string opened = "2013-01-10", string beneficiaryId = "") =>
        Officer.CreateHumanitarianAddressAsync(new CreateHumanitarianAddressRequest { HumanitarianAddress = Case(name, unit, opened, beneficiaryId) }).ResponseAsync;

    private Task<HumanitarianAddress> Review(string id, string on, string outcome = "still_eligible", string? requestId = null) =>
        Officer.ReviewAddressAsync(new ReviewAddressRequest { AddressId = id, Review = new AddressReview { ReviewedOn = on, Outcome = outcome }, RequestId = requestId ?? string.Empty }).ResponseAsync;

    private async Task<bool> Overdue(string id, string asOf, string unit = "")
    {
        var page = await Officer.ListOverdueAddressesAsync(new ListOverdueAddressesRequest { AsOf = asOf, OrgUnit = unit, PageSize = 1000 });
        return page.HumanitarianAddresses.Any(a => a.Id == id);
    }

    private Task<(int Addresses, int Reviews, int Commitments, int Assistance, int Outbox)> Stored() => factory.WithDb(async db => (
        await db.HumanitarianAddresses.CountAsync(), await db.Set<Domain.AddressReview>().CountAsync(), await db.Set<Domain.AddressCommitment>().CountAsync(),
        await db.Set<Domain.AddressAssistance>().CountAsync(), await db.Set<Messaging.OutboxMessage>().CountAsync()));

    [Fact]
    public async Task An_address_is_opened_read_listed_and_announced_without_personal_data()
    {
        await factory.EnsureTree();
        var beneficiary = await factory.Beneficiaries(factory.Tokens.DistrictOfficer058).CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Hoàng Thị Địa Chỉ", unit: "01834") });
        var opened = await Open("Hộ bà Hoàng Thị Địa Chỉ", beneficiaryId: beneficiary.Id);

        Assert.Equal(("open", 12, "2014-01-10", beneficiary.Id), (opened.Status, opened.ReviewIntervalMonths, opened.DueOn, opened.BeneficiaryId));
        var read = await Officer.GetHumanitarianAddressAsync(new GetHumanitarianAddressRequest { Id = opened.Id });
        Assert.Equal(("0987654321", "Bà sống một mình, bị bệnh tim, nhà dột."), (read.Phone, read.Situation));
        var listed = await Officer.ListHumanitarianAddressesAsync(new ListHumanitarianAddressesRequest { OrgUnit = "01834", BeneficiaryId = beneficiary.Id });
        Assert.Equal([opened.Id], listed.HumanitarianAddresses.Select(a => a.Id));
        Assert.Empty((await Officer.ListHumanitarianAddressesAsync(new ListHumanitarianAddressesRequest { OrgUnit = "01837", BeneficiaryId = beneficiary.Id })).HumanitarianAddresses);

        await factory.Services.Published<AddressOpened>(m => m.Context.Message.AddressId.ToString() == opened.Id && m.Context.Message.OrgUnitCode == "01834"
            && m.Context.Message.OpenedOn == new DateOnly(2013, 1, 10) && m.Context.Message.DueOn == new DateOnly(2014, 1, 10));
        foreach (var type in new[] { typeof(AddressOpened), typeof(AddressReviewed), typeof(AddressClosed), typeof(AddressAssisted) })
        {
            Assert.DoesNotContain(type.GetProperties(), p => p.Name is "DisplayName" or "Phone" or "Address" or "Situation" or "Needs" or "Note" or "BeneficiaryId");
        }

        // One open address per beneficiary, and the beneficiary must live in the address's unit.
        var before = await Stored();
        await RpcAssert.Fails(StatusCode.AlreadyExists, () => Open("Lần hai", beneficiaryId: beneficiary.Id));
        Assert.Equal("BENEFICIARY_OUTSIDE_UNIT", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Open("Sai xã", unit: "01837", beneficiaryId: beneficiary.Id)));
        Assert.Equal(before, await Stored());
    }

    [Fact]
    public async Task An_address_not_reviewed_within_its_interval_is_overdue_from_the_day_after_its_due_date_until_a_review()
    {
        await factory.EnsureTree();
        var address = await Open("Hộ ông Lường Văn Quá Hạn", unit: "01852");

        Assert.False(await Overdue(address.Id, "2014-01-10"));
        Assert.True(await Overdue(address.Id, "2014-01-11"));
        Assert.True(await Overdue(address.Id, "2014-01-11", unit: "058"));
        Assert.False(await Overdue(address.Id, "2012-12-31"));

        var reviewed = await Review(address.Id, "2014-02-01", "improved");
        Assert.Equal(("2015-02-01", "2014-02-01"), (reviewed.DueOn, reviewed.LastReviewedOn));
        Assert.Equal("2015-02-01", reviewed.Reviews.Single().NextDueOn);
        await factory.Services.Published<AddressReviewed>(m => m.Context.Message.AddressId.ToString() == address.Id
            && m.Context.Message.Outcome == "improved" && m.Context.Message.NextDueOn == new DateOnly(2015, 2, 1));

        // The due date in force on a day counts: overdue before the review, cleared by it, due again a year on.
        Assert.True(await Overdue(address.Id, "2014-01-31"));
        Assert.False(await Overdue(address.Id, "2014-02-01"));
        Assert.False(await Overdue(address.Id, "2015-02-01"));
        Assert.True(await Overdue(address.Id, "2015-02-02"));
    }

    [Fact]
    public async Task Closing_keeps_the_history_and_refuses_every_later_write()
    {
        await factory.EnsureTree();
        var sponsor = await factory.Sponsors(factory.Tokens.ProvinceAdmin).CreateSponsorAsync(new CreateSponsorRequest { Sponsor = new Sponsor { Kind = "organisation", DisplayName = "Viettel Bắc Kạn", OrgUnit = "06" } });
        var address = await Open("Hộ bà Triệu Thị Đóng", unit: "01837", opened: "2013-03-01");
        var committed = await Officer.AddSponsorCommitmentAsync(new AddSponsorCommitmentRequest
        {
            AddressId = address.Id, Commitment = new SponsorCommitment { SponsorId = sponsor.Id, What = "300.000 đồng mỗi tháng", FromDate = "2013-04-01", DurationMonths = 12 },
        });
        Assert.Equal("2014-03-31", committed.Commitments.Single().UntilDate);
        await Officer.RecordAssistanceAsync(new RecordAssistanceRequest { AddressId = address.Id, Entry = new AssistanceEntry { OnDate = "2013-05-01", Kind = "in_kind", ValueVnd = 2_000_000, Note = "tôn lợp mái" } });
        await factory.Services.Published<AddressAssisted>(m => m.Context.Message.AddressId.ToString() == address.Id && m.Context.Message.ValueVnd == 2_000_000 && m.Context.Message.Kind == "in_kind");

        var closed = await Review(address.Id, "2013-12-20", "deceased");
        Assert.Equal(("closed", "2013-12-20", "deceased", ""), (closed.Status, closed.ClosedOn, closed.CloseReason, closed.DueOn));
        await factory.Services.Published<AddressClosed>(m => m.Context.Message.AddressId.ToString() == address.Id && m.Context.Message.Reason == "deceased"
            && m.Context.Message.ClosedOn == new DateOnly(2013, 12, 20));

        var before = await Stored();
        Assert.Equal("ADDRESS_CLOSED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Review(address.Id, "2014-01-05")));
        Assert.Equal("ADDRESS_CLOSED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Officer.AddSponsorCommitmentAsync(new AddSponsorCommitmentRequest
        {
            AddressId = address.Id, Commitment = new SponsorCommitment { SponsorId = sponsor.Id, What = "gạo", FromDate = "2014-01-01" },
        }).ResponseAsync));
        Assert.Equal("ADDRESS_CLOSED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Officer.RecordAssistanceAsync(new RecordAssistanceRequest
        {
            AddressId = address.Id, Entry = new AssistanceEntry { OnDate = "2014-01-01", Kind = "cash", ValueVnd = 100_000 },
        }).ResponseAsync));
        Assert.Equal("ADDRESS_CLOSED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Officer.CloseAddressAsync(new CloseAddressRequest { Id = address.Id, Reason = "other" }).ResponseAsync));
        Assert.Equal(before, await Stored());

        var history = await Officer.GetHumanitarianAddressAsync(new GetHumanitarianAddressRequest { Id = address.Id });
        Assert.Equal((1, 1, 1), (history.Commitments.Count, history.Assistance.Count, history.Reviews.Count));
        Assert.Equal(("deceased", ""), (history.Reviews.Single().Outcome, history.Reviews.Single().NextDueOn));
        Assert.False(await Overdue(address.Id, "2015-01-01"));
        Assert.False(await Overdue(address.Id, "2014-03-02"));

        // The explicit close: a reason code, the etag checked, the address no longer listed as open.
        var other = await Open("Hộ ông Ma Văn Khỏi", unit: "01837");
        Assert.Equal("ETAG_MISMATCH", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => Officer.CloseAddressAsync(new CloseAddressRequest { Id = other.Id, Reason = "no_longer_eligible", Etag = "99" }).ResponseAsync));
        var shut = await Officer.CloseAddressAsync(new CloseAddressRequest { Id = other.Id, Reason = "no_longer_eligible", ClosedOn = "2013-06-30", Etag = other.Etag });
        Assert.Equal(("closed", "no_longer_eligible", "2013-06-30"), (shut.Status, shut.CloseReason, shut.ClosedOn));
        Assert.DoesNotContain((await Officer.ListHumanitarianAddressesAsync(new ListHumanitarianAddressesRequest { OrgUnit = "01837", Status = "open" })).HumanitarianAddresses, a => a.Id == other.Id);
        Assert.Contains((await Officer.ListHumanitarianAddressesAsync(new ListHumanitarianAddressesRequest { OrgUnit = "01837", Status = "closed" })).HumanitarianAddresses, a => a.Id == other.Id);
    }

    [Fact]
    public async Task A_review_in_the_future_or_before_the_opening_is_refused_on_its_field_and_a_replay_records_once()
    {
        await factory.EnsureTree();
        var address = await Open("Hộ bà Nông Thị Ngày", unit: "01852", opened: "2015-05-05");
        var before = await Stored();

        Assert.Equal(["review.reviewed_on"], await RpcAssert.InvalidFields(() => Review(address.Id, "2099-01-01")));
        Assert.Equal(["review.reviewed_on"], await RpcAssert.InvalidFields(() => Review(address.Id, "2015-05-04")));
        Assert.Equal(["review.outcome"], await RpcAssert.InvalidFields(() => Review(address.Id, "2015-06-01", "moved_to_the_moon")));
        Assert.Equal(before, await Stored());

        var first = await Review(address.Id, "2016-05-01", requestId: "review-1");
        var replay = await Review(address.Id, "2016-05-01", requestId: "review-1");
        Assert.Equal((1, first.Etag), (replay.Reviews.Count, replay.Etag));
        // Reviews are a sequence: not before the last one.
        Assert.Equal(["review.reviewed_on"], await RpcAssert.InvalidFields(() => Review(address.Id, "2016-04-30")));
    }

    [Fact]
    public async Task A_distribution_may_target_an_address_but_not_a_closed_one_and_then_nothing_is_stored()
    {
        await factory.EnsureTree();
        var sponsor = await factory.Sponsors(factory.Tokens.DistrictOfficer058).CreateSponsorAsync(new CreateSponsorRequest { Sponsor = new Sponsor { Kind = "individual", DisplayName = "Nhà hảo tâm", OrgUnit = "058" } });
        var linked = await factory.Beneficiaries(factory.Tokens.DistrictOfficer058).CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Lý Thị Trao", unit: "01852") });
        var withBeneficiary = await Open("Hộ bà Lý Thị Trao", unit: "01852", beneficiaryId: linked.Id);
        var alone = await Open("Hộ ông Không Đăng Ký", unit: "01837");
        Distribution Gift(string addressId, string beneficiaryId = "") => new()
        {
            AddressId = addressId, BeneficiaryId = beneficiaryId, Kind = "cash", ValueVnd = 500_000, SourceKind = "sponsor_direct", SponsorId = sponsor.Id, HandedOverAt = "2014-01-20T10:00",
        };
        var distributions = factory.Distributions(factory.Tokens.DistrictOfficer058);

        var toLinked = await distributions.CreateDistributionAsync(new CreateDistributionRequest { Distribution = Gift(withBeneficiary.Id) });
        Assert.Equal((linked.Id, withBeneficiary.Id, "01852"), (toLinked.BeneficiaryId, toLinked.AddressId, toLinked.OrgUnit));
        var toAlone = await distributions.CreateDistributionAsync(new CreateDistributionRequest { Distribution = Gift(alone.Id) });
        Assert.Equal(("", "01837"), (toAlone.BeneficiaryId, toAlone.OrgUnit));
        await factory.Services.Published<DistributionRecorded>(m => m.Context.Message.DistributionId.ToString() == toAlone.Id && m.Context.Message.BeneficiaryId == null);
        Assert.Equal([toAlone.Id], (await distributions.ListDistributionsAsync(new ListDistributionsRequest { AddressId = alone.Id })).Distributions.Select(d => d.Id));

        var otherPerson = await factory.Beneficiaries(factory.Tokens.DistrictOfficer058).CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Người Khác Hẳn", unit: "01852") });
        await Officer.CloseAddressAsync(new CloseAddressRequest { Id = alone.Id, Reason = "left" });
        var before = (await factory.WithDb(db => db.Distributions.CountAsync()), await factory.OutboxCount());
        Assert.Equal(["distribution.beneficiary_id"], await RpcAssert.InvalidFields(() => distributions.CreateDistributionAsync(new CreateDistributionRequest { Distribution = Gift(withBeneficiary.Id, otherPerson.Id) }).ResponseAsync));
        Assert.Equal("ADDRESS_CLOSED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => distributions.CreateDistributionAsync(new CreateDistributionRequest { Distribution = Gift(alone.Id) }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => distributions.CreateDistributionAsync(new CreateDistributionRequest { Distribution = Gift(Guid.NewGuid().ToString()) }).ResponseAsync);
        Assert.Equal(["distribution.beneficiary_id"], await RpcAssert.InvalidFields(() => distributions.CreateDistributionAsync(new CreateDistributionRequest { Distribution = Gift("") }).ResponseAsync));
        Assert.Equal(before, (await factory.WithDb(db => db.Distributions.CountAsync()), await factory.OutboxCount()));
    }

    [Fact]
    public async Task Addresses_are_read_and_written_only_inside_the_callers_subtree()
    {
        await factory.EnsureTree();
        var address = await Open("Hộ ông Hà Văn Phạm Vi", unit: "01834");
        var outsider = factory.Addresses(factory.Tokens.For(Roles.DistrictOfficer, "06/060"));
        var before = await Stored();

        Assert.Equal(AccessDeniedException.OutOfScope, await RpcAssert.Reason(StatusCode.PermissionDenied, () => outsider.GetHumanitarianAddressAsync(new GetHumanitarianAddressRequest { Id = address.Id }).ResponseAsync));
        Assert.Equal(AccessDeniedException.OutOfScope, await RpcAssert.Reason(StatusCode.PermissionDenied,
            () => outsider.ReviewAddressAsync(new ReviewAddressRequest { AddressId = address.Id, Review = new AddressReview { ReviewedOn = "2014-01-01", Outcome = "still_eligible" } }).ResponseAsync));
        Assert.Equal(AccessDeniedException.OutOfScope, await RpcAssert.Reason(StatusCode.PermissionDenied, () => outsider.CloseAddressAsync(new CloseAddressRequest { Id = address.Id, Reason = "other" }).ResponseAsync));
        Assert.Equal(AccessDeniedException.OutOfScope, await RpcAssert.Reason(StatusCode.PermissionDenied,
            () => outsider.CreateHumanitarianAddressAsync(new CreateHumanitarianAddressRequest { HumanitarianAddress = Case("Ngoài phạm vi", unit: "01834") }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => outsider.ListOverdueAddressesAsync(new ListOverdueAddressesRequest { OrgUnit = "058" }).ResponseAsync);
        Assert.DoesNotContain((await outsider.ListOverdueAddressesAsync(new ListOverdueAddressesRequest { AsOf = "2020-01-01" })).HumanitarianAddresses, a => a.Id == address.Id);
        Assert.DoesNotContain((await outsider.ListHumanitarianAddressesAsync(new ListHumanitarianAddressesRequest())).HumanitarianAddresses, a => a.Id == address.Id);
        Assert.Equal(before, await Stored());
        // Its own district officer reaches it.
        Assert.True(await Overdue(address.Id, "2020-01-01"));
    }

    [Fact]
    public async Task A_partner_with_relief_read_sees_contact_and_situation_masked_and_cannot_write()
    {
        await factory.EnsureTree();
        var address = await Open("Hộ bà Đinh Thị Che", unit: "01834");
        await Officer.ReviewAddressAsync(new ReviewAddressRequest { AddressId = address.Id, Review = new AddressReview { ReviewedOn = "2013-06-01", Outcome = "still_eligible", Note = "bà Che vẫn ốm" } });

        var partner = factory.Addresses(factory.Tokens.For(Roles.Partner, "06", null, null, Scopes.ReliefRead));
        var seen = await partner.GetHumanitarianAddressAsync(new GetHumanitarianAddressRequest { Id = address.Id });
        Assert.Equal(("*******321", "***", "***", "***"), (seen.Phone, seen.Address, seen.Situation, seen.Reviews.Single().Note));
        Assert.Equal("Sửa mái nhà; 300.000 đồng mỗi tháng", seen.Needs);
        var listed = (await partner.ListHumanitarianAddressesAsync(new ListHumanitarianAddressesRequest { OrgUnit = "01834", PageSize = 1000 })).HumanitarianAddresses.Single(a => a.Id == address.Id);
        Assert.Equal(("*******321", "***"), (listed.Phone, listed.Situation));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => partner.CreateHumanitarianAddressAsync(new CreateHumanitarianAddressRequest { HumanitarianAddress = Case("Đối tác ghi") }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => partner.ReviewAddressAsync(new ReviewAddressRequest { AddressId = address.Id, Review = new AddressReview { ReviewedOn = "2013-07-01", Outcome = "improved" } }).ResponseAsync);

        var without = factory.Addresses(factory.Tokens.For(Roles.Partner, "06", null, null, Scopes.MembershipRead));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => without.GetHumanitarianAddressAsync(new GetHumanitarianAddressRequest { Id = address.Id }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => without.ListOverdueAddressesAsync(new ListOverdueAddressesRequest()).ResponseAsync);
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_stored()
    {
        await factory.EnsureTree();
        var address = await Open("Hộ ông Sai Dữ Liệu", unit: "01834");
        var before = await Stored();

        var bad = Case(new string('A', 201), unit: "");
        (bad.Phone, bad.Situation, bad.Needs, bad.OpenedOn, bad.BeneficiaryId) = ("12ab", new string('x', 2001), "", "2099-01-01", "not-a-uuid");
        Assert.Equal(
            ["humanitarian_address.beneficiary_id", "humanitarian_address.display_name", "humanitarian_address.needs", "humanitarian_address.opened_on",
             "humanitarian_address.org_unit", "humanitarian_address.phone", "humanitarian_address.situation"],
            (await RpcAssert.InvalidFields(() => Officer.CreateHumanitarianAddressAsync(new CreateHumanitarianAddressRequest { HumanitarianAddress = bad }).ResponseAsync)).Distinct().Order(StringComparer.Ordinal));
        await RpcAssert.Fails(StatusCode.NotFound, () => Open("Không có xã", unit: "99999"));
        Assert.Equal("ORG_UNIT_NOT_OPEN", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Open("Xã đã giải thể", unit: "OLD", opened: "2015-01-01")));

        Assert.Equal(["commitment.duration_months"], await RpcAssert.InvalidFields(() => Officer.AddSponsorCommitmentAsync(new AddSponsorCommitmentRequest
        {
            AddressId = address.Id, Commitment = new SponsorCommitment { SponsorId = Guid.NewGuid().ToString(), What = "gạo", FromDate = "2014-01-01", UntilDate = "2014-12-31", DurationMonths = 12 },
        }).ResponseAsync));
        Assert.Equal(["commitment.until_date"], await RpcAssert.InvalidFields(() => Officer.AddSponsorCommitmentAsync(new AddSponsorCommitmentRequest
        {
            AddressId = address.Id, Commitment = new SponsorCommitment { SponsorId = Guid.NewGuid().ToString(), What = "gạo", FromDate = "2014-01-01", UntilDate = "2013-12-31" },
        }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => Officer.AddSponsorCommitmentAsync(new AddSponsorCommitmentRequest
        {
            AddressId = address.Id, Commitment = new SponsorCommitment { SponsorId = Guid.NewGuid().ToString(), What = "gạo", FromDate = "2014-01-01" },
        }).ResponseAsync);
        Assert.Equal(["entry.kind", "entry.on_date", "entry.value_vnd"], (await RpcAssert.InvalidFields(() => Officer.RecordAssistanceAsync(new RecordAssistanceRequest
        {
            AddressId = address.Id, Entry = new AssistanceEntry { OnDate = "2099-01-01", Kind = "gold", ValueVnd = -1 },
        }).ResponseAsync)).Order(StringComparer.Ordinal));
        Assert.Equal(["entry.on_date"], await RpcAssert.InvalidFields(() => Officer.RecordAssistanceAsync(new RecordAssistanceRequest
        {
            AddressId = address.Id, Entry = new AssistanceEntry { OnDate = "2012-01-01", Kind = "service", ValueVnd = 0 },
        }).ResponseAsync));
        Assert.Equal(["reason"], await RpcAssert.InvalidFields(() => Officer.CloseAddressAsync(new CloseAddressRequest { Id = address.Id, Reason = "bored" }).ResponseAsync));
        Assert.Equal(["id"], await RpcAssert.InvalidFields(() => Officer.GetHumanitarianAddressAsync(new GetHumanitarianAddressRequest { Id = "x" }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => Review(Guid.NewGuid().ToString(), "2014-01-01"));
        Assert.Equal(["as_of"], await RpcAssert.InvalidFields(() => Officer.ListOverdueAddressesAsync(new ListOverdueAddressesRequest { AsOf = "31/12/2014" }).ResponseAsync));
        Assert.Equal(["status"], await RpcAssert.InvalidFields(() => Officer.ListHumanitarianAddressesAsync(new ListHumanitarianAddressesRequest { Status = "lost" }).ResponseAsync));
        Assert.Equal(before, await Stored());
    }
}
