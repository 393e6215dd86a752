using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Membership.Tests;

/// <summary>Every public membership operation, called by an officer of district 060 on Bắc Kạn town's (058)
/// units and members, answers PermissionDenied and changes nothing.</summary>
public sealed class OutOfScopeTests(MembershipFactory factory) : IClassFixture<MembershipFactory>
{
    public static TheoryData<string> Operations =>
    [
        "RegisterMember", "GetMember", "ListMembers", "UpdateMember", "ChangeMemberStatus",
        "GetOrgUnit", "ListOrgUnits", "CreateOrgUnit", "UpdateOrgUnit", "CloseOrgUnit",
        "RecordDuesPayment", "GrantDuesExemption", "RecordTraining", "RecordWelfareContribution", "RecordWelfareVisit", "SetGrowthTarget",
        "StreamEvents", "TransferMember", "AnonymiseMember",
        "GetDuesPayment", "ListDuesPayments", "VoidDuesPayment", "GetTraining", "ListTrainings", "VoidTraining",
        "GetWelfareContribution", "ListWelfareContributions", "VoidWelfareContribution", "GetWelfareVisit", "ListWelfareVisits", "VoidWelfareVisit",
        "GetGrowthTarget", "ListGrowthTargets",
    ];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task An_officer_of_060_acting_on_058_is_denied_and_nothing_changes(string operation)
    {
        var member = await factory.Members(factory.Tokens.DistrictOfficer058).RegisterMemberAsync(MembershipFactory.Valid("01834", "Trong Phạm Vi"));
        var records = await RecordsOf(member.Id);
        var token = factory.Tokens.For(Roles.DistrictOfficer, "06/060");
        var before = await Snapshot();

        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Call(operation, token, member.Id, records));

        Assert.Equal(before, await Snapshot());
    }

    [Fact]
    public async Task An_import_by_a_viewer_is_denied_and_rows_outside_the_scope_create_nothing()
    {
        var row = new ImportMemberRow { RowNumber = 2, Member = MembershipFactory.Valid("01834", "Nhập Ngoài Phạm Vi") };
        var before = await Snapshot();
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Import(factory.Tokens.For(Roles.Viewer, "06"), row));
        var result = await Import(factory.Tokens.For(Roles.DistrictOfficer, "06/060"), row);
        Assert.Equal((0, 1, "org_unit"), (result.Created, result.Failed, result.Errors.Single().Field));
        Assert.Equal(before, await Snapshot());
    }

    /// <summary>One record of each voidable kind in 058, by kind.</summary>
    private async Task<Dictionary<string, string>> RecordsOf(string memberId)
    {
        var officer = factory.Tokens.DistrictOfficer058;
        var welfare = factory.Welfare(officer);
        return new()
        {
            ["DuesPayment"] = (await factory.Dues(officer).RecordDuesPaymentAsync(new RecordDuesPaymentRequest { MemberId = memberId, Year = 2014, Months = 1 })).Id,
            ["Training"] = (await factory.Trainings(officer).RecordTrainingAsync(new RecordTrainingRequest
            {
                OrgUnit = "01834",
                Topic = "Trong phạm vi",
                StartDate = "2013-05-01",
                EndDate = "2013-05-01",
                OtherParticipants = 1,
            })).Id,
            ["WelfareContribution"] = (await welfare.RecordWelfareContributionAsync(new RecordWelfareContributionRequest { OrgUnit = "01834", Contributor = "Cán bộ", AmountVnd = 1 })).Id,
            ["WelfareVisit"] = (await welfare.RecordWelfareVisitAsync(new RecordWelfareVisitRequest { MemberId = memberId, Reason = "illness", AmountVnd = 1 })).Id,
        };
    }

    private Task Call(string operation, string token, string memberId, Dictionary<string, string> records)
    {
        var members = factory.Members(token);
        var units = factory.OrgUnits(token);
        var dues = factory.Dues(token);
        var trainings = factory.Trainings(token);
        var welfare = factory.Welfare(token);
        return operation switch
        {
            "RegisterMember" => members.RegisterMemberAsync(MembershipFactory.Valid("01834", "Ngoài Phạm Vi")).ResponseAsync,
            "GetMember" => members.GetMemberAsync(new GetMemberRequest { Id = memberId }).ResponseAsync,
            "ListMembers" => members.ListMembersAsync(new ListMembersRequest { OrgUnit = "01834" }).ResponseAsync,
            "UpdateMember" => members.UpdateMemberAsync(new UpdateMemberRequest
            {
                Member = new Member { Id = memberId, FullName = "Đổi Tên" },
                UpdateMask = FieldMask.FromString("full_name"),
                Etag = "1",
            }).ResponseAsync,
            "ChangeMemberStatus" => members.ChangeMemberStatusAsync(new ChangeMemberStatusRequest { Id = memberId, Status = "left" }).ResponseAsync,
            "GetOrgUnit" => units.GetOrgUnitAsync(new GetOrgUnitRequest { Code = "01834" }).ResponseAsync,
            "ListOrgUnits" => units.ListOrgUnitsAsync(new ListOrgUnitsRequest { Code = "058" }).ResponseAsync,
            "CreateOrgUnit" => units.CreateOrgUnitAsync(new CreateOrgUnitRequest { Code = "01834-NG", Name = "Ngoài", Level = "branch", ParentCode = "01834" }).ResponseAsync,
            "UpdateOrgUnit" => units.UpdateOrgUnitAsync(new UpdateOrgUnitRequest { Code = "01834", Name = "Đổi Tên", Etag = "1" }).ResponseAsync,
            "CloseOrgUnit" => units.CloseOrgUnitAsync(new CloseOrgUnitRequest { Code = "01852", ValidTo = "2020-01-01" }).ResponseAsync,
            "RecordDuesPayment" => dues.RecordDuesPaymentAsync(new RecordDuesPaymentRequest { MemberId = memberId, Year = 2013, Months = 1 }).ResponseAsync,
            "GrantDuesExemption" => dues.GrantDuesExemptionAsync(new GrantDuesExemptionRequest { MemberId = memberId, Year = 2013, Reason = "hộ nghèo" }).ResponseAsync,
            "RecordTraining" => trainings.RecordTrainingAsync(new RecordTrainingRequest
            {
                OrgUnit = "01834",
                Topic = "Sơ cấp cứu",
                StartDate = "2013-05-01",
                EndDate = "2013-05-02",
                OtherParticipants = 10,
            }).ResponseAsync,
            "RecordWelfareContribution" => welfare.RecordWelfareContributionAsync(new RecordWelfareContributionRequest { OrgUnit = "01834", Contributor = "Cán bộ", AmountVnd = 100_000 }).ResponseAsync,
            "RecordWelfareVisit" => welfare.RecordWelfareVisitAsync(new RecordWelfareVisitRequest { MemberId = memberId, Reason = "illness", AmountVnd = 200_000 }).ResponseAsync,
            "SetGrowthTarget" => factory.GrowthTargets(token).SetGrowthTargetAsync(new SetGrowthTargetRequest { OrgUnit = "01834", Year = 2013, NewMembers = 10 }).ResponseAsync,
            "StreamEvents" => ReadLog(token),
            "GetGrowthTarget" => factory.GrowthTargets(token).GetGrowthTargetAsync(new GetGrowthTargetRequest { OrgUnit = "058", Year = 2013 }).ResponseAsync,
            "ListGrowthTargets" => factory.GrowthTargets(token).ListGrowthTargetsAsync(new ListGrowthTargetsRequest { OrgUnit = "058" }).ResponseAsync,
            "TransferMember" => members.TransferMemberAsync(new TransferMemberRequest { Id = memberId, OrgUnit = "01837" }).ResponseAsync,
            "AnonymiseMember" => members.AnonymiseMemberAsync(new AnonymiseMemberRequest { Id = memberId }).ResponseAsync,
            "GetDuesPayment" => dues.GetDuesPaymentAsync(new GetRecordRequest { Id = records["DuesPayment"] }).ResponseAsync,
            "ListDuesPayments" => dues.ListDuesPaymentsAsync(new ListDuesPaymentsRequest { OrgUnit = "01834" }).ResponseAsync,
            "VoidDuesPayment" => dues.VoidDuesPaymentAsync(new VoidRecordRequest { Id = records["DuesPayment"], Reason = "x" }).ResponseAsync,
            "GetTraining" => trainings.GetTrainingAsync(new GetRecordRequest { Id = records["Training"] }).ResponseAsync,
            "ListTrainings" => trainings.ListTrainingsAsync(new ListTrainingsRequest { OrgUnit = "01834" }).ResponseAsync,
            "VoidTraining" => trainings.VoidTrainingAsync(new VoidRecordRequest { Id = records["Training"], Reason = "x" }).ResponseAsync,
            "GetWelfareContribution" => welfare.GetWelfareContributionAsync(new GetRecordRequest { Id = records["WelfareContribution"] }).ResponseAsync,
            "ListWelfareContributions" => welfare.ListWelfareContributionsAsync(new ListWelfareContributionsRequest { OrgUnit = "01834" }).ResponseAsync,
            "VoidWelfareContribution" => welfare.VoidWelfareContributionAsync(new VoidRecordRequest { Id = records["WelfareContribution"], Reason = "x" }).ResponseAsync,
            "GetWelfareVisit" => welfare.GetWelfareVisitAsync(new GetRecordRequest { Id = records["WelfareVisit"] }).ResponseAsync,
            "ListWelfareVisits" => welfare.ListWelfareVisitsAsync(new ListWelfareVisitsRequest { OrgUnit = "01834" }).ResponseAsync,
            "VoidWelfareVisit" => welfare.VoidWelfareVisitAsync(new VoidRecordRequest { Id = records["WelfareVisit"], Reason = "x" }).ResponseAsync,
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "no such operation"),
        };
    }

    private async Task ReadLog(string token)
    {
        using var call = new MembershipEventLog.MembershipEventLogClient(factory.Channel(token)).StreamEvents(new StreamEventsRequest());
        await call.ResponseStream.MoveNext();
    }

    private async Task<ImportMembersResponse> Import(string token, ImportMemberRow row)
    {
        using var call = factory.Members(token).ImportMembers();
        try
        {
            await call.RequestStream.WriteAsync(row);
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // A refusal ends the call before the server reads the stream; the response carries its status.
        }

        return await call;
    }

    /// <summary>Everything a refused call could have touched: members, units, activities and their voids, transfers,
    /// the audit trail, request_ids, events.</summary>
    private Task<string> Snapshot() => factory.WithDb(async db => string.Join(" ",
        await db.Set<Domain.MemberTransfer>().CountAsync(), await db.AuditEntries.CountAsync(),
        await db.DuesPayments.CountAsync(p => p.VoidedAt != null), await db.Trainings.CountAsync(t => t.VoidedAt != null),
        await db.WelfareContributions.CountAsync(c => c.VoidedAt != null), await db.WelfareVisits.CountAsync(v => v.VoidedAt != null),
        await db.Members.SumAsync(m => m.Version), await db.Members.CountAsync(), await db.OrgUnits.SumAsync(u => u.Version), await db.OrgUnits.CountAsync(),
        await db.DuesPayments.CountAsync(), await db.DuesExemptions.CountAsync(), await db.Trainings.CountAsync(), await db.WelfareContributions.CountAsync(),
        await db.WelfareVisits.CountAsync(), await db.GrowthTargets.CountAsync(), await db.Set<IdempotencyRecord>().CountAsync(), await db.Set<OutboxMessage>().CountAsync()));
}
