using RedCross.Messaging;
using RedCross.OrgReplica;
using System.Text.RegularExpressions;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Awards.Data;
using RedCross.Awards.Domain;
using RedCross.Contracts.Awards.V1;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using Issuer = RedCross.Awards.Domain.Issuer;

namespace RedCross.Awards.Grpc;

/// <summary>Issuers (cấp khen) and their forms, kept as data. An issuer acts through a unit of its level; it is visible to
/// the callers of that unit's subtree and to the units below (who propose to it).</summary>
internal sealed partial class IssuersService(AwardsDb db) : Issuers.IssuersBase
{
    public override async Task<Contracts.Awards.V1.Issuer> CreateIssuer(CreateIssuerRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ManageAwardRules);
        var input = new Input();
        var issuer = Check(input, request.Issuer ?? new Contracts.Awards.V1.Issuer());
        input.ThrowIfInvalid();

        if (issuer.Kind == IssuerKinds.CentralRedCross && caller.Level != UnitLevels.Root)
        {
            throw new AccessDeniedException("Only a principal of the whole tree registers the central Red Cross.");
        }

        return (await db.WriteAsync(async (db, ct) =>
        {
            if (issuer.Kind != IssuerKinds.CentralRedCross)
            {
                var unit = await Units.RequireAsync(db, issuer.OrgUnitCode, "issuer.org_unit", caller, ct);
                Issuer.EnsureActsThrough(issuer.Kind, unit.Code, unit.Level);
                issuer.OrgUnitPath = unit.Path;
            }

            if (await db.Issuers.AnyAsync(x => x.Code == issuer.Code, ct))
            {
                throw new ResourceConflictException("issuer.code", $"Issuer '{issuer.Code}' exists already.");
            }

            db.Issuers.Add(issuer);
            return issuer;
        }, context.CancellationToken)).ToProto();
    }

    public override async Task<Contracts.Awards.V1.Issuer> GetIssuer(GetIssuerRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadAwards);
        var input = new Input();
        var code = input.Text("code", request.Code, 40);
        input.ThrowIfInvalid();
        return (await AwardsQueries.RequireIssuerAsync(db, code!, "code", caller, context.CancellationToken)).ToProto();
    }

    public override async Task<ListIssuersResponse> ListIssuers(ListIssuersRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadAwards);
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = input.PageToken(request.PageToken);
        input.ThrowIfInvalid();

        var rows = db.Issuers.AsNoTracking().Include(x => x.Forms).AsQueryable();
        if (caller.Level != UnitLevels.Root)
        {
            // The caller's subtree, the units above it (whose issuers it proposes to) and the central Red Cross, whose
            // empty path is read as the caller's own: it acts for every unit.
            var own = caller.OrgPath;
            rows = OrgPath.Within(rows, x => x.OrgUnitPath == string.Empty ? own : x.OrgUnitPath, own, orAbove: true);
        }

        if (after is not null)
        {
            rows = rows.Where(x => string.Compare(x.Code, after) > 0);
        }

        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Code), pageSize, x => x.Code, context.CancellationToken);
        return new ListIssuersResponse { Issuers = { page.Select(x => x.ToProto()) }, NextPageToken = next };
    }

    /// <summary>An issuer as given, checked field by field; its unit's path is resolved after.</summary>
    private static Issuer Check(Input input, Contracts.Awards.V1.Issuer i)
    {
        var code = input.Text("issuer.code", i.Code, 40);
        if (code is not null && !CodePattern().IsMatch(code))
        {
            input.Fail("issuer.code", "may hold only letters, digits, '-' and '_'");
        }

        var kind = input.OneOf("issuer.kind", i.Kind, IssuerKinds.All);
        var name = input.Text("issuer.name", i.Name, 200);
        var central = kind == IssuerKinds.CentralRedCross;
        var unitCode = input.Text("issuer.org_unit", i.OrgUnit, 40, required: !central);
        if (central && unitCode is not null)
        {
            input.Fail("issuer.org_unit", "must be empty for the central Red Cross");
        }

        var forms = Forms(input, code, i.Forms);
        return new Issuer { Code = code ?? string.Empty, Kind = kind ?? string.Empty, OrgUnitCode = unitCode ?? string.Empty, Name = name ?? string.Empty, Forms = forms };
    }

    private static List<IssuerForm> Forms(Input input, string? code, IEnumerable<AwardForm> forms)
    {
        var result = new List<IssuerForm>();
        var index = 0;
        foreach (var f in forms)
        {
            var field = $"issuer.forms[{index++}]";
            var kind = input.OneOf(field + ".kind", f.Kind, FormKinds.All);
            var collective = input.Range(field + ".cash_collective_vnd", f.CashCollectiveVnd, 0, Issuer.MaxCashVnd);
            var individual = input.Range(field + ".cash_individual_vnd", f.CashIndividualVnd, 0, Issuer.MaxCashVnd);
            if (kind is not null && result.Any(r => r.Kind == kind))
            {
                input.Fail(field + ".kind", "is given twice");
            }
            else if (kind is not null)
            {
                result.Add(new IssuerForm { IssuerCode = code ?? string.Empty, Kind = kind, CashCollectiveVnd = collective, CashIndividualVnd = individual });
            }
        }

        if (index == 0)
        {
            input.Fail("issuer.forms", "must name at least one form");
        }

        if (index > 10)
        {
            input.Fail("issuer.forms", "must name at most 10 forms");
        }

        return result;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex CodePattern();
}
