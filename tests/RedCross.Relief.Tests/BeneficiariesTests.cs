using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Relief.V1;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Relief.Tests;

public sealed class BeneficiariesTests(ReliefFactory factory) : IClassFixture<ReliefFactory>
{
    private Beneficiaries.BeneficiariesClient Officer => factory.Beneficiaries(factory.Tokens.DistrictOfficer058);

    private Task<int> Stored() => factory.WithDb(db => db.Beneficiaries.CountAsync());

    [Fact]
    public async Task A_beneficiary_is_registered_read_back_and_announced_without_personal_data()
    {
        await factory.EnsureTree();
        var created = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Hoàng Thị Én", nationalId: "006150000001") });

        Assert.Equal(["elderly", "poor"], created.Categories);
        Assert.Equal("006150000001", (await Officer.GetBeneficiaryAsync(new GetBeneficiaryRequest { Id = created.Id })).NationalId);
        await factory.Services.Published<BeneficiaryRegistered>(m => m.Context.Message.BeneficiaryId.ToString() == created.Id
            && m.Context.Message.OrgUnitCode == "01834" && m.Context.Message.Categories.SequenceEqual(["elderly", "poor"]));
        Assert.DoesNotContain(typeof(BeneficiaryRegistered).GetProperties(), p => p.Name is "FullName" or "NationalId" or "Phone" or "Address");
    }

    [Fact]
    public async Task The_same_person_twice_is_refused_naming_the_match_unless_confirmed_different()
    {
        await factory.EnsureTree();
        var first = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Lường Văn Đức", nationalId: "006150000002") });
        var before = await Stored();

        var sameId = await RpcAssert.Fails(StatusCode.AlreadyExists, () => Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest
        {
            Beneficiary = ReliefFactory.Person("Người Khác", nationalId: "006150000002"),
            ConfirmDifferentPerson = true,
        }).ResponseAsync);
        Assert.Contains(first.Id, sameId.Status.Detail);

        // Without diacritics, other case and spacing: the same name, birth date and commune.
        var sameName = await RpcAssert.Fails(StatusCode.AlreadyExists, () => Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest
        {
            Beneficiary = ReliefFactory.Person("luong  van duc"),
        }).ResponseAsync);
        Assert.Contains(first.Id, sameName.Status.Detail);
        Assert.Equal(before, await Stored());

        var confirmed = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("luong van duc"), ConfirmDifferentPerson = true });
        Assert.NotEqual(first.Id, confirmed.Id);
        // Another commune is another person.
        await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Lường Văn Đức", unit: "01837") });
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_stored()
    {
        await factory.EnsureTree();
        var before = (await Stored(), await factory.OutboxCount());
        var bad = ReliefFactory.Person(new string('A', 201));
        bad.Categories.Add("astronaut");
        bad.NationalId = "12ab";
        bad.HouseholdSize = 3;
        bad.BirthDate = "1950-13-01";

        var fields = await RpcAssert.InvalidFields(() => Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = bad }).ResponseAsync);
        Assert.Equal(["beneficiary.birth_date", "beneficiary.categories", "beneficiary.full_name", "beneficiary.household_size", "beneficiary.national_id"], fields.Distinct().Order(StringComparer.Ordinal));

        var none = ReliefFactory.Person();
        none.Categories.Clear();
        Assert.Contains("beneficiary.categories", await RpcAssert.InvalidFields(() => Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = none }).ResponseAsync));
        Assert.Equal(before, (await Stored(), await factory.OutboxCount()));
    }

    [Fact]
    public async Task Unknown_closed_and_out_of_scope_units_are_refused()
    {
        await factory.EnsureTree();
        var before = await Stored();
        await RpcAssert.Fails(StatusCode.NotFound, () => Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person(unit: "99999") }).ResponseAsync);
        Assert.Equal("ORG_UNIT_NOT_OPEN", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person(unit: "OLD") }).ResponseAsync));
        Assert.Equal(AccessDeniedException.OutOfScope, await RpcAssert.Reason(StatusCode.PermissionDenied,
            () => Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person(unit: "060") }).ResponseAsync));
        Assert.Equal(before, await Stored());
    }

    [Fact]
    public async Task Lists_filter_by_subtree_category_and_name_without_diacritics_and_page_by_keyset()
    {
        await factory.EnsureTree();
        var orphan = ReliefFactory.Person("Đinh Thị Ánh Tuyết", unit: "01852", birth: "2010-01-01");
        orphan.Categories.Clear();
        orphan.Categories.Add("orphan");
        var a = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = orphan });
        var household = ReliefFactory.Person("Đinh Văn Tuyến", unit: "01852", birth: "1970-01-01");
        household.Kind = "household";
        household.HouseholdSize = 5;
        var b = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = household });

        var found = await Officer.ListBeneficiariesAsync(new ListBeneficiariesRequest { OrgUnit = "01852", Query = "dinh", PageSize = 1 });
        Assert.Equal([a.Id], found.Beneficiaries.Select(x => x.Id));
        var second = await Officer.ListBeneficiariesAsync(new ListBeneficiariesRequest { OrgUnit = "01852", Query = "dinh", PageSize = 1, PageToken = found.NextPageToken });
        Assert.Equal([b.Id], second.Beneficiaries.Select(x => x.Id));
        Assert.Equal(string.Empty, second.NextPageToken);

        Assert.Equal([a.Id], (await Officer.ListBeneficiariesAsync(new ListBeneficiariesRequest { OrgUnit = "01852", Category = "orphan" })).Beneficiaries.Select(x => x.Id));
        Assert.Equal([b.Id], (await Officer.ListBeneficiariesAsync(new ListBeneficiariesRequest { Query = "TUYEN" })).Beneficiaries.Select(x => x.Id));
        Assert.Empty((await factory.Beneficiaries(factory.Tokens.For(Roles.DistrictOfficer, "06/060")).ListBeneficiariesAsync(new ListBeneficiariesRequest { Query = "dinh" })).Beneficiaries);
        Assert.Contains("category", await RpcAssert.InvalidFields(() => Officer.ListBeneficiariesAsync(new ListBeneficiariesRequest { Category = "astronaut" }).ResponseAsync));
    }

    [Fact]
    public async Task A_partner_with_relief_read_sees_personal_data_masked_and_one_without_it_sees_nothing()
    {
        await factory.EnsureTree();
        var created = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Triệu Thị Mai", nationalId: "006150000777") });

        var partner = factory.Beneficiaries(factory.Tokens.For(Roles.Partner, "06", null, null, Scopes.ReliefRead));
        var seen = await partner.GetBeneficiaryAsync(new GetBeneficiaryRequest { Id = created.Id });
        Assert.Equal(("*********777", "*******678", "***"), (seen.NationalId, seen.Phone, seen.Address));
        Assert.Contains((await partner.ListBeneficiariesAsync(new ListBeneficiariesRequest { Query = "trieu thi mai" })).Beneficiaries, x => x.NationalId == "*********777");
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => partner.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Đối Tác Ghi") }).ResponseAsync);

        var without = factory.Beneficiaries(factory.Tokens.For(Roles.Partner, "06", null, null, Scopes.MembershipRead));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => without.GetBeneficiaryAsync(new GetBeneficiaryRequest { Id = created.Id }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => without.ListBeneficiariesAsync(new ListBeneficiariesRequest()).ResponseAsync);
    }
}
