using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Relief.V1;
using RedCross.ServiceDefaults.Errors;
using RedCross.Testing;
using Xunit;

namespace RedCross.Relief.Tests;

/// <summary>A beneficiary keeps the day its record was drawn up (ngày lập hồ sơ), as a member keeps its joined date: a
/// list made in December and entered in January counts in December's year.</summary>
public sealed class RegistrationDateTests(ReliefFactory factory) : IClassFixture<ReliefFactory>
{
    private Beneficiaries.BeneficiariesClient Officer => factory.Beneficiaries(factory.Tokens.DistrictOfficer058);

    [Fact]
    public async Task A_given_registration_date_is_stored_read_back_and_announced()
    {
        await factory.EnsureTree();
        var person = ReliefFactory.Person("Đinh Thị Lập");
        person.RegisteredOn = "2013-12-20";

        var created = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = person });

        Assert.Equal("2013-12-20", created.RegisteredOn);
        Assert.Equal("2013-12-20", (await Officer.GetBeneficiaryAsync(new GetBeneficiaryRequest { Id = created.Id })).RegisteredOn);
        await factory.Services.Published<BeneficiaryRegistered>(m => m.Context.Message.BeneficiaryId.ToString() == created.Id
            && m.Context.Message.RegisteredOn == new DateOnly(2013, 12, 20));
    }

    [Fact]
    public async Task Without_a_date_the_record_is_registered_today_in_Vietnam()
    {
        await factory.EnsureTree();
        var created = await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = ReliefFactory.Person("Đinh Văn Nay") });

        Assert.Equal(TimeProvider.System.VietnamToday().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), created.RegisteredOn);
    }

    [Fact]
    public async Task A_future_or_pre_birth_date_is_refused_beside_the_field_and_nothing_is_stored()
    {
        await factory.EnsureTree();
        var before = (await Stored(), await factory.OutboxCount());
        var future = ReliefFactory.Person("Đinh Văn Mai");
        future.RegisteredOn = TimeProvider.System.VietnamToday().AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var unborn = ReliefFactory.Person("Đinh Văn Sớm", birth: "1990-03-01");
        unborn.RegisteredOn = "1989-12-31";
        var garbled = ReliefFactory.Person("Đinh Văn Sai");
        garbled.RegisteredOn = "20/12/2013";

        Assert.Equal(("beneficiary.registered_on", "must not be in the future"), await Violation(future));
        Assert.Equal(("beneficiary.registered_on", "must not be before the birth date"), await Violation(unborn));
        Assert.Equal(("beneficiary.registered_on", "must be a date written YYYY-MM-DD"), await Violation(garbled));
        Assert.Equal(before, (await Stored(), await factory.OutboxCount()));
    }

    [Fact]
    public async Task The_unit_must_have_been_open_on_the_registration_date()
    {
        await factory.EnsureTree();
        // OLD closed on 2014-06-30: a 2013 list still belongs to it, a record drawn up today does not.
        var in2013 = ReliefFactory.Person("Đinh Thị Cũ", unit: "OLD");
        in2013.RegisteredOn = "2013-05-01";
        Assert.Equal("OLD", (await Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = in2013 })).OrgUnit);

        var after = ReliefFactory.Person("Đinh Văn Muộn", unit: "OLD");
        after.RegisteredOn = "2014-07-01";
        Assert.Equal("ORG_UNIT_NOT_OPEN", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = after }).ResponseAsync));
    }

    [Fact]
    public async Task An_imported_row_keeps_its_date_and_a_future_row_is_reported()
    {
        await factory.EnsureTree();
        var kept = new ImportBeneficiaryRow { RowNumber = 2, Beneficiary = ReliefFactory.Person("Đinh Thị Nhập", unit: "01852") };
        kept.Beneficiary.RegisteredOn = "2013-11-15";
        var future = new ImportBeneficiaryRow { RowNumber = 3, Beneficiary = ReliefFactory.Person("Đinh Văn Tới", unit: "01852") };
        future.Beneficiary.RegisteredOn = "2999-01-01";

        using var call = Officer.ImportBeneficiaries();
        await call.RequestStream.WriteAsync(kept);
        await call.RequestStream.WriteAsync(future);
        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.Equal((1, 1), (response.Created, response.Failed));
        Assert.Equal((3, "beneficiary.registered_on", "must not be in the future"), (response.Errors[0].RowNumber, response.Errors[0].Field, response.Errors[0].Reason));
        Assert.Equal(new DateOnly(2013, 11, 15), await factory.WithDb(db => db.Beneficiaries.Where(b => b.FullName == "Đinh Thị Nhập").Select(b => b.RegisteredOn).SingleAsync()));
        Assert.Equal(0, await factory.WithDb(db => db.Beneficiaries.CountAsync(b => b.FullName == "Đinh Văn Tới")));
    }

    private Task<int> Stored() => factory.WithDb(db => db.Beneficiaries.CountAsync());

    private async Task<(string Field, string Description)> Violation(Beneficiary beneficiary)
    {
        var ex = await RpcAssert.Fails(StatusCode.InvalidArgument, () => Officer.CreateBeneficiaryAsync(new CreateBeneficiaryRequest { Beneficiary = beneficiary }).ResponseAsync);
        var violation = Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        return (violation.Field, violation.Description);
    }
}
