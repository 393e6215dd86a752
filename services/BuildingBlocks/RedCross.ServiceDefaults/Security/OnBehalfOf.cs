using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using RedCross.ServiceDefaults.Errors;

namespace RedCross.ServiceDefaults.Security;

/// <summary>A service calling for a person (campaign drawing a programme list for an officer) sends its own token as the
/// caller and the person's access token in <see cref="Header"/>. The callee accepts the header only from a service
/// identity, validates it exactly as it validates any bearer token (same issuer, keys, audience, lifetime), and then
/// holds the person to their own subtree; its audit trail names both.</summary>
public static class OnBehalfOf
{
    public const string Header = "x-on-behalf-of";
    public const string NoPerson = "NO_PERSON";

    /// <summary>The person a service caller acts for. PermissionDenied when the caller is no service or names no person
    /// (or a partner or service instead of one); Unauthenticated when the person's token does not validate.</summary>
    public static async Task<Caller> PersonAsync(ServerCallContext context)
    {
        var caller = Caller.From(context);
        var http = context.GetHttpContext();
        var token = http.Request.Headers[Header].ToString();
        if (caller.Role != Roles.Service || token.Length == 0)
        {
            throw new AccessDeniedException($"Only a service calls for a person, and it names the person with the {Header} header (their access token).", NoPerson);
        }

        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = options.TokenValidationParameters.Clone();
        if (options.ConfigurationManager is { } authority)
        {
            // Validated from the authority's published keys, as the bearer handler does.
            var published = await authority.GetConfigurationAsync(context.CancellationToken);
            parameters.ValidIssuer = published.Issuer;
            parameters.IssuerSigningKeys = published.SigningKeys;
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"The person's token in {Header} is not valid."));
        }

        http.RequestServices.GetRequiredService<ExternalClaims>().Apply(result.ClaimsIdentity);
        var person = Caller.From(new ClaimsPrincipal(result.ClaimsIdentity));
        return person.Role is Roles.Service or Roles.Partner
            ? throw new AccessDeniedException($"{Header} must name a person, not a client.", NoPerson)
            : person.ActingThrough(caller);
    }
}
