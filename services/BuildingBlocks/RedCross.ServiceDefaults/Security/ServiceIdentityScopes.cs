using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace RedCross.ServiceDefaults.Security;

/// <summary>A scope a module of this host needs its service identity to carry beyond events.read (campaign asks for
/// relief.read to draw programme lists). Only hosts with such a module ask, so no other host's token is widened.</summary>
public sealed record ServiceIdentityScope(string Scope);

public static class ServiceIdentityScopes
{
    /// <summary>Adds <paramref name="scope"/> to the tokens of this host's <see cref="ServiceIdentity"/>.</summary>
    public static WebApplicationBuilder AddServiceIdentityScope(this WebApplicationBuilder builder, string scope)
    {
        builder.Services.AddSingleton(new ServiceIdentityScope(scope));
        return builder;
    }

    internal static IEnumerable<string> Of(IServiceProvider services) =>
        services.GetServices<ServiceIdentityScope>().Select(s => s.Scope);
}
