using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Relief.Data;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Relief.Grpc;

/// <summary>Donations received (tiếp nhận quà tặng, quyên góp): cash or goods valued in VND, optionally earmarked.</summary>
internal sealed class DonationsService(ReliefDb db, TimeProvider clock) : Donations.DonationsBase
{
    public override async Task<Contracts.Relief.V1.Donation> CreateDonation(CreateDonationRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var d = request.Donation ?? new Contracts.Relief.V1.Donation();
        var draft = DonationDraft.Check(input, d.SponsorId, d.OrgUnit, d.Kind, d.ValueVnd, d.Item, d.Quantity, d.QuantityUnit, d.ReceivedOn, d.Programme, d.CampaignRef);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var (donation, distributed) = await db.WriteAsync(async (db, ct) =>
        {
            var unit = await Units.RequireOpenAsync(db, draft!.OrgUnitCode, "donation.org_unit", draft.ReceivedOn, caller, ct);
            var sponsor = await db.SponsorAsync(draft.SponsorId, "donation.sponsor_id", caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return (await db.Donations.AsNoTracking().FirstAsync(x => x.Id == earlier, ct), await db.DistributedAsync(earlier, ct));
            }

            var donation = draft.ToDonation(sponsor, unit.Code, unit.Path);
            db.Donations.Add(donation);
            db.AddEvent(IntegrationEvents.Received(donation, sponsor, clock.GetUtcNow()));
            Idempotency.Remember(db, context, requestId, donation.Id);
            RedCrossMetrics.MoneyRecorded("donation", donation.ValueVnd);
            return (donation, 0L);
        }, context.CancellationToken);
        return donation.ToProto(distributed);
    }

    public override async Task<Contracts.Relief.V1.Donation> GetDonation(GetDonationRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var input = new Input();
        var id = input.Id("id", request.Id);
        input.ThrowIfInvalid();
        var ct = context.CancellationToken;
        var donation = await db.Donations.AsNoTracking().RequireAsync(id!.Value, "id", caller, ct);
        return donation.ToProto(await db.DistributedAsync(donation.Id, ct));
    }

    public override async Task<ListDonationsResponse> ListDonations(ListDonationsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var ct = context.CancellationToken;
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        var sponsorId = input.Id("sponsor_id", request.SponsorId, required: false);
        input.ThrowIfInvalid();

        var rows = Units.Within(db.Donations.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct));
        rows = sponsorId is { } s ? rows.Where(x => x.SponsorId == s) : rows;
        rows = after is { } a ? rows.Where(x => x.Id.CompareTo(a) > 0) : rows;
        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id, ct);
        var distributed = await db.DistributedAsync(page.Select(x => x.Id), ct);
        return new ListDonationsResponse { Donations = { page.Select(x => x.ToProto(distributed.GetValueOrDefault(x.Id))) }, NextPageToken = next };
    }
}
