using Grpc.Core;
using Microsoft.AspNetCore.Http;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Reporting.V1;

namespace RedCross.WebConsole.Api;

/// <summary>The API clients a page uses, all calling as the signed-in person, each call bounded by a deadline and
/// cancelled when the browser goes away.</summary>
internal sealed class PersonApi(ApiChannel api, IHttpContextAccessor http)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public Members.MembersClient Members { get; } = new(api.Channel);

    public OrgUnits.OrgUnitsClient OrgUnits { get; } = new(api.Channel);

    public Reporting.ReportingClient Reporting { get; } = new(api.Channel);

    public CallOptions Call => new(deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: http.HttpContext?.RequestAborted ?? default);
}
