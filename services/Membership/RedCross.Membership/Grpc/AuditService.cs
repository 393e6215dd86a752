using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Grpc;

/// <summary>The audit trail of personal records, for province administrators.</summary>
internal sealed class AuditService(MembershipDb db, TimeProvider clock) : MemberAudit.MemberAuditBase
{
    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadAuditTrail);
        var input = new Input(clock.VietnamToday());
        var memberId = input.Id("member_id", request.MemberId, required: false);
        var pageSize = input.PageSize(request.PageSize);
        long? after = null;
        if (input.PageToken(request.PageToken) is { } token)
        {
            after = long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position : null;
            if (after is null)
            {
                input.Fail("page_token", "is not a token this service issued");
            }
        }

        input.ThrowIfInvalid();
        var entries = db.AuditEntries.AsNoTracking();
        if (caller.Level != UnitLevels.Root)
        {
            var scope = caller.OrgPath;
            var prefix = scope + "/";
            entries = entries.Where(e => e.OrgUnitPath == scope || e.OrgUnitPath.StartsWith(prefix));
        }

        if (memberId is { } id)
        {
            entries = entries.Where(e => e.MemberId == id);
        }

        if (after is { } a)
        {
            entries = entries.Where(e => e.Position > a);
        }

        var page = await entries.OrderBy(e => e.Position).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListAuditEntriesResponse
        {
            AuditEntries =
            {
                page.Take(pageSize).Select(e => new Contracts.Membership.V1.AuditEntry
                {
                    Position = e.Position, At = Timestamp.FromDateTimeOffset(e.At), Subject = e.Subject, Role = e.Role, Method = e.Method,
                    MemberId = e.MemberId.ToString(), Action = e.Action, Fields = { e.Fields.Split(',', StringSplitOptions.RemoveEmptyEntries) },
                }),
            },
        };
        if (page.Count > pageSize)
        {
            response.NextPageToken = Input.EncodePageToken(page[pageSize - 1].Position.ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }
}
