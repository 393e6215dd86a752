using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Security;
using RedCross.WebConsole.Api;
using RedCross.WebConsole.Components;
using RedCross.WebConsole.Imports;
using RedCross.WebConsole.SignIn;
using RedCross.WebConsole.Text;

namespace RedCross.WebConsole;

/// <summary>The web console: served at `/` by the monolith and by its own host behind the gateway. Pages are rendered on
/// the server and sent as plain HTML (Blazor static SSR): no long-lived connection, no WebAssembly download, forms
/// that post like any HTML form (docs/decisions.md). It is a client of the public gRPC APIs like any other and calls
/// them with the signed-in person's own token, which it keeps server-side (<see cref="TokenVault"/>).</summary>
public static class ConsoleSetup
{
    /// <summary>The client id the console signs people in with (a public client of the identity, with PKCE).</summary>
    public const string ClientId = "console";

    public static WebApplicationBuilder AddWebConsole(this WebApplicationBuilder builder)
    {
        var publicUrl = ConsoleAddress.PublicUrl(builder.Configuration, builder.HostPorts());
        if (AuthenticationSetup.IsEmbedded(builder.Configuration))
        {
            // The identity in this same process registers the console as a browser app with this redirect URI.
            ConsoleAddress.RegisterRedirect(builder.Configuration, publicUrl);
        }

        builder.Services.AddRazorComponents();
        // Vietnamese letters as themselves, not as `&#x1ED9;` entities: a page of Vietnamese text is a third the size.
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<TokenVault>();
        builder.Services.AddSingleton<ApiChannel>();
        builder.Services.AddScoped<PersonApi>();
        builder.Services.AddScoped<Language>();
        builder.Services.AddSingleton<FileImports>();
        ConsoleAuthentication.Add(builder, publicUrl);
        return builder;
    }

    public static WebApplication MapWebConsole(this WebApplication app)
    {
        // Pages only: the API's own endpoints (gRPC, REST) answer their callers with their own statuses.
        app.UseWhen(
            http => http.GetEndpoint()?.Metadata is { } metadata
                && (metadata.GetMetadata<ComponentTypeMetadata>() is not null || metadata.GetMetadata<ConsoleEndpoint>() is not null),
            pages => pages.UseMiddleware<ApiFailureMiddleware>());
        // After authentication (which the host adds first): a form post's token is checked against the person's cookie.
        app.UseAntiforgery();
        ConsoleAssets.Map(app);
        ConsoleAuthentication.MapEndpoints(app);
        Language.MapSwitch(app);
        ReportFiles.Map(app);
        ImportEndpoints.Map(app);
        app.MapRazorComponents<App>()
            .RequireAuthorization(new AuthorizeAttribute { Policy = ConsoleAuthentication.Policy });
        return app;
    }
}
