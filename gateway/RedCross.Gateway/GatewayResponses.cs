using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using HttpResponse = Microsoft.AspNetCore.Http.HttpResponse;

namespace RedCross.Gateway;

/// <summary>Answers the gateway writes itself (rate limit, backend down): a gRPC call gets a gRPC status in a
/// trailers-only response, as gRPC clients expect (never a bare HTTP status they would have to guess from);
/// a REST call gets an RFC 9457 problem body.</summary>
internal static class GatewayResponses
{
    public const string Domain = "redcross.vn";

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>A trailers-only gRPC response: HTTP 200, no message, the status in the headers
    /// (grpc-status, percent-encoded grpc-message, google.rpc.Status in grpc-status-details-bin).</summary>
    public static void WriteGrpcStatus(HttpResponse response, Code code, string message, params IMessage[] details)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        var status = new Google.Rpc.Status { Code = (int)code, Message = message, Details = { details.Select(Any.Pack) } };
        response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
    }

    public static Task WriteProblemAsync(HttpResponse response, int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(response.HttpContext);

    public static ErrorInfo Reason(string reason, params (string Key, string Value)[] metadata)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        foreach (var (key, value) in metadata)
        {
            info.Metadata[key] = value;
        }

        return info;
    }
}
