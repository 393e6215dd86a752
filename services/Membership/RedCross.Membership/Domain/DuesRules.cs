using System.Text.Json;

namespace RedCross.Membership.Domain;

/// <summary>Dues rates, the split between levels and the exemption cap, kept as data (Rules/dues.json,
/// replaceable through `Membership:DuesRulesFile`) because the Society changes them by decision.</summary>
internal sealed class DuesRules
{
    public required IReadOnlyList<DuesRate> Rates { get; init; }

    /// <summary>Percent of each payment the branch keeps.</summary>
    public required int BranchPercent { get; init; }

    /// <summary>Percent the commune keeps; the rest goes up.</summary>
    public required int CommunePercent { get; init; }

    /// <summary>Most exemptions a commune may grant in a year, as a percent of its members that year (<see cref="ExemptionCap"/>).</summary>
    public required int ExemptionCapPercent { get; init; }

    public static DuesRules Load(string file)
    {
        var rules = JsonSerializer.Deserialize<DuesRules>(File.ReadAllText(file), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"Dues rules file '{file}' is empty.");
        if (rules.Rates.Count == 0 || rules.BranchPercent + rules.CommunePercent > 100 || rules.BranchPercent < 0 || rules.CommunePercent < 0)
        {
            throw new InvalidOperationException($"Dues rules file '{file}' is inconsistent.");
        }

        return rules;
    }

    /// <summary>Monthly rate in force on the first day of <paramref name="year"/>, or null before any rate.</summary>
    public long? MonthlyRate(int year) =>
        Rates.Where(r => r.ValidFrom <= new DateOnly(year, 1, 1)).OrderByDescending(r => r.ValidFrom).FirstOrDefault()?.MonthlyVnd;

    public (long Branch, long Commune, long Upper) Split(long amount)
    {
        var branch = amount * BranchPercent / 100;
        var commune = amount * CommunePercent / 100;
        return (branch, commune, amount - branch - commune);
    }
}

/// <summary>A monthly rate from a date.</summary>
internal sealed record DuesRate(DateOnly ValidFrom, long MonthlyVnd);
