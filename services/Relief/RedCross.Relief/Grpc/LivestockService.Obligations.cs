using System.Globalization;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Relief.V1;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using HandoverObligation = RedCross.Relief.Domain.HandoverObligation;

namespace RedCross.Relief.Grpc;

/// <summary>The livestock bank's hand-over obligations: all of a subtree, and the overdue ones.</summary>
internal sealed partial class LivestockService
{
    public override async Task<ListHandoverObligationsResponse> ListHandoverObligations(ListHandoverObligationsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var ct = context.CancellationToken;
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        var state = string.IsNullOrEmpty(request.State) ? null : input.OneOf("state", request.State, HandoverObligation.States);
        var programmeId = input.Id("programme_id", request.ProgrammeId, required: false);
        input.ThrowIfInvalid();

        var rows = Units.Within(db.HandoverObligations.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct));
        rows = state is not null ? rows.Where(x => x.State == state) : rows;
        rows = programmeId is { } p ? rows.Where(x => x.ProgrammeId == p) : rows;
        rows = after is { } a ? rows.Where(x => x.Id.CompareTo(a) > 0) : rows;
        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id, ct);
        return new ListHandoverObligationsResponse { Obligations = { page.Select(x => x.ToProto()) }, NextPageToken = next };
    }

    public override async Task<ListOverdueObligationsResponse> ListOverdueObligations(ListOverdueObligationsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var ct = context.CancellationToken;
        var input = new Input(clock.VietnamToday());
        var pageSize = input.PageSize(request.PageSize);
        var asOf = input.Date("as_of", request.AsOf, input.Today);
        var after = OverdueToken.Read(input, request.PageToken);
        input.ThrowIfInvalid();

        var rows = Units.Within(db.HandoverObligations.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct))
            .Where(x => x.State == HandoverObligation.Open && x.DueOn < asOf!.Value);
        if (after is var (due, id))
        {
            rows = rows.Where(x => x.DueOn > due || (x.DueOn == due && x.Id.CompareTo(id) > 0));
        }

        var page = await rows.OrderBy(x => x.DueOn).ThenBy(x => x.Id).Take(pageSize + 1).ToListAsync(ct);
        var next = page.Count > pageSize ? OverdueToken.Write(page[pageSize - 1]) : string.Empty;
        return new ListOverdueObligationsResponse { Obligations = { page.Take(pageSize).Select(x => x.ToProto()) }, NextPageToken = next };
    }
}

/// <summary>Keyset page token of the overdue list, ordered by due date then id.</summary>
internal static class OverdueToken
{
    public static string Write(HandoverObligation last) => Input.EncodePageToken(last.DueOn.Iso() + "/" + last.Id);

    public static (DateOnly Due, Guid Id)? Read(Input input, string? token)
    {
        var text = input.PageToken(token);
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('/');
        if (parts.Length == 2 && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due) && Guid.TryParse(parts[1], out var id))
        {
            return (due, id);
        }

        input.Fail("page_token", "is not a token this service issued");
        return null;
    }
}
