using Google.Rpc;
using Grpc.Core;
using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.Api;

/// <summary>The stable reason a rule's refusal carries (google.rpc.ErrorInfo, `INTERVAL_TOO_SHORT`). The API's message
/// is English prose; a page switches on the reason to say the refusal in the person's language.</summary>
internal static class ApiReason
{
    public static string Of(RpcException ex) => ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? string.Empty;

    /// <summary>The refusal as <see cref="ApiErrors.From"/> reads it, its message said in the person's language when
    /// <paramref name="said"/> (or the reasons every service shares) knows the reason; the fields stay beside their inputs.</summary>
    public static ApiErrors Explain(Language l, RpcException ex, Func<string, string?>? said = null)
    {
        var reason = Of(ex);
        var text = said?.Invoke(reason) ?? Shared(l, reason);
        return text is null ? ApiErrors.From(ex) : ApiErrors.From(ex) with { Message = text };
    }

    private static string? Shared(Language l, string reason) => reason switch
    {
        "NOT_PERMITTED" => l.T("Tài khoản của bạn không có quyền làm việc này.", "Your account may not do this."),
        "OUT_OF_SCOPE" => l.T("Việc này thuộc đơn vị ngoài phạm vi của bạn.", "This belongs to a unit outside yours."),
        "ETAG_MISMATCH" => l.T("Hồ sơ vừa được người khác thay đổi. Hãy xem lại rồi làm lại.", "The record was just changed by someone else. Look at it again and retry."),
        _ => null,
    };
}
