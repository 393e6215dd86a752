using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Campaign.Data;
using RedCross.Campaign.Domain;
using RedCross.Contracts.Campaign.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using CampaignResult = RedCross.Campaign.Domain.CampaignResult;

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
        var c = request.Campaign ?? new Contracts.Campaign.V1.Campaign();
        var type = input.OneOf("campaign.type", c.Type, Domain.Campaign.Types);
        var name = input.Text("campaign.name", c.Name, 300);
        var unitCode = input.Text("campaign.org_unit", c.OrgUnit, 40);
        var start = input.Date("campaign.start_date", c.StartDate);
        var end = input.Date("campaign.end_date", c.EndDate);
        if (start is { } s && end is { } e && e < s)
        {
            input.Fail("campaign.end_date", "must not be before start_date");
        }

        if (c.Partners.Count > 50)
        {
            input.Fail("campaign.partners", "at most 50");
        }

        var partners = c.Partners.Select((p, i) => CampaignInput.Partner(input, $"campaign.partners[{i}]", p)).ToList();
        var targets = CampaignInput.Figures(input, "campaign.targets", c.Targets, isTarget: true);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var created = await db.WriteAsync(async ct =>
        {
            var unit = await Units.RequireOpenAsync(db, unitCode!, "campaign.org_unit", start!.Value, caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Campaigns.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            var campaign = new Domain.Campaign
            {
                Id = Guid.CreateVersion7(),
                Type = type!,
                Name = name!,
                OrgUnitCode = unit.Code,
                OrgUnitPath = unit.Path,
                StartDate = start.Value,
                EndDate = end!.Value,
                Partners = [.. partners.OfType<Domain.CampaignPartner>()],
                Targets = targets,
            };
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
        return (await RequireAsync(db.Campaigns.AsNoTracking(), id!.Value, "id", caller, context.CancellationToken)).ToProto();
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

        return (await db.WriteAsync(async ct =>
        {
            var campaign = await RequireAsync(db.Campaigns, id!.Value, "id", caller, ct);
            EnsureEtag(campaign, etag);
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

        return (await db.WriteAsync(async ct =>
        {
            var campaign = await RequireAsync(db.Campaigns, id!.Value, "id", caller, ct);
            EnsureEtag(campaign, etag);
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

        return (await db.WriteAsync(async ct =>
        {
            var campaign = await RequireAsync(db.Campaigns, id!.Value, "campaign_id", caller, ct);
            campaign.EnsureNotClosed();
            if (campaign.Partners.Count >= 50)
            {
                throw new RuleViolationException("TOO_MANY_PARTNERS", "A campaign has at most 50 partners.");
            }

            if (partner!.ClientId is { } client && campaign.NamesPartner(client))
            {
                throw new ResourceConflictException("partner.client_id", $"Client '{client}' is a partner of this campaign already.");
            }

            campaign.Partners.Add(partner);
            campaign.Version++;
            if (campaign.Status == Domain.Campaign.Running)
            {
                // Partners named before opening travel in CampaignOpened.
                db.AddEvent(IntegrationEvents.PartnerAdded(campaign, partner, clock.GetUtcNow()));
            }

            return campaign;
        }, context.CancellationToken)).ToProto();
    }

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

        return (await db.WriteAsync(async ct =>
        {
            var campaign = await RequireAsync(db.Campaigns, id!.Value, "campaign_id", caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Results.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            campaign.EnsureTakesResults(on!.Value);
            var result = new CampaignResult
            {
                Id = Guid.CreateVersion7(),
                CampaignId = campaign.Id,
                OrgUnitCode = campaign.OrgUnitCode,
                OrgUnitPath = campaign.OrgUnitPath,
                RecordedOn = on.Value,
                Figures = figures,
                Note = note,
                RecordedBy = caller.Subject,
                RecordedAt = clock.GetUtcNow(),
            };
            db.Results.Add(result);
            campaign.Totals.Add(figures);
            campaign.Version++;
            db.AddEvent(IntegrationEvents.Recorded(campaign, result, clock.GetUtcNow()));
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

        return (await db.WriteAsync(async ct =>
        {
            var campaign = await RequireAsync(db.Campaigns, id!.Value, "campaign_id", caller, ct);
            var corrected = await db.Results.FirstOrDefaultAsync(x => x.Id == resultId && x.CampaignId == campaign.Id, ct)
                ?? throw new ResourceNotFoundException("CampaignResult", resultId!.Value.ToString(), "result_id");
            campaign.EnsureTakesResults(corrected.RecordedOn);
            if (corrected.CorrectedByResultId is { } by)
            {
                throw new RuleViolationException("ALREADY_CORRECTED", $"Result {corrected.Id} was corrected by {by} already: correct that entry.");
            }

            var correcting = new CampaignResult
            {
                Id = Guid.CreateVersion7(),
                CampaignId = campaign.Id,
                OrgUnitCode = campaign.OrgUnitCode,
                OrgUnitPath = campaign.OrgUnitPath,
                RecordedOn = corrected.RecordedOn,
                Figures = figures,
                Note = corrected.Note,
                CorrectsResultId = corrected.Id,
                CorrectionReason = reason,
                RecordedBy = caller.Subject,
                RecordedAt = clock.GetUtcNow(),
            };
            var change = figures.Minus(corrected.Figures);
            corrected.CorrectedByResultId = correcting.Id;
            db.Results.Add(correcting);
            campaign.Totals.Add(change);
            campaign.Version++;
            db.AddEvent(IntegrationEvents.Corrected(campaign, correcting, corrected, change, clock.GetUtcNow()));
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

        var campaign = await RequireAsync(db.Campaigns.AsNoTracking(), id!.Value, "campaign_id", caller, ct);
        var rows = db.Results.AsNoTracking().Where(x => x.CampaignId == campaign.Id);
        if (after is { } a)
        {
            rows = rows.Where(x => x.Id.CompareTo(a) > 0);
        }

        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id, ct);
        return new ListCampaignResultsResponse { Results = { page.Select(x => x.ToProto()) }, NextPageToken = next };
    }

    /// <summary>A campaign in the caller's subtree, or NotFound / PermissionDenied naming <paramref name="field"/>; a
    /// partner must also be named among the campaign's partners (reason NOT_A_PARTNER).</summary>
    public static async Task<Domain.Campaign> RequireAsync(IQueryable<Domain.Campaign> campaigns, Guid id, string field, Caller caller, CancellationToken ct)
    {
        var campaign = await campaigns.FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new ResourceNotFoundException("Campaign", id.ToString(), field);
        caller.EnsureCanSee(campaign.OrgUnitPath);
        if (caller.Role == Roles.Partner && !campaign.NamesPartner(caller.Subject))
        {
            throw new AccessDeniedException($"Campaign {id} does not name this client among its partners.", NotAPartner);
        }

        return campaign;
    }

    /// <summary>A partner's token, for a campaign that does not name it.</summary>
    public const string NotAPartner = "NOT_A_PARTNER";

    private static void EnsureEtag(Domain.Campaign campaign, string? etag)
    {
        if (etag is not null && etag != campaign.ETag)
        {
            throw new RuleViolationException("ETAG_MISMATCH", "The campaign changed since it was read; read it again.");
        }
    }
}
