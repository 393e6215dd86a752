using System.Globalization;
using RedCross.Contracts.Campaign.V1;
using RedCross.ServiceDefaults.Errors;

namespace RedCross.Campaign.Grpc;

/// <summary>What DrawBeneficiaryList was asked, checked: the campaign, the unit whose list relief draws, relief's
/// categories (checked here so a typo is the caller's InvalidArgument, not relief's) and how many at most; drawn on
/// <see cref="On"/>, the day the request was checked.</summary>
internal sealed record ListDraw(Guid CampaignId, string UnitCode, IReadOnlyList<string> Categories, int Limit, DateOnly On)
{
    public const int MaxEntries = 100_000;

    private static readonly IReadOnlySet<string> ReliefCategories = new HashSet<string>(StringComparer.Ordinal)
    {
        "policy_family", "elderly", "poor", "near_poor", "war_invalid", "sick_soldier", "agent_orange_victim", "disabled", "orphan",
        "disaster_affected", "seriously_ill",
    };

    public static ListDraw Check(Input input, DrawBeneficiaryListRequest request)
    {
        var id = input.Id("campaign_id", request.CampaignId);
        var unitCode = input.Text("org_unit", request.OrgUnit, 40);
        if (request.Categories.Count == 0)
        {
            input.Fail("categories", "must name at least one category");
        }

        foreach (var unknown in request.Categories.Where(c => !ReliefCategories.Contains(c)))
        {
            input.Fail("categories", $"'{unknown}' is not one of " + string.Join(", ", ReliefCategories));
        }

        if (request.Limit is < 0 or > MaxEntries)
        {
            input.Fail("limit", $"must be between 1 and {MaxEntries} (0 for {MaxEntries})");
        }

        input.ThrowIfInvalid();
        return new ListDraw(id!.Value, unitCode!, [.. request.Categories.Distinct()], request.Limit == 0 ? MaxEntries : request.Limit, input.Today);
    }
}

/// <summary>ListCampaignBeneficiaries' pages: a token is the position of the last row of the page before.</summary>
internal static class ListPage
{
    /// <summary>The position <paramref name="pageToken"/> names, -1 for the first page.</summary>
    public static int After(Input input, string pageToken)
    {
        var token = input.PageToken(pageToken);
        if (token is null)
        {
            return -1;
        }

        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            input.Fail("page_token", "is not a token this service issued");
        }

        return after;
    }
}
