using RedCross.Contracts.Events.Membership;

namespace RedCross.Membership.Domain;

/// <summary>The integration events membership publishes, built from its entities in one place for the API,
/// the import, the reference data and unit closing alike (ids, units, dates and categories; no names).</summary>
internal static class IntegrationEvents
{
    public static OrgUnitCreated Created(OrgUnit u, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, u.Code, u.Name, OrgLevels.Name(u.Level), u.ParentCode, u.Path,
        u.AdminAreaCode, u.ValidFrom, u.ValidTo, [.. u.PredecessorCodes], Names(u));

    public static OrgUnitChanged Changed(OrgUnit u, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, u.Code, u.Name, OrgLevels.Name(u.Level), u.ParentCode, u.Path,
        u.AdminAreaCode, u.ValidFrom, u.ValidTo, [.. u.SuccessorCodes], Names(u));

    private static List<UnitName> Names(OrgUnit u) => [.. u.Names.Select(n => new UnitName(n.ValidFrom, n.Name, OrgLevels.Name(n.Level)))];

    public static MemberTransferred Transferred(Member m, MemberTransfer t, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, t.ToUnitCode, m.Id, t.FromUnitCode, MemberStatusRules.Name(m.StatusOn(t.EffectiveDate) ?? m.Status), t.EffectiveDate);

    public static MemberRegistered Registered(Member m, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, m.OrgUnitCode, m.Id, m.JoinedDate, m.BirthDate, m.Sex, m.Volunteer);
}
