using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using RedCross.Identity.Accounts;

namespace RedCross.Identity.SignIn;

/// <summary>The pages a person signs in on. OpenIddict has validated each request before it reaches them (client,
/// redirect URI, PKCE challenge, user code); they check the password and sign the person in, and OpenIddict answers
/// with the code (browser) or marks the device code approved (`rc login --server`).</summary>
internal static class SignInEndpoints
{
    public const string AuthorizePath = "/connect/authorize";
    public const string VerifyPath = "/connect/verify";
    public const string VerifiedPath = "/connect/verified";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods(AuthorizePath, ["GET", "POST"], AuthorizeAsync).AllowAnonymous().DisableAntiforgery();
        app.MapMethods(VerifyPath, ["GET", "POST"], VerifyAsync).AllowAnonymous().DisableAntiforgery();
        app.MapGet(VerifiedPath, () => SignInPage.Message("Đã đăng nhập / Signed in", "Quay lại cửa sổ dòng lệnh để tiếp tục. / Go back to your terminal to continue.")).AllowAnonymous();
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, PasswordSignIn passwords)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict did not pass the authorization request on.");
        var hidden = request.GetParameters()
            .Where(p => p.Key is not ("username" or "password"))
            .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value ?? string.Empty));
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return SignInPage.Form(AuthorizePath, "Đăng nhập / Sign in", hidden, error: null);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (account, outcome) = await passwords.CheckAsync(form["username"], form["password"], request.ClientId, http.RequestAborted);
        return account is null
            ? SignInPage.Form(AuthorizePath, "Đăng nhập / Sign in", hidden, PasswordSignIn.Explain(outcome))
            : Results.SignIn(PersonPrincipal.For(account, request.GetScopes()), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> VerifyAsync(HttpContext http, PasswordSignIn passwords)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict did not pass the verification request on.");
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return SignInPage.Form(VerifyPath, "Đăng nhập cho rc / Sign in for rc", [], error: null, askUserCode: true, userCode: request.UserCode);
        }

        // The device request the user code names: OpenIddict resolves it from the posted user_code.
        var device = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (device.Principal is null)
        {
            return SignInPage.Form(VerifyPath, "Đăng nhập cho rc / Sign in for rc", [], "Mã thiết bị không đúng hoặc đã hết hạn. / The device code is wrong or expired.", askUserCode: true);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (account, outcome) = await passwords.CheckAsync(form["username"], form["password"], device.Principal.GetPresenters().FirstOrDefault(), http.RequestAborted);
        return account is null
            ? SignInPage.Form(VerifyPath, "Đăng nhập cho rc / Sign in for rc", [], PasswordSignIn.Explain(outcome), askUserCode: true, userCode: request.UserCode)
            : Results.SignIn(PersonPrincipal.For(account, device.Principal.GetScopes()), new AuthenticationProperties { RedirectUri = VerifiedPath }, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
