using RedCross.Contracts.Events.Membership;

namespace RedCross.Membership.Domain;

/// <summary>The integration events membership publishes, built from its entities in one place for the API,
/// the import, the reference data and unit closing alike (ids, units, dates, categories and amounts; no names).</summary>
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

    public static MemberDetailsChanged DetailsChanged(Member m, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, m.OrgUnitCode, m.Id, m.BirthDate, m.Sex, m.Volunteer);

    /// <summary><paramref name="from"/> and <paramref name="to"/> as asked: a back-dated change leaves the member's
    /// current status to whatever came after it.</summary>
    public static MemberStatusChanged StatusChanged(Member m, MemberStatus from, MemberStatus to, DateOnly effective, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, m.OrgUnitCode, m.Id, MemberStatusRules.Name(from), MemberStatusRules.Name(to), effective);

    public static DuesPaid Paid(DuesPayment p, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, p.OrgUnitCode, p.Id, p.MemberId, p.Year, p.Months, p.AmountVnd, p.BranchShareVnd, p.CommuneShareVnd,
        p.UpperShareVnd, p.PaidOn);

    public static DuesPaymentVoided PaymentVoided(DuesPayment p, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, p.OrgUnitCode, p.Id, p.MemberId, p.Year, p.Months, p.AmountVnd, p.PaidOn);

    public static TrainingHeld Held(Training t, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, t.OrgUnitCode, t.Id, t.Topic, t.StartDate, t.EndDate, t.ParticipantCount);

    public static TrainingVoided TrainingVoided(Training t, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, t.OrgUnitCode, t.Id, t.StartDate, t.ParticipantCount);

    public static WelfareContributionReceived ContributionReceived(WelfareContribution c, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, c.OrgUnitCode, c.Id, c.AmountVnd, c.ReceivedOn);

    public static WelfareContributionVoided ContributionVoided(WelfareContribution c, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, c.OrgUnitCode, c.Id, c.AmountVnd, c.ReceivedOn);

    public static WelfareVisitMade VisitMade(WelfareVisit v, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, v.OrgUnitCode, v.Id, v.MemberId, v.Reason, v.AmountVnd, v.VisitedOn);

    public static WelfareVisitVoided VisitVoided(WelfareVisit v, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, v.OrgUnitCode, v.Id, v.MemberId, v.AmountVnd, v.VisitedOn);

    public static GrowthTargetSet TargetSet(GrowthTarget t, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, t.OrgUnitCode, t.Year, t.NewMembers);
}
