using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Campaign.Data;
using RedCross.Contracts.Campaign.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using BloodSession = RedCross.Campaign.Domain.BloodSession;

namespace RedCross.Campaign.Grpc;

/// <summary>Blood donation sessions (buổi hiến máu) of campaigns.</summary>
internal sealed class BloodSessionsService(CampaignDb db, TimeProvider clock) : BloodSessions.BloodSessionsBase
{
    public override async Task<Contracts.Campaign.V1.BloodSession> CreateBloodSession(CreateBloodSessionRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteCampaigns);
        var input = new Input(clock.VietnamToday());
        var s = request.Session ?? new Contracts.Campaign.V1.BloodSession();
        var campaignId = input.Id("session.campaign_id", s.CampaignId);
        var unitCode = input.Text("session.org_unit", s.OrgUnit, 40);
        var on = input.Date("session.held_on", s.HeldOn);
        var place = input.Text("session.place", s.Place, 300);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var created = await db.WriteAsync(async (db, ct) =>
        {
            var campaign = await db.Campaigns.AsNoTracking().RequireCampaignAsync(campaignId!.Value, "session.campaign_id", caller, ct);
            var unit = await Units.RequireOpenAsync(db, unitCode!, "session.org_unit", on!.Value, caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Sessions.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            campaign.EnsureNotClosed();
            campaign.EnsureWithinDates(on.Value, "session.held_on");
            campaign.EnsureCovers(unit.Path, "session.org_unit");

            var session = new BloodSession
            {
                Id = Guid.CreateVersion7(), CampaignId = campaign.Id, OrgUnitCode = unit.Code, OrgUnitPath = unit.Path, HeldOn = on.Value, Place = place!,
            };
            db.Sessions.Add(session);
            Idempotency.Remember(db, context, requestId, session.Id);
            return session;
        }, context.CancellationToken);
        return created.ToProto();
    }

    public override async Task<ListBloodSessionsResponse> ListBloodSessions(ListBloodSessionsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadCampaigns);
        var ct = context.CancellationToken;
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        var campaignId = input.Id("campaign_id", request.CampaignId, required: false);
        input.ThrowIfInvalid();

        var rows = Units.Within(db.Sessions.AsNoTracking(), await Units.ScopeAsync(db, null, caller, ct));
        if (campaignId is { } c)
        {
            await db.Campaigns.AsNoTracking().RequireCampaignAsync(c, "campaign_id", caller, ct);
            rows = rows.Where(x => x.CampaignId == c);
        }

        if (after is { } a)
        {
            rows = rows.Where(x => x.Id.CompareTo(a) > 0);
        }

        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id, ct);
        return new ListBloodSessionsResponse { Sessions = { page.Select(x => x.ToProto()) }, NextPageToken = next };
    }
}
