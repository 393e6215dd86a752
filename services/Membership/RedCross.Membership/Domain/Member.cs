using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Domain;

/// <summary>A member (hội viên) of a unit. Names are kept exactly as entered (NFC); the search and
/// sort keys are derived from them.</summary>
internal sealed class Member : IVersioned, IResource
{
    public Guid Id { get; set; }

    public string FullName { get; set; } = string.Empty;

    public string SearchName { get; set; } = string.Empty;

    /// <summary>Vietnamese collation key followed by the id, so keyset paging has a unique order.</summary>
    public string SortKey { get; set; } = string.Empty;

    public DateOnly BirthDate { get; set; }

    public string Sex { get; set; } = string.Empty;

    public string? NationalId { get; set; }

    public string? Phone { get; set; }

    public string? Address { get; set; }

    public string OrgUnitCode { get; set; } = string.Empty;

    /// <summary>Path of the home unit (paths never change), for subtree filters.</summary>
    public string OrgUnitPath { get; set; } = string.Empty;

    public DateOnly JoinedDate { get; set; }

    public MemberStatus Status { get; set; }

    public bool Volunteer { get; set; }

    /// <summary>Natural key for imports: a file imported twice creates nobody new.</summary>
    public string ImportKey { get; set; } = string.Empty;

    public int Version { get; set; }

    /// <summary>Set once the person's identifying data was removed (Decree 13/2023/NĐ-CP).</summary>
    public DateTimeOffset? AnonymisedAt { get; set; }

    public List<MemberStatusChange> History { get; set; } = [];

    public List<MemberTransfer> Transfers { get; set; } = [];

    /// <summary>The name an anonymised member carries ("anonymised").</summary>
    public const string AnonymousName = "Ẩn danh";

    public void SetName(string fullName)
    {
        FullName = fullName;
        SearchName = PersonName.SearchKey(fullName);
        SortKey = PersonName.SortKey(fullName) + "\u0001" + Id.ToString("N");
    }

    public static string ImportKeyOf(string? nationalId, string fullName, DateOnly birthDate, string orgUnitCode) =>
        nationalId is { Length: > 0 } id ? "id:" + id : $"n:{PersonName.SearchKey(fullName)}|{birthDate:yyyy-MM-dd}|{orgUnitCode}";

    /// <summary>The member's status on <paramref name="date"/>, or null before joining.</summary>
    public MemberStatus? StatusOn(DateOnly date) =>
        date < JoinedDate ? null
            : History.Where(h => h.EffectiveDate <= date).OrderBy(h => h.EffectiveDate).ThenBy(h => h.Sequence).LastOrDefault()?.Status ?? MemberStatus.Active;

    /// <summary>True when the member was active in a unit within <paramref name="unitPath"/> on some day from
    /// <paramref name="from"/> to <paramref name="to"/>: the "members of that year" that caps count.</summary>
    public bool WasActiveIn(string unitPath, DateOnly from, DateOnly to)
    {
        var start = from < JoinedDate ? JoinedDate : from;
        if (start > to)
        {
            return false;
        }

        // Status and unit only change on the dates of history entries, so checking the first day and each change is enough.
        var days = ChangeDates().Where(d => d > start && d <= to).Prepend(start);
        return days.Any(d => StatusOn(d) == MemberStatus.Active && UnitPathOn(d) is { } path
            && OrgPath.IsWithin(path, unitPath));
    }

    /// <summary>The path of the member's unit on <paramref name="date"/>.</summary>
    public string? UnitPathOn(DateOnly date)
    {
        if (date < JoinedDate)
        {
            return null;
        }

        var moves = Transfers.OrderBy(t => t.Sequence).ToList();
        return moves.LastOrDefault(t => t.EffectiveDate <= date)?.ToUnitPath ?? moves.FirstOrDefault()?.FromUnitPath ?? OrgUnitPath;
    }

    /// <summary>Moves the member to <paramref name="unit"/> from <paramref name="effective"/> (chuyển sinh hoạt), or
    /// explains why not. The history stays in order: no move or status change may predate the last one.</summary>
    public string? Transfer(OrgUnit unit, DateOnly effective, string? reason)
    {
        if (Status == MemberStatus.Deceased)
        {
            return "MEMBER_DECEASED";
        }

        if (unit.Code == OrgUnitCode)
        {
            return "SAME_UNIT";
        }

        if (effective < LastChange())
        {
            return "EFFECTIVE_DATE_BEFORE_LAST_CHANGE";
        }

        Transfers.Add(new MemberTransfer
        {
            MemberId = Id,
            Sequence = Transfers.Count + 1,
            FromUnitCode = OrgUnitCode,
            FromUnitPath = OrgUnitPath,
            ToUnitCode = unit.Code,
            ToUnitPath = unit.Path,
            EffectiveDate = effective,
            Reason = reason,
        });
        OrgUnitCode = unit.Code;
        OrgUnitPath = unit.Path;
        return null;
    }

    private DateOnly LastChange() => ChangeDates().Append(JoinedDate).Max();

    private IEnumerable<DateOnly> ChangeDates() => History.Select(h => h.EffectiveDate).Concat(Transfers.Select(t => t.EffectiveDate));

    /// <summary>Removes what identifies the person (name, national ID, phone, address) from a member who left, or
    /// explains why not. Birth date, sex, unit, dates and status stay: every count is unchanged.</summary>
    public string? Anonymise(DateTimeOffset at)
    {
        if (AnonymisedAt is not null)
        {
            return "ALREADY_ANONYMISED";
        }

        if (Status != MemberStatus.Left)
        {
            return "MEMBER_NOT_LEFT";
        }

        SetName(AnonymousName);
        (NationalId, Phone, Address, AnonymisedAt) = (null, null, null, at);
        ImportKey = "anon:" + Id.ToString("N");
        return null;
    }

    /// <summary>Changes status from a date, or explains why not.</summary>
    public string? ChangeStatus(MemberStatus to, DateOnly effective, string? reason)
    {
        if (MemberStatusRules.Refusal(Status, to) is { } refusal)
        {
            return refusal;
        }

        if (effective < LastChange())
        {
            return "EFFECTIVE_DATE_BEFORE_LAST_CHANGE";
        }

        History.Add(new MemberStatusChange { MemberId = Id, Status = to, EffectiveDate = effective, Reason = reason, Sequence = History.Count + 1 });
        Status = to;
        return null;
    }
}

/// <summary>One move of a member between units, kept in the member's history.</summary>
internal sealed class MemberTransfer
{
    public Guid MemberId { get; set; }

    public int Sequence { get; set; }

    public string FromUnitCode { get; set; } = string.Empty;

    public string FromUnitPath { get; set; } = string.Empty;

    public string ToUnitCode { get; set; } = string.Empty;

    public string ToUnitPath { get; set; } = string.Empty;

    /// <summary>First day in the new unit.</summary>
    public DateOnly EffectiveDate { get; set; }

    public string? Reason { get; set; }
}

/// <summary>One entry of a member's status history.</summary>
internal sealed class MemberStatusChange
{
    public Guid MemberId { get; set; }

    public int Sequence { get; set; }

    public MemberStatus Status { get; set; }

    public DateOnly EffectiveDate { get; set; }

    public string? Reason { get; set; }
}
