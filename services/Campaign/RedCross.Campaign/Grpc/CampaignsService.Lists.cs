using Grpc.Core;
using Microsoft.EntityFrameworkCore;
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
    public override async Task<DrawBeneficiaryListResponse> DrawBeneficiaryList(DrawBeneficiaryListRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteCampaigns);
        var ct = context.CancellationToken;
        var draw = ListDraw.Check(new Input(clock.VietnamToday()), request);

        // Everything that can be refused here is refused before relief is called.
        var campaign = await db.Campaigns.AsNoTracking().RequireCampaignAsync(draw.CampaignId, "campaign_id", caller, ct);
        campaign.EnsureNotClosed();
        var unit = await Units.RequireAsync(db, draw.UnitCode, "org_unit", caller, ct);
        campaign.EnsureCovers(unit.Path, "org_unit");

        // The whole list first, outside the write lock; stored in one transaction only once relief sent all of it.
        var list = await relief.DrawAsync(unit.Code, draw.Categories, draw.Limit, PersonToken(context), ct);
        var paths = await BeneficiaryLists.UnitPathsAsync(db, list.Select(e => e.OrgUnit), unit.Path, ct);
        await db.WriteAsync(async (db, ct) =>
        {
            // The campaign's rules again, on the campaign as the unit reads it: it may have closed while relief sent.
            var tracked = await db.Campaigns.RequireCampaignAsync(campaign.Id, "campaign_id", caller, ct);
            tracked.EnsureCovers(unit.Path, "org_unit");
            tracked.ListDrawn(draw.On, list.Count);
            var now = clock.GetUtcNow();
            var rows = list.Select((e, i) => e.ToRow(tracked.Id, i)).ToList();
            await BeneficiaryLists.ReplaceAsync(db, tracked, rows, r => ListAuditTrail.Drawn(context, caller, r, paths(r.OrgUnitCode), now), ct);
            db.AddEvent(IntegrationEvents.ListDrawn(tracked, clock.GetUtcNow()));
            return 0;
        }, ct);
        return new DrawBeneficiaryListResponse { Count = list.Count, DrawnOn = draw.On.Iso() };
    }

    public override async Task<ListCampaignBeneficiariesResponse> ListCampaignBeneficiaries(ListCampaignBeneficiariesRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadCampaigns);
        var ct = context.CancellationToken;
        var input = new Input();
        var id = input.Id("campaign_id", request.CampaignId);
        var pageSize = input.PageSize(request.PageSize);
        var after = ListPage.After(input, request.PageToken);
        input.ThrowIfInvalid();

        var campaign = await db.Campaigns.AsNoTracking().RequireCampaignAsync(id!.Value, "campaign_id", caller, ct);
        var (page, next) = await BeneficiaryLists.PageAsync(db, campaign.Id, after, pageSize, ct);
        // One entry per person returned, durable before the page is sent.
        var paths = await BeneficiaryLists.UnitPathsAsync(db, page.Select(b => b.OrgUnitCode), campaign.OrgUnitPath, ct);
        auditReads.Record([.. page.Select(b => ListAuditTrail.Listed(context, caller, b, paths(b.OrgUnitCode), clock.GetUtcNow()))]);
        var personal = caller.Can(Permission.ReadPersonalData);
        return new ListCampaignBeneficiariesResponse
        {
            Beneficiaries = { page.Select(b => b.ToProto(personal)) },
            Total = campaign.BeneficiaryListCount,
            NextPageToken = next,
        };
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
