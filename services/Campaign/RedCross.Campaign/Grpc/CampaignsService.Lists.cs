using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RedCross.Campaign.Data;
using RedCross.Campaign.Domain;
using RedCross.Contracts.Campaign.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Campaign.Grpc;

/// <summary>A programme's beneficiary list (drawn from relief, kept as a snapshot) and the gifts relief recorded
/// against it. The list is a copy of relief's people: every row drawn and every row read is in campaign's audit trail
/// (<see cref="ListAuditTrail"/>), and callers without `read personal data` see it through
/// <see cref="ProgrammeListPrivacy"/>.</summary>
internal sealed partial class CampaignsService
{
    private const int MaxListEntries = 100_000;

    /// <summary>Relief's categories: checked here so a typo is the caller's InvalidArgument, not relief's.</summary>
    private static readonly IReadOnlySet<string> ReliefCategories = new HashSet<string>(StringComparer.Ordinal)
    {
        "policy_family", "elderly", "poor", "near_poor", "war_invalid", "sick_soldier", "agent_orange_victim", "disabled", "orphan",
        "disaster_affected", "seriously_ill",
    };

    public override async Task<DrawBeneficiaryListResponse> DrawBeneficiaryList(DrawBeneficiaryListRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteCampaigns);
        var ct = context.CancellationToken;
        var input = new Input(clock.VietnamToday());
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

        if (request.Limit is < 0 or > MaxListEntries)
        {
            input.Fail("limit", $"must be between 1 and {MaxListEntries} (0 for {MaxListEntries})");
        }

        input.ThrowIfInvalid();

        // Everything that can be refused here is refused before relief is called.
        var campaign = await db.Campaigns.AsNoTracking().RequireCampaignAsync(id!.Value, "campaign_id", caller, ct);
        campaign.EnsureNotClosed();
        var unit = await OrgReplica.OrgReplica.FindAsync(db, unitCode!, ct) ?? throw new ResourceNotFoundException("OrgUnit", unitCode!, "org_unit");
        caller.EnsureCanSee(unit.Path);
        campaign.EnsureCovers(unit.Path, "org_unit");

        // The whole list first, outside the write lock; stored in one transaction only once relief sent all of it.
        var list = await relief.DrawAsync(unit.Code, request.Categories.Distinct(), request.Limit == 0 ? MaxListEntries : request.Limit, PersonToken(context), ct);
        var drawnOn = input.Today;
        var paths = await UnitPathsAsync(list.Select(e => e.OrgUnit), unit.Path, ct);
        await db.WriteAsync(async (db, wct) =>
        {
            var tracked = await db.Campaigns.RequireCampaignAsync(campaign.Id, "campaign_id", caller, wct);
            tracked.EnsureNotClosed();
            await db.Beneficiaries.Where(b => b.CampaignId == tracked.Id).ExecuteDeleteAsync(wct);
            var rows = list.Select((e, i) => new Domain.CampaignBeneficiary
            {
                CampaignId = tracked.Id,
                Position = i,
                BeneficiaryId = Guid.Parse(e.Id),
                Kind = e.Kind,
                FullName = e.FullName,
                HouseholdSize = e.HouseholdSize,
                Categories = string.Join(',', e.Categories),
                OrgUnitCode = e.OrgUnit,
            }).ToList();
            db.Beneficiaries.AddRange(rows);
            // A list may hold 100,000 people: their entries go through the prepared bulk insert, in this transaction.
            using (var audit = new AuditBulkWriter(db, (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction(), db.AuditEnabled))
            {
                var now = clock.GetUtcNow();
                rows.ForEach(r => audit.Add(ListAuditTrail.Drawn(context, caller, r, paths(r.OrgUnitCode), now)));
            }

            (tracked.BeneficiaryListDrawnOn, tracked.BeneficiaryListCount) = (drawnOn, list.Count);
            // Counted as a change though a redraw may leave both the same: the list itself changed.
            db.MarkChanged(tracked);
            db.AddEvent(IntegrationEvents.ListDrawn(tracked, clock.GetUtcNow()));
            return 0;
        }, ct);
        return new DrawBeneficiaryListResponse { Count = list.Count, DrawnOn = drawnOn.Iso() };
    }

    public override async Task<ListCampaignBeneficiariesResponse> ListCampaignBeneficiaries(ListCampaignBeneficiariesRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadCampaigns);
        var ct = context.CancellationToken;
        var input = new Input();
        var id = input.Id("campaign_id", request.CampaignId);
        var pageSize = input.PageSize(request.PageSize);
        var token = input.PageToken(request.PageToken);
        var after = -1;
        if (token is not null && !int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out after))
        {
            input.Fail("page_token", "is not a token this service issued");
        }

        input.ThrowIfInvalid();
        var campaign = await db.Campaigns.AsNoTracking().RequireCampaignAsync(id!.Value, "campaign_id", caller, ct);
        var rows = await db.Beneficiaries.AsNoTracking().Where(b => b.CampaignId == campaign.Id && b.Position > after)
            .OrderBy(b => b.Position).Take(pageSize + 1).ToListAsync(ct);
        var next = rows.Count > pageSize ? Input.EncodePageToken(rows[pageSize - 1].Position.ToString(System.Globalization.CultureInfo.InvariantCulture)) : string.Empty;
        var page = rows.Take(pageSize).ToList();
        // One entry per person returned, durable before the page is sent.
        var paths = await UnitPathsAsync(page.Select(b => b.OrgUnitCode), campaign.OrgUnitPath, ct);
        auditReads.Record([.. page.Select(b => ListAuditTrail.Listed(context, caller, b, paths(b.OrgUnitCode), clock.GetUtcNow()))]);
        var personal = caller.Can(Permission.ReadPersonalData);
        return new ListCampaignBeneficiariesResponse
        {
            Beneficiaries =
            {
                page.Select(b => new Contracts.Campaign.V1.CampaignBeneficiary
                {
                    BeneficiaryId = b.BeneficiaryId.ToString(),
                    Kind = b.Kind,
                    FullName = ProgrammeListPrivacy.Name(b.FullName, personal),
                    HouseholdSize = b.HouseholdSize,
                    Categories = { ProgrammeListPrivacy.Categories(b.Categories.Split(',', StringSplitOptions.RemoveEmptyEntries), personal) },
                    OrgUnit = b.OrgUnitCode,
                }),
            },
            Total = campaign.BeneficiaryListCount,
            NextPageToken = next,
        };
    }

    /// <summary>The paths of the units the rows name, from the org replica, so each entry is filed under the person's unit;
    /// a code the replica does not know falls back to <paramref name="fallback"/> (the list's or the campaign's unit).</summary>
    private async Task<Func<string, string>> UnitPathsAsync(IEnumerable<string> codes, string fallback, CancellationToken ct)
    {
        var wanted = codes.Distinct().ToList();
        var known = await db.Set<ReplicatedOrgUnit>().AsNoTracking().Where(u => wanted.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Path, ct);
        return code => known.TryGetValue(code, out var path) ? path : fallback;
    }

    public override async Task<CampaignGifts> GetCampaignGifts(GetCampaignGiftsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadCampaigns);
        var input = new Input();
        var id = input.Id("campaign_id", request.CampaignId);
        input.ThrowIfInvalid();
        var campaign = await db.Campaigns.AsNoTracking().RequireCampaignAsync(id!.Value, "campaign_id", caller, context.CancellationToken);
        var sponsors = await db.Gifts.AsNoTracking().Where(g => g.CampaignId == campaign.Id && (g.Gifts != 0 || g.ValueVnd != 0)).ToListAsync(context.CancellationToken);
        return new CampaignGifts
        {
            CampaignId = campaign.Id.ToString(),
            Sponsors =
            {
                sponsors.OrderByDescending(s => s.ValueVnd).ThenBy(s => s.SponsorId)
                    .Select(s => new SponsorGifts { SponsorId = s.SponsorId == Guid.Empty ? string.Empty : s.SponsorId.ToString(), ValueVnd = s.ValueVnd, Gifts = s.Gifts }),
            },
            TotalVnd = sponsors.Sum(s => s.ValueVnd),
        };
    }

    /// <summary>The caller's own access token, which relief receives as the person the list is drawn for.</summary>
    private static string PersonToken(ServerCallContext context) =>
        context.GetHttpContext().Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : string.Empty;
}
