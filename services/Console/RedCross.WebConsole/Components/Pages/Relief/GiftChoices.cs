using RedCross.Contracts.Relief.V1;
using ReliefV1 = RedCross.Contracts.Relief.V1;
using RedCross.WebConsole.Api;

namespace RedCross.WebConsole.Components.Pages.Relief;

/// <summary>What a gift form offers to choose from: donations that still have something left, newest first, and the
/// beneficiaries a search finds.</summary>
internal static class GiftChoices
{
    /// <summary>Pages read at most: the API lists donations oldest first with no "has a balance" filter, so the form reads
    /// through them; 10 pages of 1000 is more than a district receives in years.</summary>
    private const int MaxPages = 10;

    public static async Task<IReadOnlyList<Donation>> DonationsWithBalanceAsync(this PersonApi api, string? alsoId)
    {
        var client = api.Client<ReliefV1.Donations.DonationsClient>();
        var open = new List<Donation>();
        var token = string.Empty;
        for (var page = 0; page < MaxPages; page++)
        {
            var response = await client.ListDonationsAsync(new() { PageSize = 1000, PageToken = token }, api.Call);
            open.AddRange(response.Donations.Where(d => d.RemainingVnd > 0 || d.Id == alsoId));
            token = response.NextPageToken;
            if (token.Length == 0)
            {
                break;
            }
        }

        open.Reverse();
        return open;
    }

    /// <summary>Active beneficiaries matching a name (without diacritics), with the one already chosen first.</summary>
    public static async Task<IReadOnlyList<Beneficiary>> BeneficiariesAsync(this PersonApi api, string? query, string? chosenId, int count = 50)
    {
        var client = api.Client<ReliefV1.Beneficiaries.BeneficiariesClient>();
        var found = (await client.ListBeneficiariesAsync(new() { Query = query?.Trim() ?? string.Empty, Status = "active", PageSize = count }, api.Call)).Beneficiaries.ToList();
        if (!string.IsNullOrEmpty(chosenId) && found.All(b => b.Id != chosenId))
        {
            // From a beneficiary's page (?beneficiary=): one outside the person's units makes the page "not found".
            found.Insert(0, await client.GetBeneficiaryAsync(new() { Id = chosenId }, api.Call));
        }

        return found;
    }
}
