using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Campaign.Data;
using RedCross.Campaign.Domain;
using RedCross.Contracts.Campaign.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Campaign.Grpc;

/// <summary>Campaigns (phong trào, chiến dịch, chương trình): input → status rules inside the write transaction →
/// storage and events. Results are entries, corrected by correcting entries, never edited.</summary>
internal sealed partial class CampaignsService(CampaignDb db, TimeProvider clock, ReliefBeneficiaryLists relief, AuditReads<CampaignDb> auditReads)
    : Campaigns.CampaignsBase
{
    public override async Task<Contracts.Campaign.V1.Campaign> CreateCampaign(CreateCampaignRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteCampaigns);
        var input = new Input(clock.VietnamToday());
        var planned = CampaignInput.Planned(input, request.Campaign ?? new Contracts.Campaign.V1.Campaign());
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var created = await db.WriteAsync(async (db, ct) =>
        {
            var unit = await Units.RequireOpenAsync(db, planned.OrgUnitCode, "campaign.org_unit", planned.StartDate, caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Campaigns.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            var campaign = planned;
            (campaign.Id, campaign.OrgUnitCode, campaign.OrgUnitPath) = (Guid.CreateVersion7(), unit.Code, unit.Path);
            db.Campaigns.Add(campaign);
            Idempotency.Remember(db, context, requestId, campaign.Id);
            return campaign;
        }, context.CancellationToken);
        return created.ToProto();
    }

    public override async Task<Contracts.Campaign.V1.Campaign> GetCampaign(GetCampaignRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadCampaigns);
        var input = new Input();
        var id = input.Id("id", request.Id);
        input.ThrowIfInvalid();
        return (await db.Campaigns.AsNoTracking().RequireCampaignAsync(id!.Value, "id", caller, context.CancellationToken)).ToProto();
    }

    public override async Task<ListCampaignsResponse> ListCampaigns(ListCampaignsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadCampaigns);
        var ct = context.CancellationToken;
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        var status = string.IsNullOrEmpty(request.Status) ? null : input.OneOf("status", request.Status, Domain.Campaign.Statuses);
        var type = string.IsNullOrEmpty(request.Type) ? null : input.OneOf("type", request.Type, Domain.Campaign.Types);
        input.ThrowIfInvalid();

        var rows = Units.Within(db.Campaigns.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct));
        if (caller.Role == Roles.Partner)
        {
            var subject = caller.Subject;
            rows = rows.Where(x => x.Partners.Any(p => p.ClientId == subject));
        }

        if (status is not null)
        {
            rows = rows.Where(x => x.Status == status);
        }

        if (type is not null)
        {
            rows = rows.Where(x => x.Type == type);
        }

        if (after is { } a)
        {
            rows = rows.Where(x => x.Id.CompareTo(a) > 0);
        }

        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id, ct);
        return new ListCampaignsResponse { Campaigns = { page.Select(x => x.ToProto()) }, NextPageToken = next };
    }

    public override async Task<Contracts.Campaign.V1.Campaign> OpenCampaign(OpenCampaignRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteCampaigns);
        var input = new Input(clock.VietnamToday());
        var id = input.Id("id", request.Id);
        var on = input.NotFuture("opened_on", input.Date("opened_on", request.OpenedOn, input.Today));
        var etag = input.Text("etag", request.Etag, 20, required: false);
        input.ThrowIfInvalid();

        return (await db.WriteAsync(async (db, ct) =>
        {
            var campaign = await db.Campaigns.RequireCampaignAsync(id!.Value, "id", caller, ct);
            ETag.EnsureMatches(etag, campaign);
            campaign.Open(on!.Value);
            db.AddEvent(IntegrationEvents.Opened(campaign, clock.GetUtcNow()));
            return campaign;
        }, context.CancellationToken)).ToProto();
    }

    public override async Task<Contracts.Campaign.V1.Campaign> CloseCampaign(CloseCampaignRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteCampaigns);
        var input = new Input(clock.VietnamToday());
        var id = input.Id("id", request.Id);
        var on = input.NotFuture("closed_on", input.Date("closed_on", request.ClosedOn, input.Today));
        var etag = input.Text("etag", request.Etag, 20, required: false);
        input.ThrowIfInvalid();

        return (await db.WriteAsync(async (db, ct) =>
        {
            var campaign = await db.Campaigns.RequireCampaignAsync(id!.Value, "id", caller, ct);
            ETag.EnsureMatches(etag, campaign);
            campaign.Close(on!.Value);
            db.AddEvent(IntegrationEvents.Closed(campaign, clock.GetUtcNow()));
            return campaign;
        }, context.CancellationToken)).ToProto();
    }

    public override async Task<Contracts.Campaign.V1.Campaign> AddCampaignPartner(AddCampaignPartnerRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteCampaigns);
        var input = new Input();
        var id = input.Id("campaign_id", request.CampaignId);
        var partner = CampaignInput.Partner(input, "partner", request.Partner);
        input.ThrowIfInvalid();

        return (await db.WriteAsync(async (db, ct) =>
        {
            var campaign = await db.Campaigns.RequireCampaignAsync(id!.Value, "campaign_id", caller, ct);
            campaign.AddPartner(partner!);
            // The partners are owned rows: counted as a change of the campaign, so its version moves.
            db.MarkChanged(campaign);
            if (campaign.Status == Domain.Campaign.Running)
            {
                // Partners named before opening travel in CampaignOpened.
                db.AddEvent(IntegrationEvents.PartnerAdded(campaign, partner!, clock.GetUtcNow()));
            }

            return campaign;
        }, context.CancellationToken)).ToProto();
    }
}
