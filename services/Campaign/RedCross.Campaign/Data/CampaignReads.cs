using Microsoft.EntityFrameworkCore;
using RedCross.Campaign.Domain;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Campaign.Data;

/// <summary>The lookups campaign's rpcs share, each by <see cref="Resources.RequireAsync"/> (unknown NotFound, outside the
/// caller's subtree PermissionDenied, naming the request's field). Track the rows to change what is found.</summary>
internal static class CampaignReads
{
    /// <summary>A campaign of the caller's subtree; a partner must also be named among its partners
    /// (<see cref="Domain.Campaign.NotAPartner"/>).</summary>
    public static async Task<Domain.Campaign> RequireCampaignAsync(this IQueryable<Domain.Campaign> campaigns, Guid id, string field, Caller caller, CancellationToken ct)
    {
        var campaign = await campaigns.RequireAsync(id, field, caller, ct);
        if (caller.Role == Roles.Partner && !campaign.NamesPartner(caller.Subject))
        {
            throw new AccessDeniedException($"Campaign {id} does not name this client among its partners.", Domain.Campaign.NotAPartner);
        }

        return campaign;
    }

    /// <summary>A session of the caller's subtree and its campaign, both tracked: a donation there counts in both.</summary>
    public static async Task<(BloodSession Session, Domain.Campaign Campaign)> RequireSessionAsync(CampaignDb db, Guid id, string field, Caller caller, CancellationToken ct)
    {
        var session = await db.Sessions.RequireAsync(id, field, caller, ct);
        return (session, await db.Campaigns.FirstAsync(x => x.Id == session.CampaignId, ct));
    }

    /// <summary>The donor's donations nearest before (or on) and after <paramref name="on"/>, for the interval rules.</summary>
    public static async Task<(BloodDonation? Before, BloodDonation? After)> NeighboursAsync(CampaignDb db, Guid donorId, DateOnly on, CancellationToken ct) =>
        (await db.Donations.AsNoTracking().Where(x => x.DonorId == donorId && x.DonatedOn <= on).OrderByDescending(x => x.DonatedOn).FirstOrDefaultAsync(ct),
         await db.Donations.AsNoTracking().Where(x => x.DonorId == donorId && x.DonatedOn > on).OrderBy(x => x.DonatedOn).FirstOrDefaultAsync(ct));

    /// <summary>The deferral in force on <paramref name="on"/>, if any.</summary>
    public static Task<BloodDeferral?> DeferralOnAsync(CampaignDb db, Guid donorId, DateOnly on, CancellationToken ct) =>
        db.Deferrals.AsNoTracking().FirstOrDefaultAsync(x => x.DonorId == donorId && x.DeferredOn <= on && (x.Until == null || x.Until >= on), ct);
}
