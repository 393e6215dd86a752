using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Relief.Data;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using Distribution = RedCross.Relief.Domain.Distribution;

namespace RedCross.Relief.Grpc;

/// <summary>Distributions (cứu trợ, trao quà): <see cref="DistributionDraft"/> → references and
/// <see cref="DonationBalance"/> inside the write transaction → <see cref="Distribution.Record"/>; reversed by a
/// correcting entry, never edited. docs/decisions.md walks through this class as the request shape's example.</summary>
internal sealed class DistributionsService(ReliefDb db, TimeProvider clock) : Distributions.DistributionsBase
{
    /// <summary>Most handovers in one batch: a commune's list at an event is hundreds; a district's, a few thousand.</summary>
    private const int MaxBatch = 5000;

    public override async Task<Contracts.Relief.V1.Distribution> CreateDistribution(CreateDistributionRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var draft = DistributionDraft.Check(input, "distribution", request.Distribution.ToFields(), NowLocal());
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        // The balance is read and the distribution inserted under one write lock: concurrent gifts from one donation
        // serialise, so the last of a balance goes to exactly as many as it covers.
        var recorded = await db.WriteAsync(async (db, ct) =>
        {
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Distributions.AsNoTracking().RequireAsync(earlier, "request_id", caller, ct);
            }

            var distribution = await RecordAsync(db, draft!, caller, null, [], ct);
            Idempotency.Remember(db, context, requestId, distribution.Id);
            return distribution;
        }, context.CancellationToken);
        return recorded.ToProto();
    }

    public override async Task<BatchCreateDistributionsResponse> BatchCreateDistributions(BatchCreateDistributionsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var drafts = CheckBatch(input, request);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        // One transaction: all are recorded or none; the balance rule sees the batch's own earlier items.
        var recorded = await db.WriteAsync(async (db, ct) =>
        {
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Distributions.AsNoTracking().Where(x => x.BatchId == earlier).OrderBy(x => x.Id).ToListAsync(ct);
            }

            var (batch, drawn, list) = (Guid.CreateVersion7(), new Dictionary<Guid, long>(), new List<Distribution>(drafts.Count));
            foreach (var draft in drafts)
            {
                list.Add(await RecordAsync(db, draft!, caller, batch, drawn, ct));
            }

            Idempotency.Remember(db, context, requestId, batch);
            return list;
        }, context.CancellationToken);
        return new BatchCreateDistributionsResponse { Distributions = { recorded.Select(x => x.ToProto()) } };
    }

    public override async Task<Contracts.Relief.V1.Distribution> GetDistribution(GetDistributionRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var input = new Input();
        var id = input.Id("id", request.Id);
        input.ThrowIfInvalid();
        return (await db.Distributions.AsNoTracking().RequireAsync(id!.Value, "id", caller, context.CancellationToken)).ToProto();
    }

    public override async Task<ListDistributionsResponse> ListDistributions(ListDistributionsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var ct = context.CancellationToken;
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        var beneficiaryId = input.Id("beneficiary_id", request.BeneficiaryId, required: false);
        var donationId = input.Id("donation_id", request.DonationId, required: false);
        var addressId = input.Id("address_id", request.AddressId, required: false);
        input.ThrowIfInvalid();

        var rows = Units.Within(db.Distributions.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct));
        rows = beneficiaryId is { } b ? rows.Where(x => x.BeneficiaryId == b) : rows;
        rows = donationId is { } dn ? rows.Where(x => x.DonationId == dn) : rows;
        rows = addressId is { } ad ? rows.Where(x => x.AddressId == ad) : rows;
        rows = after is { } a ? rows.Where(x => x.Id.CompareTo(a) > 0) : rows;
        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id, ct);
        return new ListDistributionsResponse { Distributions = { page.Select(x => x.ToProto()) }, NextPageToken = next };
    }

    public override async Task<Contracts.Relief.V1.Distribution> ReverseDistribution(ReverseDistributionRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input();
        var id = input.Id("id", request.Id);
        var reason = input.Text("reason", request.Reason, 500);
        var etag = input.Text("etag", request.Etag, 20, required: false);
        input.ThrowIfInvalid();

        var reversed = await db.WriteAsync(async (db, ct) =>
        {
            var distribution = await db.Distributions.RequireAsync(id!.Value, "id", caller, ct);
            ETag.EnsureMatches(etag, distribution);
            distribution.Reverse(caller.Subject, clock.GetUtcNow(), reason!);
            db.AddEvent(IntegrationEvents.Reversed(distribution, clock.GetUtcNow()));
            return distribution;
        }, context.CancellationToken);
        return reversed.ToProto();
    }

    private DateTime NowLocal() => clock.GetUtcNow().ToOffset(VietnamTime.Offset).DateTime;

    private List<DistributionDraft?> CheckBatch(Input input, BatchCreateDistributionsRequest request)
    {
        if (request.Requests.Count is 0 or > MaxBatch)
        {
            input.Fail("requests", $"must hold 1 to {MaxBatch} handovers");
            input.ThrowIfInvalid();
        }

        var now = NowLocal();
        return [.. request.Requests.Select((r, i) =>
        {
            if (!string.IsNullOrEmpty(r.RequestId))
            {
                input.Fail($"requests[{i}].request_id", "must be empty: the batch's request_id covers it");
            }

            return DistributionDraft.Check(input, $"requests[{i}].distribution", r.Distribution.ToFields(), now);
        })];
    }

    /// <summary>Loads a draft's references inside the write transaction, checks their rules and adds the distribution
    /// and its event. <paramref name="drawn"/> holds what earlier items of the same batch took from each donation:
    /// they are not saved yet, so the balance query cannot see them.</summary>
    private async Task<Distribution> RecordAsync(ReliefDb db, DistributionDraft draft, Caller caller, Guid? batch, Dictionary<Guid, long> drawn, CancellationToken ct)
    {
        var (beneficiaryField, addressField) = (draft.Prefix + ".beneficiary_id", draft.Prefix + ".address_id");
        var address = draft.AddressId is { } aid ? await db.HumanitarianAddresses.AsNoTracking().RequireAsync(aid, addressField, caller, ct) : null;
        var beneficiary = draft.RecipientId(address) is { } bid ? await db.BeneficiaryAsync(bid, beneficiaryField, caller, ct) : null;
        var unitCode = beneficiary?.OrgUnitCode ?? address!.OrgUnitCode;
        await Units.RequireOpenAsync(db, unitCode, beneficiary is not null ? beneficiaryField : addressField, draft.HandedOverOn, caller, ct);
        if (address is not null)
        {
            AddressReviewSchedule.EnsureOpen(address);
        }

        var distribution = Distribution.Record(draft, beneficiary, address, await SponsorOfAsync(db, draft, caller, drawn, ct), batch);
        db.Distributions.Add(distribution);
        db.AddEvent(IntegrationEvents.Recorded(distribution, clock.GetUtcNow()));
        RedCrossMetrics.MoneyRecorded("distribution", draft.ValueVnd);
        return distribution;
    }

    /// <summary>The sponsor behind the gift: the donation's (whose balance must cover it), the one handing over
    /// directly, or none for a fund.</summary>
    private static async Task<Guid?> SponsorOfAsync(ReliefDb db, DistributionDraft draft, Caller caller, Dictionary<Guid, long> drawn, CancellationToken ct)
    {
        if (draft.DonationId is { } id)
        {
            var donation = await db.Donations.AsNoTracking().RequireAsync(id, draft.Prefix + ".donation_id", caller, ct);
            DonationBalance.EnsureKindMatches(donation, draft.Kind);
            DonationBalance.EnsureCovers(donation, await db.DistributedAsync(id, ct) + drawn.GetValueOrDefault(id), draft.ValueVnd);
            drawn[id] = drawn.GetValueOrDefault(id) + draft.ValueVnd;
            return donation.SponsorId;
        }

        return draft.SponsorId is { } direct ? (await db.SponsorAsync(direct, draft.Prefix + ".sponsor_id", caller, ct)).Id : null;
    }
}
