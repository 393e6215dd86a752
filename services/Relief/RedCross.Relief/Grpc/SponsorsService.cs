using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Relief.Data;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using Sponsor = RedCross.Relief.Domain.Sponsor;

namespace RedCross.Relief.Grpc;

/// <summary>Sponsors (nhà tài trợ). A sponsor registered at a unit serves that unit's subtree: a commune may record
/// what the province's sponsor (Viettel Bắc Kạn) gives, so the units above the caller's own are visible too.</summary>
internal sealed class SponsorsService(ReliefDb db, TimeProvider clock) : Sponsors.SponsorsBase
{
    public override async Task<Contracts.Relief.V1.Sponsor> CreateSponsor(CreateSponsorRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var s = request.Sponsor ?? new Contracts.Relief.V1.Sponsor();
        var kind = input.OneOf("sponsor.kind", s.Kind, Sponsor.Kinds);
        var name = input.Text("sponsor.display_name", s.DisplayName, 200);
        var unitCode = input.Text("sponsor.org_unit", s.OrgUnit, 40);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var registered = await db.WriteAsync(async (db, ct) =>
        {
            var unit = await Units.RequireOpenAsync(db, unitCode!, "sponsor.org_unit", input.Today, caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Sponsors.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            var sponsor = new Sponsor { Id = Guid.CreateVersion7(), Kind = kind!, DisplayName = name!, OrgUnitCode = unit.Code, OrgUnitPath = unit.Path };
            db.Sponsors.Add(sponsor);
            db.AddEvent(IntegrationEvents.Registered(sponsor, clock.GetUtcNow()));
            Idempotency.Remember(db, context, requestId, sponsor.Id);
            return sponsor;
        }, context.CancellationToken);
        return registered.ToProto();
    }

    public override async Task<Contracts.Relief.V1.Sponsor> GetSponsor(GetSponsorRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var input = new Input();
        var id = input.Id("id", request.Id);
        input.ThrowIfInvalid();
        return (await db.SponsorAsync(id!.Value, "id", caller, context.CancellationToken)).ToProto();
    }

    public override async Task<ListSponsorsResponse> ListSponsors(ListSponsorsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        input.ThrowIfInvalid();

        var rows = Units.Serving(db.Sponsors.AsNoTracking(), caller);
        rows = after is { } a ? rows.Where(x => x.Id.CompareTo(a) > 0) : rows;

        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id, context.CancellationToken);
        return new ListSponsorsResponse { Sponsors = { page.Select(x => x.ToProto()) }, NextPageToken = next };
    }
}
