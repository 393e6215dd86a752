using Microsoft.EntityFrameworkCore;
using RedCross.Campaign.Data;
using RedCross.Campaign.Domain;
using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Events.Relief;
using RedCross.Messaging;
using RedCross.OrgReplica;

namespace RedCross.Campaign.Consumers;

/// <summary>What campaign keeps from other services' events (live and caught up from their logs): membership's org tree
/// (its replica, so units are checked without a call), and relief's distributions recorded against a campaign (relief's
/// campaign_ref holds the campaign's id), summed per campaign and sponsor. A reversal repeats the original's figures and
/// is deducted, in whichever order the two arrive. An anonymisation in relief erases the person's name in every
/// programme list kept here (audited), and changes nothing else.</summary>
internal sealed class SourcesApplier(CampaignDb db, TimeProvider clock) : IEventApplier<CampaignDb>
{
    public const string Membership = "membership";
    public const string Relief = "relief";

    public static readonly Type[] MembershipTypes = [typeof(OrgUnitCreated), typeof(OrgUnitChanged)];

    public static readonly Type[] ReliefTypes = [typeof(DistributionRecorded), typeof(DistributionReversed), typeof(BeneficiaryAnonymised)];

    public Task ApplyAsync(IIntegrationEvent evt, CancellationToken cancellationToken) => evt switch
    {
        OrgUnitCreated created => OrgReplica.OrgReplica.ApplyAsync(db, created, cancellationToken),
        OrgUnitChanged changed => OrgReplica.OrgReplica.ApplyAsync(db, changed, cancellationToken),
        // A gift from a fund has no sponsor: its row is keyed by Guid.Empty and shown without a sponsor id.
        DistributionRecorded d => AddGiftAsync(d.CampaignRef, d.SponsorId ?? Guid.Empty, d.ValueVnd, 1, cancellationToken),
        DistributionReversed d => AddGiftAsync(d.CampaignRef, d.SponsorId ?? Guid.Empty, -d.ValueVnd, -1, cancellationToken),
        BeneficiaryAnonymised a => EraseAsync(a, cancellationToken),
        _ => throw new InvalidOperationException($"Campaign does not consume {evt.GetType().Name}."),
    };

    public Task ClearAsync(string source, CancellationToken cancellationToken) => source == Relief
        ? db.Gifts.ExecuteDeleteAsync(cancellationToken)
        : db.Set<ReplicatedOrgUnit>().ExecuteDeleteAsync(cancellationToken);

    public void Dispose()
    {
    }

    /// <summary>Every list row of the person loses its name; applying the event again changes nothing more. The trail
    /// entry is filed under the person's home unit as relief announced it (the campaign's unit when the unit is unknown).</summary>
    private async Task EraseAsync(BeneficiaryAnonymised e, CancellationToken cancellationToken)
    {
        var rows = await db.Beneficiaries.Where(b => b.BeneficiaryId == e.BeneficiaryId && b.FullName != CampaignBeneficiary.AnonymousName).ToListAsync(cancellationToken);
        var unit = await OrgReplica.OrgReplica.FindAsync(db, e.OrgUnitCode, cancellationToken);
        foreach (var row in rows)
        {
            row.Anonymise();
            if (db.AuditEnabled)
            {
                var path = unit?.Path ?? await db.Campaigns.Where(c => c.Id == row.CampaignId).Select(c => c.OrgUnitPath).SingleAsync(cancellationToken);
                db.Set<AuditEntry>().Add(ListAuditTrail.Erased(row, path, Relief, clock.GetUtcNow()));
            }
        }
    }

    /// <summary>Distributions without a campaign reference, or with one that is not a campaign id (free text from before
    /// campaigns existed), are not a campaign's gifts.</summary>
    private async Task AddGiftAsync(string? campaignRef, Guid sponsorId, long valueVnd, int gifts, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(campaignRef, out var campaignId))
        {
            return;
        }

        var row = await db.Gifts.FindAsync([campaignId, sponsorId], cancellationToken);
        if (row is null)
        {
            row = new CampaignSponsorGifts { CampaignId = campaignId, SponsorId = sponsorId };
            db.Gifts.Add(row);
        }

        row.ValueVnd += valueVnd;
        row.Gifts += gifts;
    }
}
