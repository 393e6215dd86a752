using RedCross.Membership.Domain;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Security;
using Proto = RedCross.Contracts.Membership.V1;

namespace RedCross.Membership.Grpc;

/// <summary>Domain ↔ contract mapping, in one place.</summary>
internal static class Mapping
{
    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static Proto.OrgUnit ToProto(this OrgUnit u) => new()
    {
        Code = u.Code,
        Name = u.Name,
        Level = OrgLevels.Name(u.Level),
        ParentCode = u.ParentCode ?? string.Empty,
        Path = u.Path,
        AdminAreaCode = u.AdminAreaCode ?? string.Empty,
        ValidFrom = u.ValidFrom.Iso(),
        ValidTo = u.ValidTo?.Iso() ?? string.Empty,
        PredecessorCodes = { u.PredecessorCodes },
        SuccessorCodes = { u.SuccessorCodes },
        Names = { u.Names.Select(n => new Proto.UnitName { ValidFrom = n.ValidFrom.Iso(), Name = n.Name, Level = OrgLevels.Name(n.Level) }) },
        Etag = ETag.Of(u),
    };

    /// <summary>Every path that returns a member comes through here, so personal data (national ID, phone,
    /// address) is masked in one place for every caller the permission table does not let read it.</summary>
    public static Proto.Member ToProto(this Member m, Caller caller) => ToProto(m, caller.Can(Permission.ReadPersonalData));

    private static Proto.Member ToProto(Member m, bool personal) => new()
    {
        Id = m.Id.ToString(),
        FullName = m.FullName,
        BirthDate = m.BirthDate.Iso(),
        Sex = m.Sex,
        NationalId = personal ? m.NationalId ?? string.Empty : Mask(m.NationalId),
        Phone = personal ? m.Phone ?? string.Empty : Mask(m.Phone),
        Address = personal ? m.Address ?? string.Empty : string.IsNullOrEmpty(m.Address) ? string.Empty : "***",
        OrgUnit = m.OrgUnitCode,
        JoinedDate = m.JoinedDate.Iso(),
        Status = MemberStatusRules.Name(m.Status),
        Volunteer = m.Volunteer,
        StatusHistory =
        {
            m.History.OrderBy(h => h.Sequence).Select(h => new Proto.StatusChange
            {
                Status = MemberStatusRules.Name(h.Status), EffectiveDate = h.EffectiveDate.Iso(), Reason = h.Reason ?? string.Empty,
            }),
        },
        Etag = ETag.Of(m),
        Anonymised = m.AnonymisedAt is not null,
        Transfers =
        {
            m.Transfers.OrderBy(t => t.Sequence).Select(t => new Proto.UnitTransfer
            {
                FromOrgUnit = t.FromUnitCode, ToOrgUnit = t.ToUnitCode, EffectiveDate = t.EffectiveDate.Iso(), Reason = t.Reason ?? string.Empty,
            }),
        },
    };

    /// <summary>Keeps the last three characters of a number, enough to tell records apart on a phone call;
    /// absent stays absent. An address is masked whole: any part of it can identify a household.</summary>
    private static string Mask(string? value) => value switch
    {
        null or "" => string.Empty,
        { Length: <= 6 } => new string('*', value.Length),
        _ => new string('*', value.Length - 3) + value[^3..],
    };
}
