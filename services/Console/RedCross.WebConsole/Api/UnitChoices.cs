using RedCross.Contracts.Membership.V1;

namespace RedCross.WebConsole.Api;

internal static class UnitChoices
{
    /// <summary>The units a person may choose from in a form: the given unit and everything under it, open today.</summary>
    public static async Task<IReadOnlyList<OrgUnit>> SubtreeAsync(this PersonApi api, string code)
    {
        var units = api.Client<OrgUnits.OrgUnitsClient>();
        var own = await units.GetOrgUnitAsync(new() { Code = code }, api.Call);
        var below = await units.ListOrgUnitsAsync(new() { Code = code, Relation = "subtree", PageSize = 1000 }, api.Call);
        return [own, .. below.OrgUnits.Where(u => u.Code != code)];
    }
}
