using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Relief.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Relief.Tests;

/// <summary>The no-double-registration rule must not become a lookup of other districts' people by national ID: a match
/// outside the caller's subtree is "already registered elsewhere", with no id and no unit.</summary>
public sealed class DuplicateElsewhereTests(ReliefFactory factory) : IClassFixture<ReliefFactory>
{
    private Beneficiaries.BeneficiariesClient Officer058 => factory.Beneficiaries(factory.Tokens.DistrictOfficer058);

    private async Task<Beneficiary> RegisteredIn060(string name, string nationalId)
    {
        await factory.EnsureTree();
        return await factory.Beneficiaries(factory.Tokens.For(Roles.DistrictOfficer, "06/060"))
            .CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person(name, unit: "060", nationalId: nationalId) });
    }

    private static void AssertSaysElsewhereOnly(RpcException refused, Beneficiary theirs)
    {
        Assert.Equal(StatusCode.AlreadyExists, refused.StatusCode);
        var violation = Assert.Single(refused.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("beneficiary.national_id", violation.Field);
        foreach (var text in new[] { refused.Status.Detail, violation.Description })
        {
            Assert.Contains("đã được đăng ký ở nơi khác", text, StringComparison.Ordinal);
            Assert.Contains("already registered elsewhere", text, StringComparison.Ordinal);
            Assert.DoesNotContain(theirs.Id, text, StringComparison.Ordinal);
            Assert.DoesNotContain("060", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Registering_a_national_id_held_in_another_district_says_elsewhere_without_an_id_or_a_unit()
    {
        var theirs = await RegisteredIn060("Người Huyện Khác Một", "006152000001");
        var before = await factory.WithDb(db => db.Beneficiaries.CountAsync());

        var refused = await RpcAssert.Fails(StatusCode.AlreadyExists, () => Officer058.CreateBeneficiaryAsync(new CreateBeneficiaryRequest
        {
            Beneficiary = ReliefFactory.Person("Người Trùng Số", nationalId: "006152000001"),
        }).ResponseAsync);

        AssertSaysElsewhereOnly(refused, theirs);
        Assert.Equal(before, await factory.WithDb(db => db.Beneficiaries.CountAsync()));
        // A caller whose subtree holds the match is still told which record it is, so it can open it.
        var named = await RpcAssert.Fails(StatusCode.AlreadyExists, () => factory.Beneficiaries(factory.Tokens.ProvinceAdmin).CreateBeneficiaryAsync(new CreateBeneficiaryRequest
        {
            Beneficiary = ReliefFactory.Person("Người Trùng Số", nationalId: "006152000001"),
        }).ResponseAsync);
        Assert.Contains(theirs.Id, named.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_a_national_id_to_one_held_in_another_district_says_elsewhere_without_an_id_or_a_unit()
    {
        var theirs = await RegisteredIn060("Người Huyện Khác Hai", "006152000011");
        var mine = await Officer058.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Người Đổi Số", nationalId: "006152000002") });

        var refused = await RpcAssert.Fails(StatusCode.AlreadyExists, () => Officer058.UpdateBeneficiaryAsync(new UpdateBeneficiaryRequest
        {
            Beneficiary = new Beneficiary { Id = mine.Id, NationalId = "006152000011" },
            UpdateMask = FieldMask.FromString("national_id"),
            Etag = mine.Etag,
        }).ResponseAsync);

        AssertSaysElsewhereOnly(refused, theirs);
        Assert.Equal("006152000002", await factory.WithDb(db => db.Beneficiaries.Where(b => b.Id == Guid.Parse(mine.Id)).Select(b => b.NationalId).SingleAsync()));
    }

    [Fact]
    public async Task An_imported_row_with_a_national_id_held_in_another_district_is_counted_as_a_duplicate_naming_no_one()
    {
        var theirs = await RegisteredIn060("Người Huyện Khác Ba", "006152000021");
        using var call = Officer058.ImportBeneficiaries();
        await call.RequestStream.WriteAsync(new ImportBeneficiaryRow { RowNumber = 2, Beneficiary = ReliefFactory.Person("Người Nhập Trùng", unit: "01837", nationalId: "006152000021") });
        await call.RequestStream.CompleteAsync();

        var result = await call;

        Assert.Equal((1, 0, 1, 0), (result.RowsReceived, result.Created, result.Duplicates, result.Failed));
        Assert.Empty(result.Errors);
        Assert.DoesNotContain(theirs.Id, result.ToString(), StringComparison.Ordinal);
    }
}
