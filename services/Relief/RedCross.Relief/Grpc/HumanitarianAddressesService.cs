using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Relief.Data;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using AddressReview = RedCross.Relief.Domain.AddressReview;
using HumanitarianAddress = RedCross.Relief.Domain.HumanitarianAddress;

namespace RedCross.Relief.Grpc;

/// <summary>Humanitarian addresses (địa chỉ nhân đạo): opening, reading and the overdue list here; the history writes
/// (commitments, assistance, reviews, closing) in the other half of this class. The review rule lives in
/// <see cref="AddressReviewSchedule"/>. Every read (one entry per address returned) and change is in the audit trail
/// (<see cref="AddressAuditTrail"/>), as for beneficiaries.</summary>
internal sealed partial class HumanitarianAddressesService(ReliefDb db, TimeProvider clock, AddressReviewPolicy policy, AuditReads<ReliefDb> auditReads)
    : HumanitarianAddresses.HumanitarianAddressesBase
{
    public override async Task<Contracts.Relief.V1.HumanitarianAddress> CreateHumanitarianAddress(CreateHumanitarianAddressRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var a = request.HumanitarianAddress ?? new Contracts.Relief.V1.HumanitarianAddress();
        var draft = AddressDraft.Check(input, a.OrgUnit, a.BeneficiaryId, a.DisplayName, a.Phone, a.Address, a.Situation, a.Needs, a.OpenedOn);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        // The one-open-address-per-beneficiary lookup and the insert share the write lock.
        var opened = await db.WriteAsync(async (db, ct) =>
        {
            var unit = await Units.RequireOpenAsync(db, draft!.OrgUnitCode, "humanitarian_address.org_unit", draft.OpenedOn, caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.HumanitarianAddresses.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            if (draft.BeneficiaryId is { } beneficiaryId)
            {
                var beneficiary = await db.BeneficiaryAsync(beneficiaryId, "humanitarian_address.beneficiary_id", caller, ct);
                HumanitarianAddress.EnsureBeneficiaryWithin(beneficiary, unit.Code, unit.Path);
                await db.EnsureNoOpenAddressAsync(beneficiaryId, "humanitarian_address.beneficiary_id", ct);
            }

            var address = draft.ToAddress(Guid.CreateVersion7(), unit.Path, policy);
            db.HumanitarianAddresses.Add(address);
            db.AddEvent(IntegrationEvents.Opened(address, clock.GetUtcNow()));
            AddressAuditTrail.Changed(db, context, caller, address, AddressAuditTrail.OpenedFields(address), clock.GetUtcNow());
            Idempotency.Remember(db, context, requestId, address.Id);
            return address;
        }, context.CancellationToken);
        return await ProtoAsync(opened, caller, context.CancellationToken);
    }

    public override async Task<Contracts.Relief.V1.HumanitarianAddress> GetHumanitarianAddress(GetHumanitarianAddressRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var input = new Input();
        var id = input.Id("id", request.Id);
        input.ThrowIfInvalid();
        var address = await db.HumanitarianAddresses.AsNoTracking().RequireAsync(id!.Value, "id", caller, context.CancellationToken);
        auditReads.Record([AddressAuditTrail.Read(context, caller, address, clock.GetUtcNow())]);
        return await ProtoAsync(address, caller, context.CancellationToken);
    }

    public override async Task<ListHumanitarianAddressesResponse> ListHumanitarianAddresses(ListHumanitarianAddressesRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var ct = context.CancellationToken;
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        var status = string.IsNullOrEmpty(request.Status) ? null : input.OneOf("status", request.Status, HumanitarianAddress.Statuses);
        var beneficiaryId = input.Id("beneficiary_id", request.BeneficiaryId, required: false);
        input.ThrowIfInvalid();

        var rows = Units.Within(db.HumanitarianAddresses.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct));
        rows = status is not null ? rows.Where(x => x.Status == status) : rows;
        rows = beneficiaryId is { } b ? rows.Where(x => x.BeneficiaryId == b) : rows;
        return await PageAsync(rows, after, pageSize, caller, context);
    }

    public override async Task<ListHumanitarianAddressesResponse> ListOverdueAddresses(ListOverdueAddressesRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var ct = context.CancellationToken;
        var input = new Input(clock.VietnamToday());
        var asOf = input.Date("as_of", request.AsOf, input.Today);
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        input.ThrowIfInvalid();

        // Open on the day, and the due date in force on it (set by the last review on or before it, else the first)
        // before it: the same rule as reporting's relief.addresses.review_overdue at a period's end.
        var day = asOf!.Value;
        var reviews = db.Set<AddressReview>();
        var rows = Units.Within(db.HumanitarianAddresses.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct))
            .Where(a => a.OpenedOn <= day && (a.ClosedOn == null || a.ClosedOn > day))
            .Where(a => (reviews.Where(r => r.AddressId == a.Id && r.ReviewedOn <= day)
                .OrderByDescending(r => r.ReviewedOn).ThenByDescending(r => r.Id)
                .Select(r => r.NextDueOn).FirstOrDefault() ?? a.FirstDueOn) < day);
        return await PageAsync(rows, after, pageSize, caller, context);
    }

    /// <summary>A page of addresses, each audited as read before the page is sent.</summary>
    private async Task<ListHumanitarianAddressesResponse> PageAsync(IQueryable<HumanitarianAddress> rows, Guid? after, int pageSize, Caller caller, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (after is { } a)
        {
            rows = rows.Where(x => x.Id.CompareTo(a) > 0);
        }

        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id, ct);
        auditReads.Record([.. page.Select(x => AddressAuditTrail.Listed(context, caller, x, clock.GetUtcNow()))]);
        return new ListHumanitarianAddressesResponse { HumanitarianAddresses = { page.Select(x => x.ToProto(caller, null)) }, NextPageToken = next };
    }

    /// <summary>The address with its history, read after the write committed.</summary>
    private async Task<Contracts.Relief.V1.HumanitarianAddress> ProtoAsync(HumanitarianAddress address, Caller caller, CancellationToken ct)
    {
        var history = new AddressHistory(
            await db.Set<AddressCommitment>().AsNoTracking().Where(x => x.AddressId == address.Id).OrderBy(x => x.Id).ToListAsync(ct),
            await db.Set<AddressAssistance>().AsNoTracking().Where(x => x.AddressId == address.Id).OrderBy(x => x.Id).ToListAsync(ct),
            await db.Set<AddressReview>().AsNoTracking().Where(x => x.AddressId == address.Id).OrderBy(x => x.Id).ToListAsync(ct));
        return address.ToProto(caller, history);
    }
}
