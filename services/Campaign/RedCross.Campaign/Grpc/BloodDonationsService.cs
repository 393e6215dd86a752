using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Campaign.Data;
using RedCross.Campaign.Domain;
using RedCross.Contracts.Campaign.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using BloodDonation = RedCross.Campaign.Domain.BloodDonation;

namespace RedCross.Campaign.Grpc;

/// <summary>Blood donations: input → <see cref="EligibilityRules"/> (read and checked inside the write transaction,
/// with the donor's neighbouring donations and deferrals) → storage, the donor's count and BloodDonationRecorded.</summary>
internal sealed class BloodDonationsService(CampaignDb db, TimeProvider clock, AuditReads<CampaignDb> auditReads) : BloodDonations.BloodDonationsBase
{
    public override async Task<Contracts.Campaign.V1.BloodDonation> RecordBloodDonation(RecordBloodDonationRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteCampaigns);
        var input = new Input(clock.VietnamToday());
        var (donorId, sessionId, draft) = Check(input, request.Donation ?? new Contracts.Campaign.V1.BloodDonation());
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var recorded = await db.WriteAsync(async (db, ct) =>
        {
            var donor = await db.Donors.RequireAsync(donorId!.Value, "donation.donor_id", caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Donations.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            donor.EnsureCanRecord(draft.DonatedOn, "donation.donated_on");
            var session = sessionId is { } sid ? await CampaignReads.RequireSessionAsync(db, sid, "donation.session_id", caller, ct) : default;
            var rules = new EligibilityRules(await db.Rules.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Value, ct));
            var donation = donor.RecordDonation(draft, session.Session, session.Campaign, rules,
                await CampaignReads.NeighboursAsync(db, donor.Id, draft.DonatedOn, ct), await CampaignReads.DeferralOnAsync(db, donor.Id, draft.DonatedOn, ct),
                clock.GetUtcNow());
            db.Donations.Add(donation);
            if (session.Campaign is { } campaign)
            {
                // Its totals are an owned record: counted as a change of the campaign, so its version moves.
                db.MarkChanged(campaign);
            }

            db.AddEvent(IntegrationEvents.Donated(donation, donor, clock.GetUtcNow()));
            DonorAuditTrail.Changed(db, context, caller, donor, draft.WeightTenthsKg is null ? ["donations"] : ["donations", "weight_kg"], clock.GetUtcNow());
            Idempotency.Remember(db, context, requestId, donation.Id);
            return donation;
        }, context.CancellationToken);
        return recorded.ToProto(caller);
    }

    public override async Task<Contracts.Campaign.V1.BloodDonation> GetBloodDonation(GetBloodDonationRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadCampaigns);
        var input = new Input();
        var id = input.Id("id", request.Id);
        input.ThrowIfInvalid();
        var donation = await db.Donations.AsNoTracking().RequireAsync(id!.Value, "id", caller, context.CancellationToken);
        auditReads.Record([DonorAuditTrail.DonationRead(context, caller, donation, clock.GetUtcNow())]);
        return donation.ToProto(caller);
    }

    public override async Task<ListBloodDonationsResponse> ListBloodDonations(ListBloodDonationsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadCampaigns);
        var ct = context.CancellationToken;
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        var donorId = input.Id("donor_id", request.DonorId, required: false);
        var sessionId = input.Id("session_id", request.SessionId, required: false);
        input.ThrowIfInvalid();

        var rows = Units.Within(db.Donations.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct));
        if (donorId is { } dn)
        {
            rows = rows.Where(x => x.DonorId == dn);
        }

        if (sessionId is { } s)
        {
            rows = rows.Where(x => x.SessionId == s);
        }

        if (after is { } a)
        {
            rows = rows.Where(x => x.Id.CompareTo(a) > 0);
        }

        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id, ct);
        auditReads.Record([.. page.Select(x => DonorAuditTrail.DonationRead(context, caller, x, clock.GetUtcNow()))]);
        return new ListBloodDonationsResponse { Donations = { page.Select(x => x.ToProto(caller)) }, NextPageToken = next };
    }

    /// <summary>The donation's fields checked for form (every violation collected in <paramref name="input"/>).</summary>
    private static (Guid? DonorId, Guid? SessionId, DonationDraft Draft) Check(Input input, Contracts.Campaign.V1.BloodDonation d)
    {
        var donorId = input.Id("donation.donor_id", d.DonorId);
        var sessionId = input.Id("donation.session_id", d.SessionId, required: false);
        var component = input.OneOf("donation.component", d.Component, BloodDonation.Components);
        var volume = (int)input.Range("donation.volume_ml", d.VolumeMl, 1, 1000);
        var on = input.NotFuture("donation.donated_on", input.Date("donation.donated_on", d.DonatedOn));
        var weight = DonorDraft.WeightTenths(input, "donation.weight_kg", d.WeightKg, required: false);
        return (donorId, sessionId, new DonationDraft(component!, volume, on.GetValueOrDefault(), weight));
    }
}
