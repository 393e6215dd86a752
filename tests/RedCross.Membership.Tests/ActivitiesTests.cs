using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Membership.Tests;

public sealed class ActivitiesTests(MembershipFactory factory) : IClassFixture<MembershipFactory>
{
    private readonly Dues.DuesClient dues = factory.Dues(factory.Tokens.DistrictOfficer058);
    private readonly Trainings.TrainingsClient trainings = factory.Trainings(factory.Tokens.DistrictOfficer058);
    private readonly Welfare.WelfareClient welfare = factory.Welfare(factory.Tokens.DistrictOfficer058);
    private readonly GrowthTargets.GrowthTargetsClient targets = factory.GrowthTargets(factory.Tokens.DistrictOfficer058);
    private readonly Members.MembersClient members = factory.Members(factory.Tokens.DistrictOfficer058);

    [Fact]
    public async Task Dues_are_priced_from_the_rate_and_split_between_levels()
    {
        var member = await members.RegisterMemberAsync(MembershipFactory.Valid(name: "Hội Phí Một"));
        var payment = await dues.RecordDuesPaymentAsync(new RecordDuesPaymentRequest { MemberId = member.Id, Year = 2013, Months = 12, PaidOn = "2013-12-20" });
        Assert.Equal((12_000L, 6_000L, 3_600L, 2_400L), (payment.AmountVnd, payment.BranchShareVnd, payment.CommuneShareVnd, payment.UpperShareVnd));
        await factory.Services.Published<DuesPaid>(p => p.Context.Message.PaymentId == Guid.Parse(payment.Id));

        Assert.Equal("DUES_ALREADY_PAID", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => dues.RecordDuesPaymentAsync(new RecordDuesPaymentRequest { MemberId = member.Id, Year = 2013, Months = 1 }).ResponseAsync));
        Assert.Contains("months", await RpcAssert.InvalidFields(() => dues.RecordDuesPaymentAsync(new RecordDuesPaymentRequest { MemberId = member.Id, Year = 2014, Months = 13 }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => dues.RecordDuesPaymentAsync(new RecordDuesPaymentRequest { MemberId = Guid.NewGuid().ToString(), Year = 2014, Months = 1 }).ResponseAsync);
    }

    [Fact]
    public async Task Exemptions_stop_at_ten_percent_of_a_communes_active_members()
    {
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add((await members.RegisterMemberAsync(MembershipFactory.Valid("01855", $"Miễn Phí Số {(char)('A' + i)}"))).Id);
        }

        var granted = await dues.GrantDuesExemptionAsync(new GrantDuesExemptionRequest { MemberId = ids[0], Year = 2013, Reason = "hộ nghèo" });
        Assert.Equal("01855", granted.Commune);
        Assert.Equal("EXEMPTION_CAP_REACHED", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => dues.GrantDuesExemptionAsync(new GrantDuesExemptionRequest { MemberId = ids[1], Year = 2013, Reason = "ốm đau" }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.AlreadyExists, () => dues.GrantDuesExemptionAsync(new GrantDuesExemptionRequest { MemberId = ids[0], Year = 2013, Reason = "lại" }).ResponseAsync);
        Assert.Equal("MEMBER_EXEMPT", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => dues.RecordDuesPaymentAsync(new RecordDuesPaymentRequest { MemberId = ids[0], Year = 2013, Months = 1 }).ResponseAsync));
    }

    [Fact]
    public async Task Trainings_count_member_and_other_participants_and_refuse_unknown_members()
    {
        var a = await members.RegisterMemberAsync(MembershipFactory.Valid(name: "Tập Huấn Một"));
        var training = await trainings.RecordTrainingAsync(new RecordTrainingRequest
        {
            OrgUnit = "058",
            Topic = "Nghiệp vụ công tác Hội",
            StartDate = "2013-09-10",
            EndDate = "2013-09-11",
            ParticipantMemberIds = { a.Id, a.Id },
            OtherParticipants = 30,
        });
        Assert.Equal(31, training.ParticipantCount);
        await factory.Services.Published<TrainingHeld>(p => p.Context.Message.TrainingId == Guid.Parse(training.Id) && p.Context.Message.ParticipantCount == 31);

        var missing = Guid.NewGuid().ToString();
        await RpcAssert.Fails(StatusCode.NotFound, () => trainings.RecordTrainingAsync(new RecordTrainingRequest
        {
            OrgUnit = "058",
            Topic = "x",
            StartDate = "2013-09-10",
            EndDate = "2013-09-10",
            ParticipantMemberIds = { a.Id, missing },
        }).ResponseAsync);
        Assert.Contains("end_date", await RpcAssert.InvalidFields(() => trainings.RecordTrainingAsync(new RecordTrainingRequest
        {
            OrgUnit = "058",
            Topic = "x",
            StartDate = "2013-09-10",
            EndDate = "2013-09-01",
        }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => trainings.RecordTrainingAsync(new RecordTrainingRequest
        {
            OrgUnit = "063",
            Topic = "x",
            StartDate = "2013-09-10",
            EndDate = "2013-09-10",
        }).ResponseAsync);
    }

    [Fact]
    public async Task Welfare_fund_contributions_and_visits_carry_vnd_amounts()
    {
        var member = await members.RegisterMemberAsync(MembershipFactory.Valid(name: "Ốm Đau Một"));
        var contribution = await welfare.RecordWelfareContributionAsync(new RecordWelfareContributionRequest { OrgUnit = "058", Contributor = "Cán bộ Hội", AmountVnd = 2_000_000, ReceivedOn = "2013-02-01" });
        Assert.Equal(2_000_000, contribution.AmountVnd);
        var visit = await welfare.RecordWelfareVisitAsync(new RecordWelfareVisitRequest { MemberId = member.Id, Reason = "illness", AmountVnd = 300_000, VisitedOn = "2013-04-04" });
        Assert.Equal(("01834", 300_000L), (visit.OrgUnit, visit.AmountVnd));
        await factory.Services.Published<WelfareVisitMade>(p => p.Context.Message.VisitId == Guid.Parse(visit.Id));

        Assert.Contains("amount_vnd", await RpcAssert.InvalidFields(() => welfare.RecordWelfareContributionAsync(new RecordWelfareContributionRequest { OrgUnit = "058", Contributor = "x", AmountVnd = -5 }).ResponseAsync));
        Assert.Contains("reason", await RpcAssert.InvalidFields(() => welfare.RecordWelfareVisitAsync(new RecordWelfareVisitRequest { MemberId = member.Id, Reason = "boredom" }).ResponseAsync));
    }

    [Fact]
    public async Task Growth_targets_are_set_and_replaced()
    {
        await targets.SetGrowthTargetAsync(new SetGrowthTargetRequest { OrgUnit = "058", Year = 2013, NewMembers = 300 });
        var replaced = await targets.SetGrowthTargetAsync(new SetGrowthTargetRequest { OrgUnit = "058", Year = 2013, NewMembers = 350 });
        Assert.Equal(350, replaced.NewMembers);
        await factory.Services.Published<GrowthTargetSet>(p => p.Context.Message.NewMembers == 350);
        Assert.Contains("year", await RpcAssert.InvalidFields(() => targets.SetGrowthTargetAsync(new SetGrowthTargetRequest { OrgUnit = "058", Year = 1800, NewMembers = 1 }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => targets.SetGrowthTargetAsync(new SetGrowthTargetRequest { OrgUnit = "nope", Year = 2013, NewMembers = 1 }).ResponseAsync);
    }

    [Fact]
    public async Task Growth_targets_are_read_and_listed_in_the_callers_subtree()
    {
        await targets.SetGrowthTargetAsync(new SetGrowthTargetRequest { OrgUnit = "01852", Year = 2014, NewMembers = 20 });
        await targets.SetGrowthTargetAsync(new SetGrowthTargetRequest { OrgUnit = "01852", Year = 2015, NewMembers = 25 });
        Assert.Equal(25, (await targets.GetGrowthTargetAsync(new GetGrowthTargetRequest { OrgUnit = "01852", Year = 2015 })).NewMembers);
        await RpcAssert.Fails(StatusCode.NotFound, () => targets.GetGrowthTargetAsync(new GetGrowthTargetRequest { OrgUnit = "01852", Year = 2016 }).ResponseAsync);
        Assert.Contains("year", await RpcAssert.InvalidFields(() => targets.GetGrowthTargetAsync(new GetGrowthTargetRequest { OrgUnit = "01852" }).ResponseAsync));

        var first = await targets.ListGrowthTargetsAsync(new ListGrowthTargetsRequest { OrgUnit = "01852", PageSize = 1 });
        var second = await targets.ListGrowthTargetsAsync(new ListGrowthTargetsRequest { OrgUnit = "01852", PageSize = 1, PageToken = first.NextPageToken });
        Assert.Equal([2014, 2015], first.GrowthTargets.Concat(second.GrowthTargets).Select(t => t.Year));
        Assert.Equal(20, Assert.Single((await targets.ListGrowthTargetsAsync(new ListGrowthTargetsRequest { OrgUnit = "01852", Year = 2014 })).GrowthTargets).NewMembers);
        Assert.Contains("page_token", await RpcAssert.InvalidFields(() => targets.ListGrowthTargetsAsync(new ListGrowthTargetsRequest { PageToken = "eA==" }).ResponseAsync));
        var elsewhere = factory.GrowthTargets(factory.Tokens.For(Roles.DistrictOfficer, "06/060"));
        Assert.DoesNotContain((await elsewhere.ListGrowthTargetsAsync(new ListGrowthTargetsRequest())).GrowthTargets, t => t.OrgUnit == "01852");
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => elsewhere.GetGrowthTargetAsync(new GetGrowthTargetRequest { OrgUnit = "01852", Year = 2014 }).ResponseAsync);
    }
}
