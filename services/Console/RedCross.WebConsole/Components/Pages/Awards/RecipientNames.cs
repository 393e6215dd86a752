using Grpc.Core;
using RedCross.Contracts.Awards.V1;
using RedCross.Contracts.Campaign.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.WebConsole.Api;
using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.Components.Pages.Awards;

/// <summary>Who a nomination names, in words. Awards keeps only ids for people (a member's, a donor's), so their names
/// are read from membership and campaign as the person, one call each; a name that cannot be read (anonymised, gone)
/// is left out rather than failing the page.</summary>
internal sealed class RecipientNames
{
    private readonly Dictionary<string, string> people;
    private readonly Dictionary<string, string> units;

    private RecipientNames(Dictionary<string, string> people, IEnumerable<OrgUnit> units)
    {
        this.people = people;
        this.units = units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
    }

    public static async Task<RecipientNames> ReadAsync(PersonApi api, IEnumerable<Recipient> recipients, IReadOnlyList<OrgUnit> units)
    {
        var wanted = recipients.Where(r => r.Kind is "member" or "volunteer" or "donor").DistinctBy(r => r.Id).ToList();
        var names = await Task.WhenAll(wanted.Select(async r => (r.Id, Name: await NameAsync(api, r))));
        return new RecipientNames(names.Where(n => n.Name is not null).ToDictionary(n => n.Id, n => n.Name!, StringComparer.Ordinal), units);
    }

    public string Unit(string code) => units.TryGetValue(code, out var name) ? $"{name} ({code})" : code;

    public string Describe(Language l, Recipient r) => r.Kind switch
    {
        "org_unit" => Unit(r.OrgUnit),
        "group" => $"{r.GroupName}, {Unit(r.OrgUnit)}",
        "official" => l.T($"Cán bộ {r.Id}, {Unit(r.OrgUnit)}", $"Official {r.Id}, {Unit(r.OrgUnit)}"),
        _ => people.TryGetValue(r.Id, out var name) ? name : Choice.Label(l, AwardText.Recipients, r.Kind),
    };

    private static async Task<string?> NameAsync(PersonApi api, Recipient r)
    {
        try
        {
            return r.Kind == "donor"
                ? (await api.Client<BloodDonors.BloodDonorsClient>().GetBloodDonorAsync(new() { Id = r.Id }, api.Call)).FullName
                : (await api.Client<RedCross.Contracts.Membership.V1.Members.MembersClient>().GetMemberAsync(new() { Id = r.Id }, api.Call)).FullName;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied)
        {
            return null;
        }
    }
}
