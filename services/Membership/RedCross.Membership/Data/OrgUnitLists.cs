using Microsoft.EntityFrameworkCore;
using RedCross.Membership.Domain;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Data;

/// <summary>What ListOrgUnits lists, checked: the units existing on <paramref name="AsOf"/>, related to
/// <paramref name="Start"/> (the top units when null), seen by a caller holding <paramref name="Subtree"/> (null: the
/// whole tree), after the path <paramref name="After"/>.</summary>
internal sealed record OrgUnitFilter(DateOnly AsOf, OrgUnit? Start, string Relation, string? Subtree, string? After);

/// <summary>Lists of units in path order (keyset paging), filtered in the database.</summary>
internal static class OrgUnitLists
{
    /// <summary>The relation a list asks for: children (the default), subtree or ancestors.</summary>
    public static string Relation(Input input, string? relation)
    {
        var value = string.IsNullOrEmpty(relation) ? "children" : relation;
        if (value is not ("children" or "subtree" or "ancestors"))
        {
            input.Fail("relation", "must be children, subtree or ancestors");
        }

        return value;
    }

    /// <summary>Up to <paramref name="pageSize"/> + 1 units, the extra one telling that a next page exists.</summary>
    public static Task<List<OrgUnit>> PageAsync(this MembershipDb db, OrgUnitFilter filter, int pageSize, CancellationToken ct)
    {
        var asOf = filter.AsOf;
        var query = db.OrgUnits.AsNoTracking().Where(u => u.ValidFrom <= asOf && (u.ValidTo == null || u.ValidTo >= asOf));
        if (filter.Start is not { } start)
        {
            query = query.Where(u => u.ParentCode == null);
        }
        else
        {
            var ancestors = start.Path.Split('/');
            query = filter.Relation switch
            {
                "subtree" => OrgPath.Within(query, u => u.Path, start.Path).Where(u => u.Code != start.Code),
                "ancestors" => query.Where(u => ancestors.Contains(u.Code) && u.Code != start.Code),
                _ => query.Where(u => u.ParentCode == start.Code),
            };
        }

        // The caller's subtree, and the units above it that its own path names anyway.
        query = OrgPath.Within(query, u => u.Path, filter.Subtree, orAbove: true);
        if (filter.After is { } after)
        {
            query = query.Where(u => string.Compare(u.Path, after) > 0);
        }

        return query.OrderBy(u => u.Path).Take(pageSize + 1).ToListAsync(ct);
    }
}
