namespace RedCross.Campaign.Domain;

/// <summary>One beneficiary of a campaign's list, as relief sent it when the list was drawn (a snapshot: later changes
/// in relief do not change the programme's list).</summary>
internal sealed class CampaignBeneficiary
{
    public Guid CampaignId { get; set; }

    /// <summary>Order in relief's stream.</summary>
    public int Position { get; set; }

    public Guid BeneficiaryId { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string FullName { get; set; } = string.Empty;

    public int HouseholdSize { get; set; }

    /// <summary>Relief's categories, comma-separated.</summary>
    public string Categories { get; set; } = string.Empty;

    public string OrgUnitCode { get; set; } = string.Empty;
}

/// <summary>What relief's distributions recorded against a campaign (campaign_ref = the campaign's id) came to, per
/// sponsor: kept from relief's DistributionRecorded and DistributionReversed events.</summary>
internal sealed class CampaignSponsorGifts
{
    public Guid CampaignId { get; set; }

    public Guid SponsorId { get; set; }

    public long ValueVnd { get; set; }

    public long Gifts { get; set; }
}
