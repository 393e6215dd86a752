using Grpc.Core;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Membership.Tests;

/// <summary>Rules that count are checked in the write transaction: two officers at the same moment cannot both pass.</summary>
public sealed class RaceTests(MembershipFactory factory) : IClassFixture<MembershipFactory>
{
    private const int Rounds = 5;

    [Fact]
    public async Task Two_exemptions_racing_for_the_last_place_under_the_cap_let_exactly_one_through()
    {
        var members = factory.Members(factory.Tokens.DistrictOfficer058);
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add((await members.RegisterMemberAsync(MembershipFactory.Valid("01849", $"Đua Miễn Số {(char)('A' + i)}"))).Id);
        }

        // Two officers, each on a channel of their own: ten members that year leave one place for each year.
        var first = factory.Dues(factory.Tokens.DistrictOfficer058);
        var second = factory.Dues(factory.Tokens.For(Roles.BranchOfficer, "06/058/01849"));
        for (var round = 0; round < Rounds; round++)
        {
            var year = 2013 + round;
            var outcomes = await Task.WhenAll(
                Outcome(() => first.GrantDuesExemptionAsync(new GrantDuesExemptionRequest { MemberId = ids[2 * round], Year = year, Reason = "hộ nghèo" }).ResponseAsync),
                Outcome(() => second.GrantDuesExemptionAsync(new GrantDuesExemptionRequest { MemberId = ids[(2 * round) + 1], Year = year, Reason = "ốm đau" }).ResponseAsync));

            Assert.Equal(["EXEMPTION_CAP_REACHED", "OK"], outcomes.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Two_payments_racing_past_twelve_months_let_exactly_one_through()
    {
        var members = factory.Members(factory.Tokens.DistrictOfficer058);
        var member = await members.RegisterMemberAsync(MembershipFactory.Valid("01846", "Đua Hội Phí"));
        var first = factory.Dues(factory.Tokens.DistrictOfficer058);
        var second = factory.Dues(factory.Tokens.For(Roles.BranchOfficer, "06/058/01846"));
        for (var round = 0; round < Rounds; round++)
        {
            var year = 2013 + round;
            var outcomes = await Task.WhenAll(
                Outcome(() => first.RecordDuesPaymentAsync(new RecordDuesPaymentRequest { MemberId = member.Id, Year = year, Months = 7, PaidOn = "2020-01-02" }).ResponseAsync),
                Outcome(() => second.RecordDuesPaymentAsync(new RecordDuesPaymentRequest { MemberId = member.Id, Year = year, Months = 7, PaidOn = "2020-01-02" }).ResponseAsync));

            Assert.Equal(["DUES_ALREADY_PAID", "OK"], outcomes.Order(StringComparer.Ordinal));
        }
    }

    private static async Task<string> Outcome(Func<Task> call)
    {
        try
        {
            await call();
            return "OK";
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            return await RpcAssert.Reason(StatusCode.FailedPrecondition, () => throw e);
        }
    }
}
