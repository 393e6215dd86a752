using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Relief.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Relief.Tests;

/// <summary>UpdateBeneficiary (AIP-134: field mask, etag) and AnonymiseBeneficiary, each audited.</summary>
public sealed class BeneficiaryUpdateTests(ReliefFactory factory) : IClassFixture<ReliefFactory>
{
    private Beneficiaries.BeneficiariesClient Officer => factory.Beneficiaries(factory.Tokens.DistrictOfficer058);

    private static UpdateBeneficiaryRequest Update(Beneficiary current, string mask, Action<Beneficiary> change, bool confirm = false)
    {
        var b = new Beneficiary { Id = current.Id };
        change(b);
        return new UpdateBeneficiaryRequest { Beneficiary = b, UpdateMask = FieldMask.FromString(mask), Etag = current.Etag, ConfirmDifferentPerson = confirm };
    }

    private Task<Domain.Beneficiary> Stored(string id) => factory.WithDb(db => db.Beneficiaries.AsNoTracking().SingleAsync(x => x.Id == Guid.Parse(id)));

    private async Task<AuditEntry> LastEntry(string id) =>
        (await new BeneficiaryAudit.BeneficiaryAuditClient(factory.Channel(factory.Tokens.ProvinceAdmin))
            .ListAuditEntriesAsync(new ListAuditEntriesRequest { BeneficiaryId = id, PageSize = 1000 })).AuditEntries.Last();

    [Fact]
    public async Task The_masked_fields_change_the_etag_moves_the_change_is_audited_and_only_countable_changes_are_published()
    {
        await factory.EnsureTree();
        var created = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Cập Nhật Một") });
        var events = await factory.OutboxCount();

        var phoned = await Officer.UpdateBeneficiaryAsync(Update(created, "phone,address", b => (b.Phone, b.Address, b.FullName) = ("0987654321", "", "Not in the mask")));

        Assert.Equal(("0987654321", "", "Cập Nhật Một"), (phoned.Phone, phoned.Address, phoned.FullName));
        Assert.NotEqual(created.Etag, phoned.Etag);
        Assert.Equal(("0987654321", null), ((await Stored(created.Id)).Phone, (await Stored(created.Id)).Address));
        Assert.Equal(events, await factory.OutboxCount()); // personal fields only: nothing published
        var entry = await LastEntry(created.Id);
        Assert.Equal(("change", "UpdateBeneficiary", "test-district_officer@06/058"), (entry.Action, entry.Method.Split('/')[^1], entry.Subject));
        Assert.Equal(["phone", "address"], entry.Fields);

        var moved = await Officer.UpdateBeneficiaryAsync(Update(phoned, "categories,org_unit", b => { b.Categories.Add("disabled"); b.OrgUnit = "01837"; }));

        Assert.Equal(["disabled"], moved.Categories);
        Assert.Equal("01837", moved.OrgUnit);
        Assert.Equal("06/058/01837", (await Stored(created.Id)).OrgUnitPath);
        await factory.Services.Published<BeneficiaryUpdated>(m => m.Context.Message.BeneficiaryId.ToString() == created.Id
            && m.Context.Message.OrgUnitCode == "01837" && m.Context.Message.Categories.SequenceEqual(["disabled"]));
        Assert.DoesNotContain(typeof(BeneficiaryUpdated).GetProperties(), p => p.Name is "FullName" or "NationalId" or "Phone" or "Address" or "BirthDate");
        Assert.Equal(["categories", "org_unit"], (await LastEntry(created.Id)).Fields);
    }

    [Fact]
    public async Task A_stale_or_missing_etag_is_refused_and_nothing_changes()
    {
        await factory.EnsureTree();
        var created = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Cũ Rồi") });
        await Officer.UpdateBeneficiaryAsync(Update(created, "phone", b => b.Phone = "0911111111"));

        Assert.Equal("ETAG_MISMATCH", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => Officer.UpdateBeneficiaryAsync(Update(created, "phone", b => b.Phone = "0922222222")).ResponseAsync));
        var noEtag = Update(created, "phone", b => b.Phone = "0933333333");
        noEtag.Etag = string.Empty;
        Assert.Equal(["etag"], await RpcAssert.InvalidFields(() => Officer.UpdateBeneficiaryAsync(noEtag).ResponseAsync));
        Assert.Equal("0911111111", (await Stored(created.Id)).Phone);
    }

    [Fact]
    public async Task A_bad_mask_a_bad_value_or_a_bad_id_is_refused_field_by_field_and_nothing_changes()
    {
        await factory.EnsureTree();
        var created = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Sai Mặt Nạ") });
        var events = await factory.OutboxCount();

        Assert.Equal(["update_mask"], await RpcAssert.InvalidFields(() => Officer.UpdateBeneficiaryAsync(Update(created, "", _ => { })).ResponseAsync));
        Assert.Equal(["update_mask"], await RpcAssert.InvalidFields(() => Officer.UpdateBeneficiaryAsync(Update(created, "registered_on", _ => { })).ResponseAsync));
        Assert.Equal(["beneficiary.birth_date", "beneficiary.national_id"], await RpcAssert.InvalidFields(() => Officer.UpdateBeneficiaryAsync(
            Update(created, "national_id,birth_date", b => (b.NationalId, b.BirthDate) = ("123", "2099-01-01"))).ResponseAsync));
        Assert.Equal(["beneficiary.household_size"], await RpcAssert.InvalidFields(() => Officer.UpdateBeneficiaryAsync(
            Update(created, "household_size", b => b.HouseholdSize = 3)).ResponseAsync)); // a person is a household of one
        Assert.Equal(["beneficiary.status"], await RpcAssert.InvalidFields(() => Officer.UpdateBeneficiaryAsync(Update(created, "status", b => b.Status = "gone")).ResponseAsync));
        Assert.Equal(["beneficiary.categories"], await RpcAssert.InvalidFields(() => Officer.UpdateBeneficiaryAsync(Update(created, "categories", _ => { })).ResponseAsync));
        Assert.Equal(["beneficiary.id"], await RpcAssert.InvalidFields(() => Officer.UpdateBeneficiaryAsync(
            Update(new Beneficiary { Id = "nope", Etag = "1" }, "phone", b => b.Phone = "0912345678")).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => Officer.UpdateBeneficiaryAsync(
            Update(new Beneficiary { Id = Guid.NewGuid().ToString(), Etag = "1" }, "phone", b => b.Phone = "0912345678")).ResponseAsync);

        var stored = await Stored(created.Id);
        Assert.Equal((created.Etag, "0912345678", new DateOnly(1950, 5, 5)), (stored.ETag, stored.Phone, stored.BirthDate));
        Assert.Equal(events, await factory.OutboxCount());
        Assert.Equal("CreateBeneficiary", (await LastEntry(created.Id)).Method.Split('/')[^1]);
    }

    [Fact]
    public async Task Only_units_in_the_callers_subtree_known_and_open_are_accepted()
    {
        await factory.EnsureTree();
        var created = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Ngoài Phạm Vi") });

        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Beneficiaries(factory.Tokens.For(Roles.DistrictOfficer, "06/060"))
            .UpdateBeneficiaryAsync(Update(created, "phone", b => b.Phone = "0900000001")).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Officer.UpdateBeneficiaryAsync(Update(created, "org_unit", b => b.OrgUnit = "060")).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Beneficiaries(factory.Tokens.For(Roles.Viewer, "06/058"))
            .UpdateBeneficiaryAsync(Update(created, "phone", b => b.Phone = "0900000001")).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => Officer.UpdateBeneficiaryAsync(Update(created, "org_unit", b => b.OrgUnit = "99999")).ResponseAsync);
        Assert.Equal("ORG_UNIT_NOT_OPEN", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => Officer.UpdateBeneficiaryAsync(Update(created, "org_unit", b => b.OrgUnit = "OLD")).ResponseAsync));

        var stored = await Stored(created.Id);
        Assert.Equal(("01834", "0912345678", created.Etag), (stored.OrgUnitCode, stored.Phone, stored.ETag));
    }

    [Fact]
    public async Task A_rename_a_new_national_id_or_a_move_that_makes_a_duplicate_is_refused_naming_the_match()
    {
        await factory.EnsureTree();
        var first = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Trùng Tên Một", nationalId: "006151000010") });
        var second = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Trùng Tên Hai") });
        var elsewhere = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Trùng Tên Một", unit: "01852") });

        var renamed = await RpcAssert.Fails(StatusCode.AlreadyExists,
            () => Officer.UpdateBeneficiaryAsync(Update(second, "full_name", b => b.FullName = "trung ten  mot")).ResponseAsync);
        Assert.Contains(first.Id, renamed.Status.Detail);
        var sameId = await RpcAssert.Fails(StatusCode.AlreadyExists,
            () => Officer.UpdateBeneficiaryAsync(Update(second, "national_id", b => b.NationalId = "006151000010", confirm: true)).ResponseAsync);
        Assert.Contains(first.Id, sameId.Status.Detail);
        var movedIn = await RpcAssert.Fails(StatusCode.AlreadyExists,
            () => Officer.UpdateBeneficiaryAsync(Update(elsewhere, "org_unit", b => b.OrgUnit = "01834")).ResponseAsync);
        Assert.Contains(first.Id, movedIn.Status.Detail);
        Assert.Equal("Trùng Tên Hai", (await Stored(second.Id)).FullName);

        // Checked to be someone else: the rename goes through, and later changes of other fields are not re-checked.
        var confirmed = await Officer.UpdateBeneficiaryAsync(Update(second, "full_name", b => b.FullName = "Trùng Tên Một", confirm: true));
        var later = await Officer.UpdateBeneficiaryAsync(Update(confirmed, "phone", b => b.Phone = "0977000000"));
        Assert.Equal(("Trùng Tên Một", "0977000000"), (later.FullName, later.Phone));
    }

    [Fact]
    public async Task Anonymising_an_inactive_beneficiary_erases_what_identifies_them_changes_no_count_and_is_audited()
    {
        await factory.EnsureTree();
        var created = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Xóa Dấu Vết", nationalId: "006151000020") });
        var anonymise = new AnonymiseBeneficiaryRequest { Id = created.Id };
        Assert.Equal("BENEFICIARY_ACTIVE", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Officer.AnonymiseBeneficiaryAsync(anonymise).ResponseAsync));
        var inactive = await Officer.UpdateBeneficiaryAsync(Update(created, "status", b => b.Status = "inactive"));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Beneficiaries(factory.Tokens.For(Roles.BranchOfficer, "06/058/01834"))
            .AnonymiseBeneficiaryAsync(anonymise).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Beneficiaries(factory.Tokens.For(Roles.DistrictOfficer, "06/060"))
            .AnonymiseBeneficiaryAsync(anonymise).ResponseAsync);
        Assert.Equal("ETAG_MISMATCH", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => Officer.AnonymiseBeneficiaryAsync(new AnonymiseBeneficiaryRequest { Id = created.Id, Etag = created.Etag }).ResponseAsync));
        var events = await factory.OutboxCount();

        var anonymised = await Officer.AnonymiseBeneficiaryAsync(new AnonymiseBeneficiaryRequest { Id = created.Id, Etag = inactive.Etag });

        Assert.True(anonymised.Anonymised);
        Assert.Equal(("Ẩn danh", "", "", ""), (anonymised.FullName, anonymised.NationalId, anonymised.Phone, anonymised.Address));
        Assert.Equal((inactive.BirthDate, inactive.OrgUnit, inactive.Status, inactive.HouseholdSize), (anonymised.BirthDate, anonymised.OrgUnit, anonymised.Status, anonymised.HouseholdSize));
        Assert.Equal(inactive.Categories, anonymised.Categories);
        var stored = await Stored(created.Id);
        Assert.Equal((null, null, null), (stored.NationalId, stored.Phone, stored.Address));
        Assert.DoesNotContain("xoa dau vet", stored.SearchName, StringComparison.Ordinal);
        // One event, the id alone, so other services erase their copies; reporting counts nothing from it.
        Assert.Equal(events + 1, await factory.OutboxCount());
        var entry = await LastEntry(created.Id);
        Assert.Equal(("AnonymiseBeneficiary", "change"), (entry.Method.Split('/')[^1], entry.Action));
        Assert.Equal(["full_name", "national_id", "phone", "address"], entry.Fields);

        Assert.Equal("ALREADY_ANONYMISED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Officer.AnonymiseBeneficiaryAsync(anonymise).ResponseAsync));
        Assert.Equal("ALREADY_ANONYMISED", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => Officer.UpdateBeneficiaryAsync(Update(anonymised, "full_name", b => b.FullName = "Xóa Dấu Vết")).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => Officer.AnonymiseBeneficiaryAsync(new AnonymiseBeneficiaryRequest { Id = Guid.NewGuid().ToString() }).ResponseAsync);
        Assert.Equal(["id"], await RpcAssert.InvalidFields(() => Officer.AnonymiseBeneficiaryAsync(new AnonymiseBeneficiaryRequest { Id = "nope" }).ResponseAsync));
    }
}
