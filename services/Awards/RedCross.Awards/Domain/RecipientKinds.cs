using RedCross.OrgReplica;
namespace RedCross.Awards.Domain;

/// <summary>Collectives (an org unit, a named group) and individuals (member, volunteer, donor, official). Awards
/// cannot look into another service's database, so it knows individuals from their events: members and volunteers
/// from membership's (<see cref="KnownMember"/>), donors from campaign's donations (<see cref="DonorTally"/>). No
/// service keeps officials (cán bộ): they are named by a staff reference in a unit the nominator answers for.</summary>
internal static class RecipientKinds
{
    public const string OrgUnit = "org_unit";
    public const string Group = "group";
    public const string Member = "member";
    public const string Volunteer = "volunteer";
    public const string Donor = "donor";
    public const string Official = "official";

    /// <summary>A member named as a volunteer who is not one.</summary>
    public const string NotAVolunteer = "NOT_A_VOLUNTEER";

    public static readonly IReadOnlyDictionary<string, string> All = new[] { OrgUnit, Group, Member, Volunteer, Donor, Official }.ToDictionary(k => k, k => k);

    public static bool IsCollective(string kind) => kind is OrgUnit or Group;

    /// <summary>The duplicate rule's key: a volunteer is the member; a group is its name (case-folded) in its unit.</summary>
    public static string Key(string kind, string? id, string unitCode, string? groupName) => kind switch
    {
        OrgUnit => "unit:" + unitCode,
        Group => "group:" + unitCode + ":" + groupName!.ToLowerInvariant(),
        Member or Volunteer => "member:" + id!.ToLowerInvariant(),
        Donor => "donor:" + id!.ToLowerInvariant(),
        _ => "official:" + unitCode + ":" + id!.ToUpperInvariant(),
    };
}

/// <summary>A member as awards knows it from membership's events: the unit it counts in and the volunteer flag.</summary>
internal sealed class KnownMember
{
    public Guid MemberId { get; set; }

    public string OrgUnitCode { get; set; } = string.Empty;

    public bool Volunteer { get; set; }

    /// <summary>The effective date of the latest move applied, so moves arriving out of order end in the latest unit.</summary>
    public DateOnly UnitSince { get; set; }
}

/// <summary>A donor's standing from campaign's BloodDonationRecorded events: the highest cumulative count seen (so
/// duplicates and any order give the same tally) and the unit of the latest donation.</summary>
internal sealed class DonorTally : IInUnit
{
    public Guid DonorId { get; set; }

    /// <summary>The donor as a nomination's recipient key (<see cref="RecipientKinds.Key"/>), so candidates are matched
    /// against nominations in SQL.</summary>
    public string RecipientKey { get; set; } = string.Empty;

    public string OrgUnitCode { get; set; } = string.Empty;

    public string OrgUnitPath { get; set; } = string.Empty;

    /// <summary>The first segment of the path: recognition tiers are per province.</summary>
    public string ProvinceCode { get; set; } = string.Empty;

    public int DonationCount { get; set; }

    public DateOnly LastDonatedOn { get; set; }
}

/// <summary>A rule row: in a province, a donor with at least <see cref="MinDonations"/> donations is due the issuer's form.</summary>
internal sealed class RecognitionTier
{
    public Guid Id { get; set; }

    public string IssuerCode { get; set; } = string.Empty;

    public string ProvinceCode { get; set; } = string.Empty;

    public int MinDonations { get; set; }

    public string FormKind { get; set; } = string.Empty;
}
