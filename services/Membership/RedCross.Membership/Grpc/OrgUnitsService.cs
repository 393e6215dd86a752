using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.Membership.Domain;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using OrgUnit = RedCross.Membership.Domain.OrgUnit;

namespace RedCross.Membership.Grpc;

/// <summary>The organisation tree over gRPC and REST.</summary>
internal sealed partial class OrgUnitsService(MembershipDb db, TimeProvider clock) : OrgUnits.OrgUnitsBase
{
    public override async Task<Contracts.Membership.V1.OrgUnit> GetOrgUnit(GetOrgUnitRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadOrgUnits);
        var unit = await db.UnitAsync(request.Code, "code", context.CancellationToken);
        EnsureCanLocate(caller, unit);
        return unit.ToProto();
    }

    public override async Task<ListOrgUnitsResponse> ListOrgUnits(ListOrgUnitsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadOrgUnits);
        var input = new Input(clock.VietnamToday());
        var asOf = input.Date("as_of", request.AsOf, input.Today);
        var pageSize = input.PageSize(request.PageSize, 100);
        var relation = OrgUnitLists.Relation(input, request.Relation);
        var after = input.PageToken(request.PageToken);
        input.ThrowIfInvalid();

        OrgUnit? start = null;
        if (!string.IsNullOrEmpty(request.Code))
        {
            start = await db.UnitAsync(request.Code, "code", context.CancellationToken);
            EnsureCanLocate(caller, start);
        }

        var page = await db.PageAsync(new OrgUnitFilter(asOf!.Value, start, relation, caller.Subtree, after), pageSize, context.CancellationToken);
        var response = new ListOrgUnitsResponse { OrgUnits = { page.Take(pageSize).Select(u => u.ToProto()) } };
        if (page.Count > pageSize)
        {
            response.NextPageToken = Input.EncodePageToken(page[pageSize - 1].Path);
        }

        return response;
    }

    public override async Task<Contracts.Membership.V1.OrgUnit> CreateOrgUnit(CreateOrgUnitRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteOrgUnits);
        var input = new Input(clock.VietnamToday());
        var draft = OrgUnitDraft.Check(input, request.Code, request.Name, request.Level, request.ParentCode, request.AdminAreaCode,
            request.ValidFrom, [.. request.PredecessorCodes]);
        input.ThrowIfInvalid();

        var unit = await db.WriteAsync(async (db, ct) =>
        {
            var path = await PathOfAsync(db, draft!, caller, ct);
            if (await db.OrgUnits.AnyAsync(u => u.Code == draft!.Code, ct))
            {
                throw new ResourceConflictException("code", $"Org unit '{draft!.Code}' exists already; codes are never reused.");
            }

            foreach (var (predecessor, i) in draft!.PredecessorCodes.Select((p, i) => (p, i)))
            {
                await db.UnitAsync(predecessor, $"predecessor_codes[{i}]", ct);
            }

            var unit = draft.ToOrgUnit(path);
            db.OrgUnits.Add(unit);
            db.AddEvent(IntegrationEvents.Created(unit, clock.GetUtcNow()));
            return unit;
        }, context.CancellationToken);
        return unit.ToProto();
    }

    public override async Task<Contracts.Membership.V1.OrgUnit> UpdateOrgUnit(UpdateOrgUnitRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteOrgUnits);
        var input = new Input(clock.VietnamToday());
        var name = input.Text("name", request.Name, 200, required: false);
        var level = string.IsNullOrEmpty(request.Level) ? null : input.OneOf("level", request.Level, OrgLevels.ByName);
        var adminCode = input.Text("admin_area_code", request.AdminAreaCode, 5, required: false);
        var etag = input.Text("etag", request.Etag, 20);
        var from = input.NotFuture("effective_from", input.Date("effective_from", request.EffectiveFrom, input.Today));
        input.ThrowIfInvalid();

        var unit = await db.WriteAsync(async (db, ct) =>
        {
            var unit = await db.OrgUnits.UnitAsync(request.Code, "code", caller, ct);
            ETag.EnsureMatches(etag, unit);
            if (adminCode is not null && !OrgLevels.FitsAdminCode(unit.Level, adminCode))
            {
                throw new ValidationFailedException("admin_area_code", "does not fit the unit's level");
            }

            if ((name is not null || level is not null) && unit.Rename(name, level, from!.Value, input.Today) is { } refusal)
            {
                throw new ValidationFailedException(refusal.StartsWith("effective_from", StringComparison.Ordinal) ? "effective_from" : "level", refusal);
            }

            unit.AdminAreaCode = adminCode ?? unit.AdminAreaCode;
            // A rename keeps its dated entry beside the unit and may leave the unit's own columns as they were; it is still a change.
            db.MarkChanged(unit);
            db.AddEvent(IntegrationEvents.Changed(unit, clock.GetUtcNow()));
            return unit;
        }, context.CancellationToken);
        return unit.ToProto();
    }

    /// <summary>The new unit's path: its code alone at the top (which takes the right to create top units), else under an
    /// open parent of a higher level that the caller holds.</summary>
    private static async Task<string> PathOfAsync(MembershipDb db, OrgUnitDraft draft, Caller caller, CancellationToken ct)
    {
        if (draft.ParentCode is null)
        {
            caller.EnsureCan(Permission.CreateTopOrgUnit);
            return draft.Code;
        }

        return draft.PathUnder(await db.UnitAsync(draft.ParentCode, "parent_code", caller, ct));
    }

    private static void EnsureCanLocate(Caller caller, OrgUnit unit)
    {
        if (!caller.CanLocate(unit.Path))
        {
            throw new AccessDeniedException($"Org unit '{unit.Code}' is outside the caller's scope.");
        }
    }
}
