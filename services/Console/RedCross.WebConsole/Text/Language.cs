using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RedCross.WebConsole.Text;

/// <summary>Vietnamese first, English on request (a cookie set by the switch in the header). Labels are written in
/// both languages where they are used: <c>L.T("Hội viên", "Members")</c>.</summary>
internal sealed class Language(IHttpContextAccessor http)
{
    private const string Cookie = "rc-lang";

    public bool English { get; } = http.HttpContext?.Request.Cookies[Cookie] == "en";

    public string Code => English ? "en" : "vi";

    public string T(string vietnamese, string english) => English ? english : vietnamese;

    public static void MapSwitch(WebApplication app) =>
        app.MapGet("/lang/{code:regex(^(vi|en)$)}", (string code, string? back, HttpContext http) =>
        {
            http.Response.Cookies.Append(Cookie, code, new CookieOptions
            {
                HttpOnly = true,
                Secure = true,
                SameSite = SameSiteMode.Lax,
                MaxAge = TimeSpan.FromDays(365),
            });
            // Only a path on this site: the switch must not be an open redirect.
            var local = back is { Length: > 0 } && back[0] == '/' && !back.StartsWith("//", StringComparison.Ordinal) && !back.StartsWith("/\\", StringComparison.Ordinal);
            return Results.Redirect(local ? back! : "/");
        }).AllowAnonymous();
}
