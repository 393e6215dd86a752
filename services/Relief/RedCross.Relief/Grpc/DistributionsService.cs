using System.Globalization;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
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
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    public override async Task<Contracts.Relief.V1.Distribution> CreateDistribution(CreateDistributionRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var d = request.Distribution ?? new Contracts.Relief.V1.Distribution();
        // The target is a beneficiary, an address, or an address and its linked beneficiary: an address alone takes
        // its linked beneficiary (if any); a beneficiary given with an address must be that one.
        var addressId = input.Id("distribution.address_id", d.AddressId, required: false);
        var beneficiaryId = input.Id("distribution.beneficiary_id", d.BeneficiaryId, required: string.IsNullOrWhiteSpace(d.AddressId));
        var kind = input.OneOf("distribution.kind", d.Kind, Distribution.Kinds);
        var value = Money.Vnd(input, "distribution.value_vnd", d.ValueVnd);
        var goods = Money.Goods(input, "distribution", kind == Distribution.Goods, d.Item, d.Quantity, d.QuantityUnit);
        var sourceKind = input.OneOf("distribution.source_kind", d.SourceKind, Distribution.SourceKinds);
        var donationId = input.Id("distribution.donation_id", d.DonationId, required: sourceKind == Distribution.FromDonation);
        var sponsorId = input.Id("distribution.sponsor_id", d.SponsorId, required: sourceKind == Distribution.SponsorDirect);
        if (sourceKind == Distribution.FromDonation && !string.IsNullOrEmpty(d.SponsorId))
        {
            input.Fail("distribution.sponsor_id", "is taken from the donation; leave it empty");
        }

        if (sourceKind == Distribution.SponsorDirect && !string.IsNullOrEmpty(d.DonationId))
        {
            input.Fail("distribution.donation_id", "is for source_kind donation only");
        }

        var campaign = input.Text("distribution.campaign_ref", d.CampaignRef, 100, required: false);
        var handedOver = HandedOverAt(input, d.HandedOverAt);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        // The balance is read and the distribution inserted under one write lock: concurrent gifts from one donation
        // serialise, so the last of a balance goes to exactly as many as it covers.
        var recorded = await db.WriteAsync(async ct =>
        {
            var address = addressId is { } aid
                ? await HumanitarianAddressesService.RequireAsync(db.HumanitarianAddresses.AsNoTracking(), aid, "distribution.address_id", caller, ct)
                : null;
            if (address is not null && beneficiaryId is { } given && given != address.BeneficiaryId)
            {
                throw new ValidationFailedException("distribution.beneficiary_id", "must be the address's linked beneficiary, or empty");
            }

            var beneficiary = (beneficiaryId ?? address?.BeneficiaryId) is { } bid
                ? await BeneficiariesService.RequireAsync(db, bid, "distribution.beneficiary_id", caller, ct)
                : null;
            var (unitCode, unitPath) = beneficiary is not null ? (beneficiary.OrgUnitCode, beneficiary.OrgUnitPath) : (address!.OrgUnitCode, address.OrgUnitPath);
            var on = DateOnly.FromDateTime(handedOver!.Value);
            await Units.RequireOpenAsync(db, unitCode, beneficiary is not null ? "distribution.beneficiary_id" : "distribution.address_id", on, caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Distributions.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            if (address is not null)
            {
                AddressReviewSchedule.EnsureOpen(address);
            }

            Guid sponsor;
            if (donationId is { } fromDonation)
            {
                var donation = await db.Donations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == fromDonation, ct)
                    ?? throw new ResourceNotFoundException("Donation", fromDonation.ToString(), "distribution.donation_id");
                caller.EnsureCanSee(donation.OrgUnitPath);
                DonationBalance.EnsureKindMatches(donation, kind!);
                DonationBalance.EnsureCovers(donation, await DonationsService.DistributedAsync(db, donation.Id, ct), value);
                sponsor = donation.SponsorId;
            }
            else
            {
                sponsor = (await SponsorsService.RequireAsync(db, sponsorId!.Value, "distribution.sponsor_id", caller, ct)).Id;
            }

            var distribution = new Distribution
            {
                Id = Guid.CreateVersion7(),
                BeneficiaryId = beneficiary?.Id,
                AddressId = address?.Id,
                OrgUnitCode = unitCode,
                OrgUnitPath = unitPath,
                Kind = kind!,
                ValueVnd = value,
                Item = goods.Item,
                Quantity = goods.Quantity,
                QuantityUnit = goods.Unit,
                SourceKind = sourceKind!,
                DonationId = donationId,
                SponsorId = sponsor,
                CampaignRef = campaign,
                HandedOverLocal = handedOver.Value,
                HandedOverOn = on,
            };
            db.Distributions.Add(distribution);
            db.AddEvent(IntegrationEvents.Recorded(distribution, clock.GetUtcNow()));
            Idempotency.Remember(db, context, requestId, distribution.Id);
            RedCrossMetrics.MoneyRecorded("distribution", value);
            return distribution;
        }, context.CancellationToken);
        return recorded.ToProto();
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

    /// <summary>The Vietnam-local wall-clock time of the handover (no offset: the date is the one people saw), not in
    /// the future.</summary>
    private DateTime? HandedOverAt(Input input, string value)
    {
        if (!DateTime.TryParseExact(value?.Trim(), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            input.Fail("distribution.handed_over_at", "must be a local date and time written YYYY-MM-DDTHH:MM");
            return null;
        }

        if (local > clock.GetUtcNow().ToOffset(VietnamTime.Offset).DateTime)
        {
            input.Fail("distribution.handed_over_at", "must not be in the future");
            return null;
        }

        return local;
    }

    private static async Task<Distribution> RequireAsync(IQueryable<Distribution> distributions, Guid id, Caller caller, CancellationToken ct)
    {
        var distribution = await distributions.FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new ResourceNotFoundException("Distribution", id.ToString(), "id");
        caller.EnsureCanSee(distribution.OrgUnitPath);
        return distribution;
    }
}
