using Grpc.Core;
using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Data;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Reporting.Grpc;

/// <summary>Operations on reporting's projections; province admins only.</summary>
internal sealed class ReportingAdminService(Rebuild rebuild) : ReportingAdmin.ReportingAdminBase
{
    public override async Task<RebuildProjectionsResponse> RebuildProjections(RebuildProjectionsRequest request, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.Admin);
        // The source log is read with the admin's own token: no service-to-service secret to manage.
        var headers = new Metadata();
        if (context.RequestHeaders.GetValue("authorization") is { } authorization)
        {
            headers.Add("authorization", authorization);
        }

        var (events, position) = await rebuild.RunAsync(headers, context.CancellationToken);
        return new RebuildProjectionsResponse { EventsReplayed = events, Positions = { ["membership"] = position } };
    }
}
