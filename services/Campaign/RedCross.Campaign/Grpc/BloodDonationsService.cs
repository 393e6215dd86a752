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
using BloodSession = RedCross.Campaign.Domain.BloodSession;

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
        var d = request.Donation ?? new Contracts.Campaign.V1.BloodDonation();
        var donorId = input.Id("donation.donor_id", d.DonorId);
        var sessionId = input.Id("donation.session_id", d.SessionId, required: false);
        var component = input.OneOf("donation.component", d.Component, BloodDonation.Components);
        var volume = (int)input.Range("donation.volume_ml", d.VolumeMl, 1, 1000);
        var on = input.NotFuture("donation.donated_on", input.Date("donation.donated_on", d.DonatedOn));
        var weight = DonorDraft.WeightTenths(input, "donation.weight_kg", d.WeightKg, required: false);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var recorded = await db.WriteAsync(async ct =>
        {
            var donor = await BloodDonorsService.RequireAsync(db.Donors, donorId!.Value, "donation.donor_id", caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Donations.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            donor.EnsureNotAnonymised();

            if (on!.Value < donor.BirthDate)
            {
                throw new ValidationFailedException("donation.donated_on", "must not be before the donor's birth date");
            }

            var session = sessionId is { } sid ? await RequireSessionAsync(sid, on.Value, caller, ct) : null;
            var rules = new EligibilityRules(await db.Rules.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Value, ct));
            var weighed = weight ?? donor.WeightTenthsKg;
            rules.CheckDonor(donor, on.Value, weighed, volume);
            var before = await db.Donations.AsNoTracking().Where(x => x.DonorId == donor.Id && x.DonatedOn <= on.Value)
                .OrderByDescending(x => x.DonatedOn).FirstOrDefaultAsync(ct);
            var after = await db.Donations.AsNoTracking().Where(x => x.DonorId == donor.Id && x.DonatedOn > on.Value)
                .OrderBy(x => x.DonatedOn).FirstOrDefaultAsync(ct);
            rules.CheckIntervals(before, after, on.Value, component!);
            EligibilityRules.CheckDeferral(await db.Deferrals.AsNoTracking().FirstOrDefaultAsync(x => x.DonorId == donor.Id && x.DeferredOn <= on.Value
                && (x.Until == null || x.Until >= on.Value), ct));

            var donation = new BloodDonation
            {
                Id = Guid.CreateVersion7(),
                DonorId = donor.Id,
                SessionId = session?.Session.Id,
                CampaignId = session?.Campaign.Id,
                Component = component!,
                VolumeMl = volume,
                DonatedOn = on.Value,
                WeightTenthsKg = weighed,
                CumulativeCount = donor.DonationCount + 1,
                OrgUnitCode = donor.OrgUnitCode,
                OrgUnitPath = donor.OrgUnitPath,
                RecordedAt = clock.GetUtcNow(),
            };
            db.Donations.Add(donation);
            donor.DonationCount++;
            if (weight is { } measured)
            {
                donor.WeightTenthsKg = measured;
            }

            var nextAllowed = on.Value.AddDays(rules.IntervalDays(component!));
            (donor.LastDonatedOn, donor.NextEligibleOn) = (Later(donor.LastDonatedOn, on.Value), Later(donor.NextEligibleOn, nextAllowed));
            donor.Version++;
            if (session is not null)
            {
                session.Value.Session.DonationCount++;
                session.Value.Campaign.Totals.BloodDonations++;
                session.Value.Campaign.Version++;
            }

            db.AddEvent(IntegrationEvents.Donated(donation, donor, clock.GetUtcNow()));
            DonorAuditTrail.Changed(db, context, caller, donor, weight is null ? ["donations"] : ["donations", "weight_kg"], clock.GetUtcNow());
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
        var donation = await db.Donations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, context.CancellationToken)
            ?? throw new ResourceNotFoundException("BloodDonation", id!.Value.ToString(), "id");
        caller.EnsureCanSee(donation.OrgUnitPath);
        await auditReads.WriteAsync([DonorAuditTrail.DonationRead(context, caller, donation, clock.GetUtcNow())], context.CancellationToken);
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
        await auditReads.WriteAsync([.. page.Select(x => DonorAuditTrail.DonationRead(context, caller, x, clock.GetUtcNow()))], ct);
        return new ListBloodDonationsResponse { Donations = { page.Select(x => x.ToProto(caller)) }, NextPageToken = next };
    }

    /// <summary>The session and its campaign, tracked: the campaign must not be closed and the day must be the session's.</summary>
    private async Task<(BloodSession Session, Domain.Campaign Campaign)?> RequireSessionAsync(Guid id, DateOnly on, Caller caller, CancellationToken ct)
    {
        var session = await db.Sessions.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new ResourceNotFoundException("BloodSession", id.ToString(), "donation.session_id");
        caller.EnsureCanSee(session.OrgUnitPath);
        var campaign = await db.Campaigns.FirstAsync(x => x.Id == session.CampaignId, ct);
        campaign.EnsureNotClosed();
        if (session.HeldOn != on)
        {
            throw new ValidationFailedException("donation.donated_on", $"must be the session's day, {session.HeldOn:yyyy-MM-dd}");
        }

        return (session, campaign);
    }

    private static DateOnly Later(DateOnly? a, DateOnly b) => a is { } x && x > b ? x : b;
}
