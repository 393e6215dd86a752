using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace RedCross.Identity.SignIn;

/// <summary>The identity's own pages: a plain HTML form (no script, a few hundred bytes of style), Vietnamese first
/// with English beside it, readable on a phone. Every value written into the page is HTML-encoded.</summary>
internal static class SignInPage
{
    public static IResult Form(string action, string heading, IEnumerable<KeyValuePair<string, string>> hidden, string? error, bool askUserCode = false, string? userCode = null)
    {
        var html = new StringBuilder();
        Open(html, heading);
        if (error is not null)
        {
            html.Append("<p role=\"alert\" class=\"error\">").Append(Encode(error)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"").Append(Encode(action)).Append("\">");
        foreach (var (name, value) in hidden)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode(value)).Append("\">");
        }

        if (askUserCode)
        {
            Field(html, "user_code", "Mã thiết bị / Device code", "text", userCode, "off");
        }

        Field(html, "username", "Tên đăng nhập / Username", "text", null, "username");
        Field(html, "password", "Mật khẩu / Password", "password", null, "current-password");
        html.Append("<button type=\"submit\">Đăng nhập / Sign in</button></form>");
        return Close(html);
    }

    public static IResult Message(string heading, string text)
    {
        var html = new StringBuilder();
        Open(html, heading);
        html.Append("<p>").Append(Encode(text)).Append("</p>");
        return Close(html);
    }

    private static void Open(StringBuilder html, string heading) => html
        .Append("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .Append("<title>").Append(Encode(heading)).Append(" · Hội Chữ thập đỏ</title><style>")
        .Append("body{font-family:system-ui,sans-serif;max-width:26rem;margin:2rem auto;padding:0 1rem;color:#222}")
        .Append("h1{font-size:1.3rem;color:#b00}label{display:block;margin-top:1rem}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}")
        .Append("button{margin-top:1.2rem;padding:.6rem 1.2rem;font-size:1rem;background:#b00;color:#fff;border:0}.error{color:#900;font-weight:bold}")
        .Append("</style></head><body><main><h1>").Append(Encode(heading)).Append("</h1>");

    private static void Field(StringBuilder html, string name, string label, string type, string? value, string autocomplete) => html
        .Append("<label for=\"").Append(name).Append("\">").Append(Encode(label)).Append("</label>")
        .Append("<input id=\"").Append(name).Append("\" name=\"").Append(name).Append("\" type=\"").Append(type)
        .Append("\" autocomplete=\"").Append(autocomplete).Append("\" required value=\"").Append(Encode(value ?? string.Empty)).Append("\">");

    private static IResult Close(StringBuilder html)
    {
        html.Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
