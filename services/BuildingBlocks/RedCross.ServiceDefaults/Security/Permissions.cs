namespace RedCross.ServiceDefaults.Security;

/// <summary>What a caller may do. Each is granted only by a row of <see cref="Permissions.Table"/>.</summary>
public enum Permission
{
    ReadOrgUnits,
    WriteOrgUnits,
    /// <summary>Create a unit with no parent: a new top of the tree, outside every officer's subtree.</summary>
    CreateTopOrgUnit,
    ReadMembers,
    WriteMembers,
    /// <summary>See national ID, phone and address unmasked (Decree 13/2023/NĐ-CP).</summary>
    ReadPersonalData,
    ReadActivities,
    WriteActivities,
    /// <summary>Read a service's whole event log: deployment-wide data, not filtered by unit.</summary>
    ReadEventLog,
    /// <summary>Operate the deployment: rebuild reporting's projections.</summary>
    Admin,
    /// <summary>Remove a departed member's identifying data for good (Decree 13/2023/NĐ-CP).</summary>
    AnonymiseMembers,
    /// <summary>Read who read or changed whose personal record.</summary>
    ReadAuditTrail,
    /// <summary>Read relief records: beneficiaries, sponsors, donations, distributions.</summary>
    ReadRelief,
    /// <summary>Record relief: register and update beneficiaries and sponsors, receive donations, record and reverse distributions.</summary>
    WriteRelief,
    /// <summary>Draw a programme's beneficiary list from relief: one service reading another's records in bulk,
    /// never a person's.</summary>
    ReadBeneficiaryLists,
    /// <summary>Remove an inactive beneficiary's identifying data for good (Decree 13/2023/NĐ-CP).</summary>
    AnonymiseBeneficiaries,
    /// <summary>Remove a blood donor's identifying and health data for good (Decree 13/2023/NĐ-CP).</summary>
    AnonymiseDonors,
    /// <summary>Read awards: issuers, nominations, decisions, recognition tiers and candidates.</summary>
    ReadAwards,
    /// <summary>Propose commendations: create and submit nominations, nominate blood-donor candidates.</summary>
    WriteAwards,
    /// <summary>Approve, reject and revoke; only for an issuer the caller acts for (its unit and level, checked per issuer).</summary>
    DecideAwards,
    /// <summary>Keep awards' rules as data: issuers with their forms, blood-donor recognition tiers.</summary>
    ManageAwardRules,
    /// <summary>Read campaigns, their results, beneficiary lists and gifts, blood donors, sessions and donations (donor
    /// health data only with <see cref="ReadPersonalData"/>).</summary>
    ReadCampaigns,
    /// <summary>Plan, open and close campaigns, add partners, draw beneficiary lists; register donors, sessions,
    /// donations and deferrals.</summary>
    WriteCampaigns,
    /// <summary>Record and correct a campaign's results (a partner: only for campaigns naming it as a partner).</summary>
    RecordCampaignResults,
    /// <summary>Write what staff add to a unit's reports: the annual report's directions for the next year.</summary>
    WriteReports,
    /// <summary>Read a unit's figures and reports: indicators, the annual report as data and as documents, exports.</summary>
    ReadReports,
}

/// <summary>The depth of the caller's unit (its `org` claim): one path segment is the top of the tree (a
/// province), two a district, three a commune, more a branch or group; `/` is the whole tree.</summary>
[Flags]
public enum UnitLevels
{
    None = 0,
    Root = 1,
    Province = 2,
    District = 4,
    Commune = 8,
    Branch = 16,
    /// <summary>The token carries no `org` claim: it may act on no unit at all.</summary>
    NoOrg = 32,
    ProvinceOrAbove = Root | Province,
    DistrictOrBelow = District | Commune | Branch,
    CommuneOrBelow = Commune | Branch,
    AnyUnit = Root | Province | District | Commune | Branch,
}

/// <summary>Scopes a partner or service token may carry.</summary>
public static class Scopes
{
    public const string MembershipRead = "membership.read";
    public const string MembershipWrite = "membership.write";
    public const string EventsRead = "events.read";
    public const string ReliefRead = "relief.read";
    public const string ReliefWrite = "relief.write";
    public const string CampaignRead = "campaign.read";
    public const string CampaignWrite = "campaign.write";
    public const string ReportsRead = "reports.read";
}

/// <summary>One grant: <paramref name="Role"/>, acting from a unit at one of <paramref name="Levels"/>, may
/// do <paramref name="Permission"/>; when <paramref name="Scope"/> is set, only if the token carries it.</summary>
public sealed record PermissionRow(string Role, Permission Permission, UnitLevels Levels, string? Scope = null);

/// <summary>Deny by default: a caller may do what a row grants and nothing else, so an unknown role, a
/// missing scope or a role at the wrong level gets nothing. Documented in docs/roles.md; the subtree test
/// (<see cref="Caller.EnsureCanSee"/>) applies on top of every row that names a unit.</summary>
public static class Permissions
{
    private static readonly Permission[] AdminGrants = [.. Enum.GetValues<Permission>().Where(p => p != Permission.ReadBeneficiaryLists)];

    private static readonly Permission[] OfficerGrants =
        [Permission.ReadOrgUnits, Permission.WriteOrgUnits, Permission.ReadMembers, Permission.WriteMembers,
         Permission.ReadPersonalData, Permission.ReadActivities, Permission.WriteActivities, Permission.ReadRelief, Permission.WriteRelief,
         Permission.ReadCampaigns, Permission.WriteCampaigns, Permission.RecordCampaignResults, Permission.ReadReports];

    // A branch officer records members and activities but does not reshape the tree.
    private static readonly Permission[] BranchOfficerGrants = [.. OfficerGrants.Where(p => p != Permission.WriteOrgUnits)];

    private static readonly Permission[] AwardOfficerGrants =
        [Permission.ReadAwards, Permission.WriteAwards, Permission.DecideAwards, Permission.ManageAwardRules];

    private static readonly Permission[] Reads = [Permission.ReadOrgUnits, Permission.ReadMembers, Permission.ReadActivities];

    public static readonly IReadOnlyList<PermissionRow> Table =
    [
        // A province admin whose org is a district or below matches no row: it has no rights at all.
        .. AdminGrants.Select(p => new PermissionRow(Roles.ProvinceAdmin, p, UnitLevels.ProvinceOrAbove)),
        .. OfficerGrants.Select(p => new PermissionRow(Roles.DistrictOfficer, p, UnitLevels.DistrictOrBelow)),
        // Erasing a person for good is left to district officers and above, not to the branch that recorded them.
        new(Roles.DistrictOfficer, Permission.AnonymiseMembers, UnitLevels.DistrictOrBelow),
        new(Roles.DistrictOfficer, Permission.AnonymiseBeneficiaries, UnitLevels.DistrictOrBelow),
        new(Roles.DistrictOfficer, Permission.AnonymiseDonors, UnitLevels.DistrictOrBelow),
        // A unit's report speaks for its standing committee: written by district officers and above, not by a branch.
        new(Roles.DistrictOfficer, Permission.WriteReports, UnitLevels.DistrictOrBelow),
        .. BranchOfficerGrants.Select(p => new PermissionRow(Roles.BranchOfficer, p, UnitLevels.CommuneOrBelow)),
        // Awards: branches propose; deciding and keeping issuers and tiers is for district officers and above (a decision
        // also needs the caller to act for the issuer: its unit, at its level).
        .. AwardOfficerGrants.Select(p => new PermissionRow(Roles.DistrictOfficer, p, UnitLevels.DistrictOrBelow)),
        new(Roles.BranchOfficer, Permission.ReadAwards, UnitLevels.CommuneOrBelow),
        new(Roles.BranchOfficer, Permission.WriteAwards, UnitLevels.CommuneOrBelow),
        new(Roles.Viewer, Permission.ReadAwards, UnitLevels.AnyUnit),
        .. Reads.Select(p => new PermissionRow(Roles.Viewer, p, UnitLevels.AnyUnit)),
        new(Roles.Viewer, Permission.ReadRelief, UnitLevels.AnyUnit),
        new(Roles.Viewer, Permission.ReadCampaigns, UnitLevels.AnyUnit),
        new(Roles.Viewer, Permission.ReadReports, UnitLevels.AnyUnit),
        .. Reads.Select(p => new PermissionRow(Roles.Partner, p, UnitLevels.AnyUnit, Scopes.MembershipRead)),
        new(Roles.Partner, Permission.WriteMembers, UnitLevels.AnyUnit, Scopes.MembershipWrite),
        new(Roles.Partner, Permission.WriteActivities, UnitLevels.AnyUnit, Scopes.MembershipWrite),
        new(Roles.Partner, Permission.ReadRelief, UnitLevels.AnyUnit, Scopes.ReliefRead),
        new(Roles.Partner, Permission.WriteRelief, UnitLevels.AnyUnit, Scopes.ReliefWrite),
        new(Roles.Partner, Permission.ReadCampaigns, UnitLevels.AnyUnit, Scopes.CampaignRead),
        // Only for campaigns that name the partner's client id: checked by the campaign service on top of this row.
        new(Roles.Partner, Permission.RecordCampaignResults, UnitLevels.AnyUnit, Scopes.CampaignWrite),
        new(Roles.Partner, Permission.ReadReports, UnitLevels.AnyUnit, Scopes.ReportsRead),
        .. Reads.Select(p => new PermissionRow(Roles.Service, p, UnitLevels.AnyUnit, Scopes.MembershipRead)),
        new(Roles.Service, Permission.ReadRelief, UnitLevels.AnyUnit, Scopes.ReliefRead),
        new(Roles.Service, Permission.ReadBeneficiaryLists, UnitLevels.AnyUnit | UnitLevels.NoOrg, Scopes.ReliefRead),
        // Reports are read for a unit, so a service reading them needs one (unlike the event log below).
        new(Roles.Service, Permission.ReadReports, UnitLevels.AnyUnit, Scopes.ReportsRead),
        // A service identity reads whole logs, so it needs no unit.
        new(Roles.Service, Permission.ReadEventLog, UnitLevels.AnyUnit | UnitLevels.NoOrg, Scopes.EventsRead),
    ];

    public static bool Allows(string role, UnitLevels level, IReadOnlySet<string> scopes, Permission permission) =>
        Table.Any(r => r.Role == role && r.Permission == permission && (r.Levels & level) != 0
            && (r.Scope is null || scopes.Contains(r.Scope)));
}
