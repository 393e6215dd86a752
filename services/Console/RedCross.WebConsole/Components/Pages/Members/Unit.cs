using RedCross.Contracts.Membership.V1;
using RedCross.WebConsole.Api;

namespace RedCross.WebConsole.Components.Pages.Members;

/// <summary>The units a person may choose from: their own and everything under it, open today.</summary>
internal static class Unit
{
    public static async Task<IReadOnlyList<OrgUnit>> SubtreeAsync(PersonApi api, string code)
    {
        var own = await api.OrgUnits.GetOrgUnitAsync(new() { Code = code }, api.Call);
        var below = await api.OrgUnits.ListOrgUnitsAsync(new() { Code = code, Relation = "subtree", PageSize = 1000 }, api.Call);
        return [own, .. below.OrgUnits.Where(u => u.Code != code)];
    }
}
