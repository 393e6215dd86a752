using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Relief.Data;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Relief.Grpc;

/// <summary>Livestock bank programmes (Ngân hàng bò) and their hand-back rules. Like a sponsor, a programme run by a
/// unit serves its subtree: a district officer gives the province programme's cows to the district's households.</summary>
internal sealed class LivestockProgrammesService(ReliefDb db, TimeProvider clock) : LivestockProgrammes.LivestockProgrammesBase
{
    public override async Task<Contracts.Relief.V1.LivestockProgramme> CreateLivestockProgramme(CreateLivestockProgrammeRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var p = request.Programme ?? new Contracts.Relief.V1.LivestockProgramme();
        var draft = LivestockProgrammeDraft.Check(input, p.OrgUnit, p.Name, p.Species, p.HandbackCalf, p.RequiredSex, p.HandoverMinAgeMonths, p.HandoverMaxAgeMonths);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var created = await db.WriteAsync(async (db, ct) =>
        {
            var unit = await Units.RequireOpenAsync(db, draft!.OrgUnitCode, "programme.org_unit", input.Today, caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.LivestockProgrammes.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            var programme = draft.ToProgramme(unit.Path, input.Today);
            db.LivestockProgrammes.Add(programme);
            Idempotency.Remember(db, context, requestId, programme.Id);
            return programme;
        }, context.CancellationToken);
        return created.ToProto();
    }

    public override async Task<Contracts.Relief.V1.LivestockProgramme> GetLivestockProgramme(GetLivestockProgrammeRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var input = new Input();
        var id = input.Id("id", request.Id);
        input.ThrowIfInvalid();
        return (await db.ProgrammeAsync(id!.Value, "id", caller, context.CancellationToken)).ToProto();
    }

    public override async Task<ListLivestockProgrammesResponse> ListLivestockProgrammes(ListLivestockProgrammesRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        input.ThrowIfInvalid();

        var rows = Units.Serving(db.LivestockProgrammes.AsNoTracking(), caller);
        rows = after is { } a ? rows.Where(x => x.Id.CompareTo(a) > 0) : rows;

        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id, context.CancellationToken);
        return new ListLivestockProgrammesResponse { Programmes = { page.Select(x => x.ToProto()) }, NextPageToken = next };
    }
}
