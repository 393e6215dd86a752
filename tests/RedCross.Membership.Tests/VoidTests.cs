using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Membership.Tests;

/// <summary>Recorded facts are read, listed and corrected by a void; never edited or deleted.</summary>
public sealed class VoidTests(MembershipFactory factory) : IClassFixture<MembershipFactory>
{
    private readonly Trainings.TrainingsClient trainings = factory.Trainings(factory.Tokens.DistrictOfficer058);
    private readonly Dues.DuesClient dues = factory.Dues(factory.Tokens.DistrictOfficer058);
    private readonly Welfare.WelfareClient welfare = factory.Welfare(factory.Tokens.DistrictOfficer058);
    private readonly Members.MembersClient members = factory.Members(factory.Tokens.DistrictOfficer058);

    private Task<Training> Course(string unit, string topic) => trainings.RecordTrainingAsync(new RecordTrainingRequest
    {
        OrgUnit = unit,
        Topic = topic,
        StartDate = "2013-09-10",
        EndDate = "2013-09-11",
        OtherParticipants = 20,
    }).ResponseAsync;

    [Fact]
    public async Task A_voided_training_stays_marked_with_who_when_and_why_and_publishes_its_un_count()
    {
        var course = await Course("01834", "Nhập nhầm");
        var voided = await trainings.VoidTrainingAsync(new VoidRecordRequest { Id = course.Id, Reason = "ghi trùng" });

        Assert.Equal(("ghi trùng", "test-district_officer@06/058"), (voided.Voiding.Reason, voided.Voiding.VoidedBy));
        var read = await trainings.GetTrainingAsync(new GetRecordRequest { Id = course.Id });
        Assert.Equal((20, "ghi trùng"), (read.ParticipantCount, read.Voiding.Reason));
        Assert.NotNull(await factory.WithDb(db => db.Trainings.SingleAsync(t => t.Id == Guid.Parse(course.Id) && t.VoidedAt != null)));
        await factory.Services.Published<TrainingVoided>(p => p.Context.Message.TrainingId == Guid.Parse(course.Id)
            && p.Context.Message is { OrgUnitCode: "01834", ParticipantCount: 20 } && p.Context.Message.StartDate == new DateOnly(2013, 9, 10));

        Assert.Equal("ALREADY_VOIDED", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => trainings.VoidTrainingAsync(new VoidRecordRequest { Id = course.Id, Reason = "lần nữa" }).ResponseAsync));
    }

    [Fact]
    public async Task Records_are_read_listed_and_voided_over_rest_too()
    {
        var course = await Course("01837", "Qua REST");
        using var rest = factory.Rest(factory.Tokens.DistrictOfficer058);

        var voided = await rest.PostAsJsonAsync($"/api/v1/trainings/{course.Id}:void", new { reason = "ghi nhầm" });
        Assert.Equal(HttpStatusCode.OK, voided.StatusCode);
        Assert.Contains("ghi nhầm", await rest.GetStringAsync($"/api/v1/trainings/{course.Id}"), StringComparison.Ordinal);
        Assert.Contains(course.Id, await rest.GetStringAsync("/api/v1/trainings?orgUnit=01837"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await rest.PostAsJsonAsync($"/api/v1/trainings/{course.Id}:void", new { reason = "" })).StatusCode);
    }

    [Fact]
    public async Task Voids_refuse_bad_input_unknown_ids_and_other_subtrees()
    {
        var course = await Course("01834", "Ngoài phạm vi");
        Assert.Contains("reason", await RpcAssert.InvalidFields(() => trainings.VoidTrainingAsync(new VoidRecordRequest { Id = course.Id }).ResponseAsync));
        Assert.Contains("id", await RpcAssert.InvalidFields(() => trainings.VoidTrainingAsync(new VoidRecordRequest { Id = "not-a-uuid", Reason = "x" }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.NotFound, () => trainings.VoidTrainingAsync(new VoidRecordRequest { Id = Guid.NewGuid().ToString(), Reason = "x" }).ResponseAsync);
        var elsewhere = factory.Trainings(factory.Tokens.For(Roles.DistrictOfficer, "06/060"));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => elsewhere.VoidTrainingAsync(new VoidRecordRequest { Id = course.Id, Reason = "x" }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => elsewhere.GetTrainingAsync(new GetRecordRequest { Id = course.Id }).ResponseAsync);
        var viewer = factory.Trainings(factory.Tokens.For(Roles.Viewer, "06"));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => viewer.VoidTrainingAsync(new VoidRecordRequest { Id = course.Id, Reason = "x" }).ResponseAsync);
        Assert.Equal(course.Id, (await viewer.GetTrainingAsync(new GetRecordRequest { Id = course.Id })).Id);
        Assert.Null((await trainings.GetTrainingAsync(new GetRecordRequest { Id = course.Id })).Voiding);
    }

    [Fact]
    public async Task Lists_are_paged_and_filtered_to_the_callers_subtree()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Course("01840", "Trang " + i)).Id);
        }

        var first = await trainings.ListTrainingsAsync(new ListTrainingsRequest { OrgUnit = "01840", PageSize = 2 });
        var second = await trainings.ListTrainingsAsync(new ListTrainingsRequest { OrgUnit = "01840", PageSize = 2, PageToken = first.NextPageToken });
        Assert.Equal(ids, first.Trainings.Concat(second.Trainings).Select(t => t.Id));
        Assert.Empty(second.NextPageToken);

        var elsewhere = factory.Trainings(factory.Tokens.For(Roles.DistrictOfficer, "06/060"));
        Assert.DoesNotContain((await elsewhere.ListTrainingsAsync(new ListTrainingsRequest())).Trainings, t => ids.Contains(t.Id));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => elsewhere.ListTrainingsAsync(new ListTrainingsRequest { OrgUnit = "01840" }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => trainings.ListTrainingsAsync(new ListTrainingsRequest { OrgUnit = "nowhere" }).ResponseAsync);
        Assert.Contains("page_token", await RpcAssert.InvalidFields(() => trainings.ListTrainingsAsync(new ListTrainingsRequest { PageToken = "%%%" }).ResponseAsync));
        Assert.Contains("page_size", await RpcAssert.InvalidFields(() => trainings.ListTrainingsAsync(new ListTrainingsRequest { PageSize = -1 }).ResponseAsync));
    }

    [Fact]
    public async Task A_voided_payment_frees_its_months_and_a_voided_exemption_its_place_under_the_cap()
    {
        var member = await members.RegisterMemberAsync(MembershipFactory.Valid("01843", "Sửa Sai Một"));
        var payment = await dues.RecordDuesPaymentAsync(new RecordDuesPaymentRequest { MemberId = member.Id, Year = 2013, Months = 12, PaidOn = "2013-05-05" });
        await dues.VoidDuesPaymentAsync(new VoidRecordRequest { Id = payment.Id, Reason = "sai số tháng" });
        await factory.Services.Published<DuesPaymentVoided>(p => p.Context.Message.PaymentId == Guid.Parse(payment.Id) && p.Context.Message.AmountVnd == 12_000);
        await dues.RecordDuesPaymentAsync(new RecordDuesPaymentRequest { MemberId = member.Id, Year = 2013, Months = 12, PaidOn = "2013-05-06" });
        var listed = await dues.ListDuesPaymentsAsync(new ListDuesPaymentsRequest { MemberId = member.Id, Year = 2013 });
        Assert.Equal([true, false], listed.DuesPayments.Select(p => p.Voiding is not null));
        Assert.Contains("member_id", await RpcAssert.InvalidFields(() => dues.ListDuesPaymentsAsync(new ListDuesPaymentsRequest { MemberId = "x" }).ResponseAsync));
        Assert.Contains("year", await RpcAssert.InvalidFields(() => dues.ListDuesPaymentsAsync(new ListDuesPaymentsRequest { Year = 1 }).ResponseAsync));

        var others = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            others.Add((await members.RegisterMemberAsync(MembershipFactory.Valid("01843", $"Sửa Sai Số {(char)('A' + i)}"))).Id);
        }

        var exemption = await dues.GrantDuesExemptionAsync(new GrantDuesExemptionRequest { MemberId = others[0], Year = 2014, Reason = "hộ nghèo" });
        await RpcAssert.Fails(StatusCode.FailedPrecondition, () => dues.GrantDuesExemptionAsync(new GrantDuesExemptionRequest { MemberId = others[1], Year = 2014, Reason = "ốm" }).ResponseAsync);
        await dues.VoidDuesExemptionAsync(new VoidRecordRequest { Id = exemption.Id, Reason = "nhầm người" });
        await dues.GrantDuesExemptionAsync(new GrantDuesExemptionRequest { MemberId = others[1], Year = 2014, Reason = "ốm" });
        Assert.Equal("nhầm người", (await dues.GetDuesExemptionAsync(new GetRecordRequest { Id = exemption.Id })).Voiding.Reason);
    }

    [Fact]
    public async Task Welfare_records_are_read_listed_and_voided()
    {
        var member = await members.RegisterMemberAsync(MembershipFactory.Valid("01834", "Thăm Hỏi Sửa"));
        var visit = await welfare.RecordWelfareVisitAsync(new RecordWelfareVisitRequest { MemberId = member.Id, Reason = "illness", AmountVnd = 300_000, VisitedOn = "2013-04-04" });
        var contribution = await welfare.RecordWelfareContributionAsync(new RecordWelfareContributionRequest { OrgUnit = "01834", Contributor = "Cán bộ", AmountVnd = 1_000_000, ReceivedOn = "2013-02-01" });

        Assert.Equal(visit.Id, Assert.Single((await welfare.ListWelfareVisitsAsync(new ListWelfareVisitsRequest { MemberId = member.Id })).WelfareVisits).Id);
        Assert.Contains((await welfare.ListWelfareContributionsAsync(new ListWelfareContributionsRequest { OrgUnit = "01834" })).WelfareContributions, c => c.Id == contribution.Id);
        Assert.Equal(1_000_000, (await welfare.GetWelfareContributionAsync(new GetRecordRequest { Id = contribution.Id })).AmountVnd);

        await welfare.VoidWelfareVisitAsync(new VoidRecordRequest { Id = visit.Id, Reason = "không thăm" });
        await welfare.VoidWelfareContributionAsync(new VoidRecordRequest { Id = contribution.Id, Reason = "trả lại" });
        await factory.Services.Published<WelfareVisitVoided>(p => p.Context.Message.VisitId == Guid.Parse(visit.Id) && p.Context.Message.AmountVnd == 300_000);
        await factory.Services.Published<WelfareContributionVoided>(p => p.Context.Message.ContributionId == Guid.Parse(contribution.Id));
        Assert.NotNull((await welfare.GetWelfareVisitAsync(new GetRecordRequest { Id = visit.Id })).Voiding);
    }
}
