using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.Membership.Domain;
using RedCross.Messaging;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Grpc;

/// <summary>Dues payments and hardship exemptions: input → rules (<see cref="DuesYear"/>, <see cref="ExemptionCap"/>) → storage.</summary>
internal sealed class DuesService(MembershipDb db, DuesRules rules, TimeProvider clock) : Dues.DuesBase
{
    public override async Task<Contracts.Membership.V1.DuesPayment> RecordDuesPayment(RecordDuesPaymentRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteActivities);
        var input = new Input(clock.VietnamToday());
        var memberId = input.Id("member_id", request.MemberId);
        var year = (int)input.Range("year", request.Year, 2000, 2100);
        var months = (int)input.Range("months", request.Months, 1, 12);
        var paidOn = input.NotFuture("paid_on", input.Date("paid_on", request.PaidOn, input.Today));
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        // The twelve-month rule counts what is paid already: read and insert under one write lock.
        var payment = await db.WriteAsync(async (db, ct) =>
        {
            var member = await db.Members.AsNoTracking().MemberAsync(memberId!.Value, "member_id", caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.DuesPayments.AsNoTracking().FirstAsync(p => p.Id == earlier, ct);
            }

            var payment = DuesYear.Pay(member, year, months, paidOn!.Value, await db.DuesYearAsync(member.Id, year, ct), rules);
            db.DuesPayments.Add(payment);
            db.AddEvent(IntegrationEvents.Paid(payment, clock.GetUtcNow()));
            Idempotency.Remember(db, context, requestId, payment.Id);
            RedCrossMetrics.MoneyRecorded("dues", payment.AmountVnd);
            return payment;
        }, context.CancellationToken);
        return payment.ToProto();
    }

    public override async Task<Contracts.Membership.V1.DuesExemption> GrantDuesExemption(GrantDuesExemptionRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteActivities);
        var input = new Input(clock.VietnamToday());
        var memberId = input.Id("member_id", request.MemberId);
        var year = (int)input.Range("year", request.Year, 2000, 2100);
        var reason = input.Text("reason", request.Reason, 500);
        input.ThrowIfInvalid();

        // The cap counts the commune's members and exemptions: read and insert under one write lock, so two officers
        // granting at the same moment cannot both take the last place.
        var exemption = await db.WriteAsync(async (db, ct) =>
        {
            var member = await db.Members.AsNoTracking().MemberAsync(memberId!.Value, "member_id", caller, ct);
            var home = await db.UnitAsync(member.OrgUnitCode, "member_id", ct);
            var commune = await db.CommuneOfAsync(home, ct)
                ?? throw new RuleViolationException(ExemptionCap.NoCommune, "Exemptions are granted by a commune-level unit; the member's unit is above that level.");
            if (await db.DuesExemptions.AnyAsync(e => e.MemberId == member.Id && e.Year == year && e.VoidedAt == null, ct))
            {
                throw new ResourceConflictException("member_id", $"The member is already exempt for {year}.");
            }

            var members = await MembershipQueries.MembersOfYearAsync(db, commune.Path, year, ct);
            var exempt = await db.DuesExemptions.CountAsync(e => e.OrgUnitCode == commune.Code && e.Year == year && e.VoidedAt == null, ct);
            ExemptionCap.Enforce(commune.Code, year, exempt, members, rules.ExemptionCapPercent);
            var exemption = new Domain.DuesExemption { Id = Guid.CreateVersion7(), MemberId = member.Id, OrgUnitCode = commune.Code, Year = year, Reason = reason! };
            db.DuesExemptions.Add(exemption);
            return exemption;
        }, context.CancellationToken);
        return exemption.ToProto();
    }

    public override async Task<Contracts.Membership.V1.DuesPayment> GetDuesPayment(GetRecordRequest request, ServerCallContext context) =>
        (await Facts.GetAsync(db, db.DuesPayments, "DuesPayment", new Input(clock.VietnamToday()), request.Id, Caller.From(context), context.CancellationToken)).ToProto();

    public override async Task<ListDuesPaymentsResponse> ListDuesPayments(ListDuesPaymentsRequest request, ServerCallContext context)
    {
        var input = new Input(clock.VietnamToday());
        var facts = db.DuesPayments.AsQueryable();
        if (input.Id("member_id", request.MemberId, required: false) is { } memberId)
        {
            facts = facts.Where(f => f.MemberId == memberId);
        }

        if (request.Year != 0)
        {
            input.Range("year", request.Year, 2000, 2100);
            facts = facts.Where(f => f.Year == request.Year);
        }

        var (page, next) = await Facts.ListAsync(db, facts, input, request.OrgUnit, request.PageSize, request.PageToken, Caller.From(context), context.CancellationToken);
        return new ListDuesPaymentsResponse { DuesPayments = { page.Select(f => f.ToProto()) }, NextPageToken = next };
    }

    public override async Task<Contracts.Membership.V1.DuesPayment> VoidDuesPayment(VoidRecordRequest request, ServerCallContext context) =>
        (await Facts.VoidAsync<Domain.DuesPayment>(db, "DuesPayment", request, Caller.From(context), clock,
            IntegrationEvents.PaymentVoided, context.CancellationToken)).ToProto();

    public override async Task<Contracts.Membership.V1.DuesExemption> GetDuesExemption(GetRecordRequest request, ServerCallContext context) =>
        (await Facts.GetAsync(db, db.DuesExemptions, "DuesExemption", new Input(clock.VietnamToday()), request.Id, Caller.From(context), context.CancellationToken)).ToProto();

    public override async Task<ListDuesExemptionsResponse> ListDuesExemptions(ListDuesExemptionsRequest request, ServerCallContext context)
    {
        var input = new Input(clock.VietnamToday());
        var facts = db.DuesExemptions.AsQueryable();
        if (input.Id("member_id", request.MemberId, required: false) is { } memberId)
        {
            facts = facts.Where(f => f.MemberId == memberId);
        }

        if (request.Year != 0)
        {
            input.Range("year", request.Year, 2000, 2100);
            facts = facts.Where(f => f.Year == request.Year);
        }

        var (page, next) = await Facts.ListAsync(db, facts, input, request.OrgUnit, request.PageSize, request.PageToken, Caller.From(context), context.CancellationToken);
        return new ListDuesExemptionsResponse { DuesExemptions = { page.Select(f => f.ToProto()) }, NextPageToken = next };
    }

    // Reporting counts no exemption, so voiding one publishes nothing; it frees a place under the cap.
    public override async Task<Contracts.Membership.V1.DuesExemption> VoidDuesExemption(VoidRecordRequest request, ServerCallContext context) =>
        (await Facts.VoidAsync<Domain.DuesExemption>(db, "DuesExemption", request, Caller.From(context), clock,
            (_, _) => null, context.CancellationToken)).ToProto();
}
