using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace RedCross.WebConsole.Api;

/// <summary>What a page calls the API with: any generated client (<c>Api.Client&lt;Members.MembersClient&gt;()</c>),
/// calling as the signed-in person, each call bounded by a deadline (<see cref="Call"/>) and cancelled when the browser
/// goes away.</summary>
internal sealed class PersonApi(ApiChannel api, IHttpContextAccessor http)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public T Client<T>()
        where T : ClientBase<T> => (T)Activator.CreateInstance(typeof(T), api.Channel)!;

    public CallOptions Call => new(deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: http.HttpContext?.RequestAborted ?? default);
}
