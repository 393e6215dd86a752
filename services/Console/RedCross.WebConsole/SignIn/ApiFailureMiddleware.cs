using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.SignIn;

/// <summary>What a page does when the API will not answer it:
/// <list type="bullet">
/// <item>the session can no longer call (the vault forgot it, the API refused its token): the cookie goes and the
/// person signs in again, then comes back to the page (a form's draft is kept in the page);</item>
/// <item>not found or outside the person's units (an edited URL): a plain "not found", the same for both, so a page
/// never tells whether another unit's record exists;</item>
/// <item>the API is down: "try again", never a stack trace.</item>
/// </list></summary>
internal sealed class ApiFailureMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, TokenVault vault, Language l)
    {
        try
        {
            await next(http);
        }
        catch (Exception ex) when (!http.Response.HasStarted && Find(ex) is { } failure)
        {
            if (failure is SessionExpiredException or RpcException { StatusCode: StatusCode.Unauthenticated })
            {
                vault.Close(http.User.FindFirst(ConsoleAuthentication.SessionClaim)?.Value);
                await http.SignOutAsync(ConsoleAuthentication.CookieScheme);
                http.Response.Redirect(http.Request.Path + http.Request.QueryString);
                return;
            }

            var (status, title, text) = ((RpcException)failure).StatusCode switch
            {
                StatusCode.NotFound or StatusCode.PermissionDenied or StatusCode.InvalidArgument => (404,
                    l.T("Không tìm thấy", "Not found"), l.T("Không có mục này trong các đơn vị của bạn.", "There is no such record in your units.")),
                _ => (503, l.T("Tạm thời không trả lời", "Not answering for now"), l.T("Máy chủ chưa trả lời. Vui lòng thử lại sau ít phút.", "The server did not answer. Please try again in a few minutes.")),
            };
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync($"""
                <!DOCTYPE html><html lang="{l.Code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{WebUtility.HtmlEncode(title)}</title></head><body><main><h1>{WebUtility.HtmlEncode(title)}</h1>
                <p>{WebUtility.HtmlEncode(text)}</p><p><a href="/">{WebUtility.HtmlEncode(l.T("Về trang đầu", "Home"))}</a></p></main></body></html>
                """, http.RequestAborted);
        }
    }

    private static Exception? Find(Exception ex) => ex switch
    {
        SessionExpiredException or RpcException => ex,
        { InnerException: { } inner } => Find(inner),
        _ => null,
    };
}
