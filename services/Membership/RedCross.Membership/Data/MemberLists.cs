using Microsoft.EntityFrameworkCore;
using RedCross.Membership.Domain;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Data;

/// <summary>What ListMembers filters by, checked: the subtree (null: the whole tree), the optional filters, and the
/// sort key the page starts after.</summary>
internal sealed record MemberFilter(string? Scope, MemberStatus? Status, bool VolunteersOnly, bool YouthOnly, string? Query, string? After, DateOnly Today);

/// <summary>Lists of members in sort-key order (keyset paging), filtered in the database.</summary>
internal static class MemberLists
{
    /// <summary>Up to <paramref name="pageSize"/> + 1 members, the extra one telling that a next page exists.</summary>
    public static Task<List<Member>> PageAsync(this MembershipDb db, MemberFilter filter, int pageSize, CancellationToken ct)
    {
        var members = OrgPath.Within(db.Members.AsNoTracking().WithHistory(), m => m.OrgUnitPath, filter.Scope);
        if (filter.Status is { } status)
        {
            members = members.Where(m => m.Status == status);
        }

        if (filter.VolunteersOnly)
        {
            members = members.Where(m => m.Volunteer);
        }

        if (filter.YouthOnly)
        {
            var (oldest, youngest) = Youth.BirthDates(filter.Today);
            members = members.Where(m => m.BirthDate >= oldest && m.BirthDate <= youngest);
        }

        if (filter.Query is { } query)
        {
            var key = PersonName.SearchKey(query);
            members = members.Where(m => m.SearchName.Contains(key));
        }

        if (filter.After is { } after)
        {
            members = members.Where(m => string.Compare(m.SortKey, after) > 0);
        }

        return members.OrderBy(m => m.SortKey).Take(pageSize + 1).ToListAsync(ct);
    }
}
