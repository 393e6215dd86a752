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
        var relation = string.IsNullOrEmpty(request.Relation) ? "children" : request.Relation;
        if (relation is not ("children" or "subtree" or "ancestors"))
        {
            input.Fail("relation", "must be children, subtree or ancestors");
        }

        var after = input.PageToken(request.PageToken);
        input.ThrowIfInvalid();

        var query = db.OrgUnits.AsNoTracking().Where(u => u.ValidFrom <= asOf && (u.ValidTo == null || u.ValidTo >= asOf));
        if (string.IsNullOrEmpty(request.Code))
        {
            query = query.Where(u => u.ParentCode == null);
        }
        else
        {
            var start = await db.UnitAsync(request.Code, "code", context.CancellationToken);
            EnsureCanLocate(caller, start);
            var ancestors = start.Path.Split('/');
            query = relation switch
            {
                "subtree" => OrgPath.Within(query, u => u.Path, start.Path).Where(u => u.Code != start.Code),
                "ancestors" => query.Where(u => ancestors.Contains(u.Code) && u.Code != start.Code),
                _ => query.Where(u => u.ParentCode == start.Code),
            };
        }

        // The caller's subtree, and the units above it that its own path names anyway.
        query = OrgPath.Within(query, u => u.Path, caller.Subtree, orAbove: true);

        if (after is not null)
        {
            query = query.Where(u => string.Compare(u.Path, after) > 0);
        }

        var page = await query.OrderBy(u => u.Path).Take(pageSize + 1).ToListAsync(context.CancellationToken);
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
        var code = input.Text("code", request.Code, 20);
        if (code is not null && !OrgUnit.CodePattern().IsMatch(code))
        {
            input.Fail("code", "must be 1-20 letters, digits, '-' or '_'");
        }

        var name = input.Text("name", request.Name, 200);
        var level = input.OneOf("level", request.Level, OrgLevels.ByName);
        var parentCode = input.Text("parent_code", request.ParentCode, 20, required: false);
        var adminCode = input.Text("admin_area_code", request.AdminAreaCode, 5, required: false);
        if (adminCode is not null && level is { } l && !OrgLevels.FitsAdminCode(l, adminCode))
        {
            input.Fail("admin_area_code", OrgLevels.AdminCodeLength(l) is { } n ? $"must be {n} digits for a {OrgLevels.Name(l)}" : $"a {OrgLevels.Name(l)} has no admin area");
        }

        var validFrom = input.Date("valid_from", request.ValidFrom, input.Today);
        if (parentCode is null && level is { } root && root is not (OrgLevel.Central or OrgLevel.Province))
        {
            input.Fail("parent_code", "is required below the province level");
        }

        input.ThrowIfInvalid();

        var unit = await db.WriteAsync(async (db, ct) =>
        {
            var path = await PathUnderAsync(db, parentCode, code!, level!.Value, validFrom!.Value, caller, ct);
            if (await db.OrgUnits.AnyAsync(u => u.Code == code, ct))
            {
                throw new ResourceConflictException("code", $"Org unit '{code}' exists already; codes are never reused.");
            }

            foreach (var (predecessor, i) in request.PredecessorCodes.Select((p, i) => (p, i)))
            {
                await db.UnitAsync(predecessor, $"predecessor_codes[{i}]", ct);
            }

            var unit = new OrgUnit
            {
                Code = code!,
                Name = name!,
                Level = level.Value,
                ParentCode = parentCode,
                Path = path,
                AdminAreaCode = adminCode,
                ValidFrom = validFrom.Value,
                PredecessorCodes = [.. request.PredecessorCodes],
                Names = [new OrgUnitName(validFrom.Value, name!, level.Value)],
                Version = 1,
            };
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
    private static async Task<string> PathUnderAsync(MembershipDb db, string? parentCode, string code, OrgLevel level, DateOnly validFrom, Caller caller, CancellationToken ct)
    {
        if (parentCode is null)
        {
            caller.EnsureCan(Permission.CreateTopOrgUnit);
            return code;
        }

        var parent = await db.UnitAsync(parentCode, "parent_code", caller, ct);
        if (OrgLevels.Rank(level) <= OrgLevels.Rank(parent.Level))
        {
            throw new ValidationFailedException("level", $"a {OrgLevels.Name(level)} cannot sit under a {OrgLevels.Name(parent.Level)}");
        }

        parent.EnsureOpenOn(validFrom, "parent_code");
        return parent.ChildPath(code);
    }

    private static void EnsureCanLocate(Caller caller, OrgUnit unit)
    {
        if (!caller.CanLocate(unit.Path))
        {
            throw new AccessDeniedException($"Org unit '{unit.Code}' is outside the caller's scope.");
        }
    }
}
