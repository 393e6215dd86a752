using RedCross.ServiceDefaults.Errors;

namespace RedCross.Membership.Domain;

/// <summary>A new unit checked field by field, and the rules of its place in the tree.</summary>
internal sealed record OrgUnitDraft(
    string Code, string Name, OrgLevel Level, string? ParentCode, string? AdminAreaCode, DateOnly ValidFrom, IReadOnlyList<string> PredecessorCodes)
{
    public static OrgUnitDraft? Check(Input input, string? code, string? name, string? level, string? parentCode, string? adminAreaCode,
        string? validFrom, IReadOnlyList<string> predecessorCodes)
    {
        var codeValue = input.Text("code", code, 20);
        if (codeValue is not null && !OrgUnit.CodePattern().IsMatch(codeValue))
        {
            input.Fail("code", "must be 1-20 letters, digits, '-' or '_'");
        }

        var nameValue = input.Text("name", name, 200);
        var levelValue = input.OneOf("level", level, OrgLevels.ByName);
        var parent = input.Text("parent_code", parentCode, 20, required: false);
        var adminCode = input.Text("admin_area_code", adminAreaCode, 5, required: false);
        if (adminCode is not null && levelValue is { } l && !OrgLevels.FitsAdminCode(l, adminCode))
        {
            input.Fail("admin_area_code", OrgLevels.AdminCodeLength(l) is { } n ? $"must be {n} digits for a {OrgLevels.Name(l)}" : $"a {OrgLevels.Name(l)} has no admin area");
        }

        var from = input.Date("valid_from", validFrom, input.Today);
        if (parent is null && levelValue is { } top && top is not (OrgLevel.Central or OrgLevel.Province))
        {
            input.Fail("parent_code", "is required below the province level");
        }

        return input.IsValid ? new OrgUnitDraft(codeValue!, nameValue!, levelValue!.Value, parent, adminCode, from!.Value, predecessorCodes) : null;
    }

    /// <summary>The new unit's path under <paramref name="parent"/>: a unit sits below a higher level, in a unit open on its first day.</summary>
    public string PathUnder(OrgUnit parent)
    {
        if (OrgLevels.Rank(Level) <= OrgLevels.Rank(parent.Level))
        {
            throw new ValidationFailedException("level", $"a {OrgLevels.Name(Level)} cannot sit under a {OrgLevels.Name(parent.Level)}");
        }

        parent.EnsureOpenOn(ValidFrom, "parent_code");
        return parent.ChildPath(Code);
    }

    public OrgUnit ToOrgUnit(string path) => new()
    {
        Code = Code,
        Name = Name,
        Level = Level,
        ParentCode = ParentCode,
        Path = path,
        AdminAreaCode = AdminAreaCode,
        ValidFrom = ValidFrom,
        PredecessorCodes = [.. PredecessorCodes],
        Names = [new OrgUnitName(ValidFrom, Name, Level)],
        Version = 1,
    };
}
