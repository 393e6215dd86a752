using System.Globalization;
using Google.Rpc;
using Grpc.Core;
using RedCross.WebConsole.Api;
using RedCross.WebConsole.Text;

namespace RedCross.WebConsole.Components.Pages.Relief;

/// <summary>What relief's forms share: money typed as offices write it, the Vietnam-local clock, and refusals put
/// beside the field the person can change.</summary>
internal static class ReliefForms
{
    /// <summary>Today and now in Vietnam (UTC+7, no daylight saving): the API's activity dates are local.</summary>
    public static DateTime VietnamNow => DateTime.UtcNow.AddHours(7);

    public static string Today => VietnamDate.Today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Amounts and quantities typed that are not whole numbers, said before anything is sent.</summary>
    public static ApiErrors ForNumbers(Language l, params (string Field, string? Typed, bool Required)[] amounts)
    {
        var fields = amounts
            .Where(a => !string.IsNullOrWhiteSpace(a.Typed) ? Numbers.Whole(a.Typed) is null : a.Required)
            .ToDictionary(a => a.Field, _ => l.T("Viết bằng chữ số, ví dụ 1.500.000.", "Write it in digits, for example 1,500,000."), StringComparer.Ordinal);
        return fields.Count == 0 ? ApiErrors.None : new ApiErrors(string.Empty, fields);
    }

    private static readonly string[] TypedTimes = ["H:mm", "HH:mm", "H'h'mm", "H.mm"];

    /// <summary>A time of day typed "14:30", "7:05", "14h30" or "14.30", as the API's "HH:mm"; as typed when it is not one.</summary>
    public static string Time(string? typed) =>
        TimeOnly.TryParseExact(typed?.Trim(), TypedTimes, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToString("HH:mm", CultureInfo.InvariantCulture)
            : typed?.Trim() ?? string.Empty;

    public static ApiErrors ForTime(Language l, string field, string? typed) =>
        TimeOnly.TryParseExact(typed?.Trim(), TypedTimes, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? ApiErrors.None
            : new ApiErrors(string.Empty, new Dictionary<string, string> { [field] = l.T("Viết giờ theo hh:mm, ví dụ 14:30.", "Write the time as hh:mm, for example 14:30.") });

    /// <summary>Said beside a form's first field when the record changed since the page was opened (ETAG_MISMATCH): the
    /// form sends the etag it was read with, so a second click or another person's change is not applied blind.</summary>
    public static string Changed(Language l) =>
        l.T("Bản ghi đã thay đổi từ khi mở trang này (có thể đã lưu rồi); hãy mở lại trang để xem.", "The record changed since this page was opened (perhaps saved already); open the page again to see it.");

    public static ApiErrors Merge(ApiErrors a, ApiErrors b) => !b.Any ? a : !a.Any ? b
        : new ApiErrors(a.Message.Length > 0 ? a.Message : b.Message, a.Fields.Concat(b.Fields).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal));

    /// <summary>The rule a FailedPrecondition names (ErrorInfo.reason, such as DONATION_BALANCE_EXCEEDED), if any.</summary>
    public static string? Reason(RpcException ex) => ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;

    /// <summary>A refusal for a form showing these fields: a rule the API names only by its reason is put beside the
    /// field that can fix it (<paramref name="besides"/>: reason, field, words). FormRefusal says the page's message only
    /// when no field is marked, so when the API faults a field this form does not show, every fault is said in the
    /// message instead: none goes unseen.</summary>
    public static ApiErrors Refusal(RpcException ex, IReadOnlyCollection<string> shown, params (string Reason, string Field, string Text)[] besides)
    {
        var errors = ApiErrors.From(ex);
        if (errors.Fields.Keys.Any(f => !shown.Contains(f)))
        {
            return new ApiErrors(string.Join(" ", errors.Fields.Select(f => $"{f.Key}: {f.Value}").Prepend(errors.Message)), new Dictionary<string, string>());
        }

        var reason = Reason(ex);
        var fields = new Dictionary<string, string>(errors.Fields, StringComparer.Ordinal);
        foreach (var (code, field, text) in besides.Where(b => b.Reason == reason))
        {
            fields[field] = text;
        }

        return new ApiErrors(errors.Message, fields);
    }
}
