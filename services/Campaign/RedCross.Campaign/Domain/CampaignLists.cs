namespace RedCross.Campaign.Domain;

/// <summary>One beneficiary of a campaign's list, as relief sent it when the list was drawn (a snapshot: later changes
/// in relief do not change the programme's list, except an anonymisation, which erases the copy too).</summary>
internal sealed class CampaignBeneficiary
{
    /// <summary>The name an anonymised beneficiary carries, in relief and here.</summary>
    public const string AnonymousName = "Ẩn danh";

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

    /// <summary>Relief anonymised the person (BeneficiaryAnonymised): the name goes, as it went in relief. Kind, household
    /// size, categories and unit stay, as relief keeps them (no longer anyone's once the name is gone), and the row
    /// stays, so the list's size and every count are unchanged.</summary>
    public void Anonymise() => FullName = AnonymousName;
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
