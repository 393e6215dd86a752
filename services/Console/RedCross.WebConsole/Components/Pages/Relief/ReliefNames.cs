using Grpc.Core;
using RedCross.Contracts.Relief.V1;
using ReliefV1 = RedCross.Contracts.Relief.V1;
using RedCross.WebConsole.Api;

namespace RedCross.WebConsole.Components.Pages.Relief;

/// <summary>Names for the ids relief's records carry: a gift, an animal or an obligation names its beneficiary by id
/// only, a donation its sponsor. The API has no "names of these ids" call, so a list asks for each beneficiary it
/// shows (one read each, in the audit trail as any read of personal data is) and for the sponsors a person may use.</summary>
internal static class ReliefNames
{
    public static async Task<IReadOnlyDictionary<string, string>> BeneficiariesAsync(this PersonApi api, IEnumerable<string> ids)
    {
        var client = api.Client<ReliefV1.Beneficiaries.BeneficiariesClient>();
        var wanted = ids.Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var names = await Task.WhenAll(wanted.Select(async id =>
        {
            try
            {
                return (Id: id, Name: (await client.GetBeneficiaryAsync(new() { Id = id }, api.Call)).FullName);
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied)
            {
                // Moved out of the person's units since: the record stays listed, without the name.
                return (Id: id, Name: string.Empty);
            }
        }));
        return names.ToDictionary(n => n.Id, n => n.Name, StringComparer.Ordinal);
    }

    /// <summary>Every sponsor the person may use (those of their units and of the units above), by id.</summary>
    public static async Task<IReadOnlyList<Sponsor>> SponsorsAsync(this PersonApi api)
    {
        var client = api.Client<ReliefV1.Sponsors.SponsorsClient>();
        var all = new List<Sponsor>();
        var token = string.Empty;
        do
        {
            var page = await client.ListSponsorsAsync(new() { PageSize = 1000, PageToken = token }, api.Call);
            all.AddRange(page.Sponsors);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    public static string Of(this IReadOnlyDictionary<string, string> names, string id) =>
        names.TryGetValue(id, out var name) && name.Length > 0 ? name : "—";
}
