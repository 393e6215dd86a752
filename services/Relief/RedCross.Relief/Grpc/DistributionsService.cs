using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Relief.Data;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using Distribution = RedCross.Relief.Domain.Distribution;

namespace RedCross.Relief.Grpc;

/// <summary>Distributions (cứu trợ, trao quà): input → <see cref="DonationBalance"/> inside the write transaction →
/// storage; reversed by a correcting entry, never edited.</summary>
internal sealed class DistributionsService(ReliefDb db, TimeProvider clock) : Distributions.DistributionsBase
{
    /// <summary>Most handovers in one batch: a commune's list at an event is hundreds; a district's, a few thousand.</summary>
    private const int MaxBatch = 5000;

    public override async Task<Contracts.Relief.V1.Distribution> CreateDistribution(CreateDistributionRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var draft = DistributionDraft.Check(input, "distribution", request.Distribution ?? new Contracts.Relief.V1.Distribution(), NowLocal());
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        // The balance is read and the distribution inserted under one write lock: concurrent gifts from one donation
        // serialise, so the last of a balance goes to exactly as many as it covers.
        var recorded = await db.WriteAsync(async ct =>
        {
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                var first = await db.Distributions.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
                caller.EnsureCanSee(first.OrgUnitPath);
                return first;
            }

            var distribution = await RecordAsync(draft!, caller, null, [], ct);
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
        if (request.Requests.Count is 0 or > MaxBatch)
        {
            input.Fail("requests", $"must hold 1 to {MaxBatch} handovers");
            input.ThrowIfInvalid();
        }

        var now = NowLocal();
        var drafts = request.Requests.Select((r, i) =>
        {
            if (!string.IsNullOrEmpty(r.RequestId))
            {
                input.Fail($"requests[{i}].request_id", "must be empty: the batch's request_id covers it");
            }

            return DistributionDraft.Check(input, $"requests[{i}].distribution", r.Distribution ?? new Contracts.Relief.V1.Distribution(), now);
        }).ToList();
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        // One transaction: all are recorded or none; the balance rule sees the batch's own earlier items.
        var recorded = await db.WriteAsync(async ct =>
        {
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Distributions.AsNoTracking().Where(x => x.BatchId == earlier).OrderBy(x => x.Id).ToListAsync(ct);
            }

            var batch = Guid.CreateVersion7();
            var drawn = new Dictionary<Guid, long>();
            var list = new List<Distribution>(drafts.Count);
            foreach (var draft in drafts)
            {
                list.Add(await RecordAsync(draft!, caller, batch, drawn, ct));
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
        return (await RequireAsync(db.Distributions.AsNoTracking(), id!.Value, caller, context.CancellationToken)).ToProto();
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
        if (beneficiaryId is { } b)
        {
            rows = rows.Where(x => x.BeneficiaryId == b);
        }

        if (donationId is { } dn)
        {
            rows = rows.Where(x => x.DonationId == dn);
        }

        if (addressId is { } ad)
        {
            rows = rows.Where(x => x.AddressId == ad);
        }

        if (after is { } a)
        {
            rows = rows.Where(x => x.Id.CompareTo(a) > 0);
        }

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

        var reversed = await db.WriteAsync(async ct =>
        {
            var distribution = await RequireAsync(db.Distributions, id!.Value, caller, ct);
            if (etag is not null && etag != distribution.ETag)
            {
                throw new RuleViolationException("ETAG_MISMATCH", "The distribution changed since it was read; read it again.");
            }

            if (distribution.ReversedAt is not null)
            {
                throw new RuleViolationException("ALREADY_REVERSED", $"Distribution {distribution.Id} was reversed already.");
            }

            distribution.Reverse(caller.Subject, clock.GetUtcNow(), reason!);
            db.AddEvent(IntegrationEvents.Reversed(distribution, clock.GetUtcNow()));
            return distribution;
        }, context.CancellationToken);
        return reversed.ToProto();
    }

    private DateTime NowLocal() => clock.GetUtcNow().ToOffset(VietnamTime.Offset).DateTime;

    /// <summary>Checks a draft's references and rules inside the write transaction and adds the distribution and its
    /// event. <paramref name="drawn"/> holds what earlier items of the same batch took from each donation: they are
    /// not saved yet, so the balance query cannot see them.</summary>
    private async Task<Distribution> RecordAsync(DistributionDraft draft, Caller caller, Guid? batch, Dictionary<Guid, long> drawn, CancellationToken ct)
    {
        var (beneficiaryField, addressField) = (draft.Prefix + ".beneficiary_id", draft.Prefix + ".address_id");
        var address = draft.AddressId is { } aid
            ? await HumanitarianAddressesService.RequireAsync(db.HumanitarianAddresses.AsNoTracking(), aid, addressField, caller, ct)
            : null;
        if (address is not null && draft.BeneficiaryId is { } given && given != address.BeneficiaryId)
        {
            throw new ValidationFailedException(beneficiaryField, "must be the address's linked beneficiary, or empty");
        }

        var beneficiary = (draft.BeneficiaryId ?? address?.BeneficiaryId) is { } bid
            ? await BeneficiariesService.RequireAsync(db, bid, beneficiaryField, caller, ct)
            : null;
        var (unitCode, unitPath) = beneficiary is not null ? (beneficiary.OrgUnitCode, beneficiary.OrgUnitPath) : (address!.OrgUnitCode, address.OrgUnitPath);
        await Units.RequireOpenAsync(db, unitCode, beneficiary is not null ? beneficiaryField : addressField, draft.HandedOverOn, caller, ct);
        if (address is not null)
        {
            AddressReviewSchedule.EnsureOpen(address);
        }

        Guid? sponsor = null;
        if (draft.DonationId is { } fromDonation)
        {
            var donation = await db.Donations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == fromDonation, ct)
                ?? throw new ResourceNotFoundException("Donation", fromDonation.ToString(), draft.Prefix + ".donation_id");
            caller.EnsureCanSee(donation.OrgUnitPath);
            DonationBalance.EnsureKindMatches(donation, draft.Kind);
            var before = await DonationsService.DistributedAsync(db, donation.Id, ct) + drawn.GetValueOrDefault(donation.Id);
            DonationBalance.EnsureCovers(donation, before, draft.ValueVnd);
            drawn[donation.Id] = drawn.GetValueOrDefault(donation.Id) + draft.ValueVnd;
            sponsor = donation.SponsorId;
        }
        else if (draft.SponsorId is { } direct)
        {
            sponsor = (await SponsorsService.RequireAsync(db, direct, draft.Prefix + ".sponsor_id", caller, ct)).Id;
        }

        var distribution = new Distribution
        {
            Id = Guid.CreateVersion7(),
            BeneficiaryId = beneficiary?.Id,
            AddressId = address?.Id,
            OrgUnitCode = unitCode,
            OrgUnitPath = unitPath,
            Kind = draft.Kind,
            ValueVnd = draft.ValueVnd,
            Item = draft.Goods.Item,
            Quantity = draft.Goods.Quantity,
            QuantityUnit = draft.Goods.Unit,
            SourceKind = draft.SourceKind,
            DonationId = draft.DonationId,
            SponsorId = sponsor,
            Fund = draft.Fund,
            CampaignRef = draft.CampaignRef,
            HandedOverLocal = draft.HandedOverAt,
            HandedOverOn = draft.HandedOverOn,
            RecipientSex = beneficiary?.Sex,
            RecipientAgeBand = beneficiary is null ? null : PersonBands.AgeBandAt(beneficiary.BirthDate, draft.HandedOverOn),
            BatchId = batch,
        };
        db.Distributions.Add(distribution);
        db.AddEvent(IntegrationEvents.Recorded(distribution, clock.GetUtcNow()));
        RedCrossMetrics.MoneyRecorded("distribution", draft.ValueVnd);
        return distribution;
    }

    private static async Task<Distribution> RequireAsync(IQueryable<Distribution> distributions, Guid id, Caller caller, CancellationToken ct)
    {
        var distribution = await distributions.FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new ResourceNotFoundException("Distribution", id.ToString(), "id");
        caller.EnsureCanSee(distribution.OrgUnitPath);
        return distribution;
    }
}
