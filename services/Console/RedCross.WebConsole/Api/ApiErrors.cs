using Google.Rpc;
using Grpc.Core;

namespace RedCross.WebConsole.Api;

/// <summary>What the API refused, made ready for a form: one message for the page and one per field, keyed by the
/// request's field name (`full_name`), so each shows beside its input.</summary>
public sealed record ApiErrors(string Message, IReadOnlyDictionary<string, string> Fields)
{
    public static readonly ApiErrors None = new(string.Empty, new Dictionary<string, string>());

    public bool Any => Message.Length > 0 || Fields.Count > 0;

    public string? For(string field) => Fields.TryGetValue(field, out var reason) ? reason : null;

    /// <summary>A refusal the person can act on (bad input, a rule, no permission); anything else is not handled here.</summary>
    public static bool IsRefusal(RpcException ex) => ex.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition
        or StatusCode.AlreadyExists or StatusCode.NotFound or StatusCode.PermissionDenied or StatusCode.OutOfRange;

    /// <summary>Dates typed that are not dates, said in the person's language before anything is sent.</summary>
    internal static ApiErrors ForDates(Text.Language l, params (string Field, string? Typed, bool Required)[] dates)
    {
        var fields = dates
            .Where(d => d.Typed is { Length: > 0 } ? !Text.Formats.IsDate(d.Typed) : d.Required)
            .ToDictionary(d => d.Field, _ => l.T("Viết ngày theo dd/mm/yyyy, ví dụ 28/02/1990.", "Write the date as dd/mm/yyyy, for example 28/02/1990."), StringComparer.Ordinal);
        return fields.Count == 0 ? None : new ApiErrors(string.Empty, fields);
    }

    public static ApiErrors From(RpcException ex)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var status = ex.GetRpcStatus();
        foreach (var violation in status?.GetDetail<BadRequest>()?.FieldViolations ?? [])
        {
            // A nested field ("member.full_name") shows beside the input named after its last part.
            var field = violation.Field[(violation.Field.LastIndexOf('.') + 1)..];
            fields[field] = fields.TryGetValue(field, out var earlier) ? earlier + " " + violation.Description : violation.Description;
        }

        return new ApiErrors(status?.Message ?? ex.Status.Detail, fields);
    }
}
