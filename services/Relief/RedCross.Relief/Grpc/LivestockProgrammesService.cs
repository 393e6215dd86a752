using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Relief.Data;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using LivestockProgramme = RedCross.Relief.Domain.LivestockProgramme;

namespace RedCross.Relief.Grpc;

/// <summary>Livestock bank programmes (Ngân hàng bò) and their hand-back rules. Like a sponsor, a programme run by a
/// unit serves its subtree: a district officer gives the province programme's cows to the district's households.</summary>
internal sealed class LivestockProgrammesService(ReliefDb db, TimeProvider clock) : LivestockProgrammes.LivestockProgrammesBase
{
    /// <summary>Bounds of the age rules, in months: a calf is handed over before it is five years old.</summary>
    private const int MaxAgeMonths = 60;

    public override async Task<Contracts.Relief.V1.LivestockProgramme> CreateLivestockProgramme(CreateLivestockProgrammeRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var p = request.Programme ?? new Contracts.Relief.V1.LivestockProgramme();
        var unitCode = input.Text("programme.org_unit", p.OrgUnit, 40);
        var name = input.Text("programme.name", p.Name, 200);
        var species = string.IsNullOrWhiteSpace(p.Species) ? LivestockSpecies.Cow : input.OneOf("programme.species", p.Species, LivestockSpecies.All);
        var handback = (int)input.Range("programme.handback_calf", p.HandbackCalf, 1, 2);
        var sex = input.OneOf("programme.required_sex", p.RequiredSex, LivestockSexes.Required);
        var min = (int)input.Range("programme.handover_min_age_months", p.HandoverMinAgeMonths, 0, MaxAgeMonths);
        var max = (int)input.Range("programme.handover_max_age_months", p.HandoverMaxAgeMonths, 1, MaxAgeMonths);
        if (min > max)
        {
            input.Fail("programme.handover_min_age_months", "must not be more than handover_max_age_months");
        }

        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var created = await db.WriteAsync(async ct =>
        {
            var unit = await Units.RequireOpenAsync(db, unitCode!, "programme.org_unit", input.Today, caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.LivestockProgrammes.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            var programme = new LivestockProgramme
            {
                Id = Guid.CreateVersion7(),
                OrgUnitCode = unit.Code,
                OrgUnitPath = unit.Path,
                Name = name!,
                Species = species!,
                HandbackCalf = handback,
                RequiredSex = sex!,
                HandoverMinAgeMonths = min,
                HandoverMaxAgeMonths = max,
                CreatedOn = input.Today,
            };
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
        return (await RequireAsync(db, id!.Value, "id", caller, context.CancellationToken)).ToProto();
    }

    public override async Task<ListLivestockProgrammesResponse> ListLivestockProgrammes(ListLivestockProgrammesRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        input.ThrowIfInvalid();

        var rows = db.LivestockProgrammes.AsNoTracking();
        if (caller.Level != UnitLevels.Root)
        {
            var own = caller.OrgPath;
            var prefix = own + "/";
            var segments = own.Split('/');
            var above = Enumerable.Range(1, segments.Length - 1).Select(n => string.Join('/', segments[..n])).ToList();
            rows = rows.Where(x => x.OrgUnitPath == own || x.OrgUnitPath.StartsWith(prefix) || above.Contains(x.OrgUnitPath));
        }

        if (after is { } a)
        {
            rows = rows.Where(x => x.Id.CompareTo(a) > 0);
        }

        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id, context.CancellationToken);
        return new ListLivestockProgrammesResponse { Programmes = { page.Select(x => x.ToProto()) }, NextPageToken = next };
    }

    /// <summary>A programme the caller may use (its subtree or the units above), or NotFound / PermissionDenied.</summary>
    public static async Task<LivestockProgramme> RequireAsync(ReliefDb db, Guid id, string field, Caller caller, CancellationToken ct)
    {
        var programme = await db.LivestockProgrammes.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new ResourceNotFoundException("LivestockProgramme", id.ToString(), field);
        if (!caller.CanLocate(programme.OrgUnitPath))
        {
            throw new AccessDeniedException($"Livestock programme {id} belongs to a unit outside the caller's scope.");
        }

        return programme;
    }
}
