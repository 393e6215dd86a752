using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.Messaging;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Grpc;

/// <summary>The welfare fund (quỹ thăm hỏi): contributions paid in and visits to members in hardship.</summary>
internal sealed class WelfareService(MembershipDb db, TimeProvider clock) : Welfare.WelfareBase
{
    public override async Task<Contracts.Membership.V1.WelfareContribution> RecordWelfareContribution(RecordWelfareContributionRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteActivities);
        var input = new Input(clock.VietnamToday());
        var unitCode = input.Text("org_unit", request.OrgUnit, 20);
        var contributor = input.Text("contributor", request.Contributor, 200);
        var amount = input.Range("amount_vnd", request.AmountVnd, 1, Records.MaxVnd);
        var receivedOn = input.NotFuture("received_on", input.Date("received_on", request.ReceivedOn, input.Today));
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var contribution = await db.WriteAsync(async (db, ct) =>
        {
            var unit = await db.UnitAsync(unitCode!, "org_unit", caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.WelfareContributions.AsNoTracking().FirstAsync(c => c.Id == earlier, ct);
            }

            var contribution = new Domain.WelfareContribution
            {
                Id = Guid.CreateVersion7(),
                OrgUnitCode = unit.Code,
                Contributor = contributor!,
                AmountVnd = amount,
                ReceivedOn = receivedOn!.Value,
            };
            db.WelfareContributions.Add(contribution);
            db.AddEvent(Domain.IntegrationEvents.ContributionReceived(contribution, clock.GetUtcNow()));
            Idempotency.Remember(db, context, requestId, contribution.Id);
            RedCrossMetrics.MoneyRecorded("welfare_contribution", amount);
            return contribution;
        }, context.CancellationToken);
        return contribution.ToProto();
    }

    public override async Task<Contracts.Membership.V1.WelfareVisit> RecordWelfareVisit(RecordWelfareVisitRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteActivities);
        var input = new Input(clock.VietnamToday());
        var memberId = input.Id("member_id", request.MemberId);
        var reason = input.OneOf("reason", request.Reason, Domain.WelfareVisit.Reasons);
        var amount = input.Range("amount_vnd", request.AmountVnd, 0, Records.MaxVnd);
        var visitedOn = input.NotFuture("visited_on", input.Date("visited_on", request.VisitedOn, input.Today));
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var visit = await db.WriteAsync(async (db, ct) =>
        {
            var member = await db.Members.AsNoTracking().MemberAsync(memberId!.Value, "member_id", caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.WelfareVisits.AsNoTracking().FirstAsync(v => v.Id == earlier, ct);
            }

            var visit = new Domain.WelfareVisit
            {
                Id = Guid.CreateVersion7(),
                MemberId = member.Id,
                OrgUnitCode = member.OrgUnitCode,
                Reason = reason!,
                AmountVnd = amount,
                VisitedOn = visitedOn!.Value,
            };
            db.WelfareVisits.Add(visit);
            db.AddEvent(Domain.IntegrationEvents.VisitMade(visit, clock.GetUtcNow()));
            Idempotency.Remember(db, context, requestId, visit.Id);
            RedCrossMetrics.MoneyRecorded("welfare_visit", amount);
            return visit;
        }, context.CancellationToken);
        return visit.ToProto();
    }

    public override async Task<Contracts.Membership.V1.WelfareContribution> GetWelfareContribution(GetRecordRequest request, ServerCallContext context) =>
        (await Facts.GetAsync(db, db.WelfareContributions, "WelfareContribution", new Input(clock.VietnamToday()), request.Id, Caller.From(context), context.CancellationToken)).ToProto();

    public override async Task<ListWelfareContributionsResponse> ListWelfareContributions(ListWelfareContributionsRequest request, ServerCallContext context)
    {
        var input = new Input(clock.VietnamToday());
        var facts = db.WelfareContributions.AsQueryable();
        var (page, next) = await Facts.ListAsync(db, facts, input, request.OrgUnit, request.PageSize, request.PageToken, Caller.From(context), context.CancellationToken);
        return new ListWelfareContributionsResponse { WelfareContributions = { page.Select(f => f.ToProto()) }, NextPageToken = next };
    }

    public override async Task<Contracts.Membership.V1.WelfareContribution> VoidWelfareContribution(VoidRecordRequest request, ServerCallContext context) =>
        (await Facts.VoidAsync<Domain.WelfareContribution>(db, "WelfareContribution", request, Caller.From(context), clock,
            Domain.IntegrationEvents.ContributionVoided, context.CancellationToken)).ToProto();

    public override async Task<Contracts.Membership.V1.WelfareVisit> GetWelfareVisit(GetRecordRequest request, ServerCallContext context) =>
        (await Facts.GetAsync(db, db.WelfareVisits, "WelfareVisit", new Input(clock.VietnamToday()), request.Id, Caller.From(context), context.CancellationToken)).ToProto();

    public override async Task<ListWelfareVisitsResponse> ListWelfareVisits(ListWelfareVisitsRequest request, ServerCallContext context)
    {
        var input = new Input(clock.VietnamToday());
        var facts = db.WelfareVisits.AsQueryable();
        if (input.Id("member_id", request.MemberId, required: false) is { } memberId)
        {
            facts = facts.Where(f => f.MemberId == memberId);
        }

        var (page, next) = await Facts.ListAsync(db, facts, input, request.OrgUnit, request.PageSize, request.PageToken, Caller.From(context), context.CancellationToken);
        return new ListWelfareVisitsResponse { WelfareVisits = { page.Select(f => f.ToProto()) }, NextPageToken = next };
    }

    public override async Task<Contracts.Membership.V1.WelfareVisit> VoidWelfareVisit(VoidRecordRequest request, ServerCallContext context) =>
        (await Facts.VoidAsync<Domain.WelfareVisit>(db, "WelfareVisit", request, Caller.From(context), clock,
            Domain.IntegrationEvents.VisitVoided, context.CancellationToken)).ToProto();
}
