using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Campaign.Data;
using RedCross.Contracts.Campaign.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Campaign.Grpc;

/// <summary>A campaign's results: entries, corrected by correcting entries (<see cref="Domain.Campaign.CorrectResult"/>),
/// never edited.</summary>
internal sealed partial class CampaignsService
{
    public override async Task<Contracts.Campaign.V1.CampaignResult> RecordCampaignResult(RecordCampaignResultRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.RecordCampaignResults);
        var input = new Input(clock.VietnamToday());
        var id = input.Id("campaign_id", request.CampaignId);
        var r = request.Result ?? new Contracts.Campaign.V1.CampaignResult();
        var on = input.NotFuture("result.recorded_on", input.Date("result.recorded_on", r.RecordedOn));
        var figures = CampaignInput.Figures(input, "result.figures", r.Figures, isTarget: false);
        var note = input.Text("result.note", r.Note, 1000, required: false);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        return (await db.WriteAsync(async (db, ct) =>
        {
            var campaign = await db.Campaigns.RequireCampaignAsync(id!.Value, "campaign_id", caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Results.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            var result = campaign.RecordResult(on!.Value, figures, note, caller.Subject, clock.GetUtcNow());
            db.Results.Add(result);
            // The totals are an owned record: counted as a change of the campaign, so its version moves.
            db.MarkChanged(campaign);
            db.AddEvent(Domain.IntegrationEvents.Recorded(campaign, result, clock.GetUtcNow()));
            Idempotency.Remember(db, context, requestId, result.Id);
            return result;
        }, context.CancellationToken)).ToProto();
    }

    public override async Task<Contracts.Campaign.V1.CampaignResult> CorrectCampaignResult(CorrectCampaignResultRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.RecordCampaignResults);
        var input = new Input();
        var id = input.Id("campaign_id", request.CampaignId);
        var resultId = input.Id("result_id", request.ResultId);
        var figures = CampaignInput.Figures(input, "figures", request.Figures, isTarget: false);
        var reason = input.Text("reason", request.Reason, 500);
        input.ThrowIfInvalid();

        return (await db.WriteAsync(async (db, ct) =>
        {
            var campaign = await db.Campaigns.RequireCampaignAsync(id!.Value, "campaign_id", caller, ct);
            var corrected = await db.Results.FirstOrDefaultAsync(x => x.Id == resultId && x.CampaignId == campaign.Id, ct)
                ?? throw new ResourceNotFoundException("CampaignResult", resultId!.Value.ToString(), "result_id");
            var (correcting, change) = campaign.CorrectResult(corrected, figures, reason, caller.Subject, clock.GetUtcNow());
            db.Results.Add(correcting);
            // The totals are an owned record: counted as a change of the campaign, so its version moves.
            db.MarkChanged(campaign);
            db.AddEvent(Domain.IntegrationEvents.Corrected(campaign, correcting, corrected, change, clock.GetUtcNow()));
            return correcting;
        }, context.CancellationToken)).ToProto();
    }

    public override async Task<ListCampaignResultsResponse> ListCampaignResults(ListCampaignResultsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadCampaigns);
        var ct = context.CancellationToken;
        var input = new Input();
        var id = input.Id("campaign_id", request.CampaignId);
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        input.ThrowIfInvalid();

        var campaign = await db.Campaigns.AsNoTracking().RequireCampaignAsync(id!.Value, "campaign_id", caller, ct);
        var rows = db.Results.AsNoTracking().Where(x => x.CampaignId == campaign.Id);
        if (after is { } a)
        {
            rows = rows.Where(x => x.Id.CompareTo(a) > 0);
        }

        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id, ct);
        return new ListCampaignResultsResponse { Results = { page.Select(x => x.ToProto()) }, NextPageToken = next };
    }
}
