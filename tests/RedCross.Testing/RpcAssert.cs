using Google.Rpc;
using Grpc.Core;
using Xunit;

namespace RedCross.Testing;

/// <summary>Asserts a call failed with one status and the google.rpc details clients rely on.</summary>
public static class RpcAssert
{
    public static async Task<RpcException> Fails(StatusCode code, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, ex.StatusCode);
        return ex;
    }

    public static async Task<IReadOnlyList<string>> InvalidFields(Func<Task> call)
    {
        var ex = await Fails(StatusCode.InvalidArgument, call);
        var bad = ex.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(bad);
        return bad.FieldViolations.Select(v => v.Field).ToList();
    }

    public static async Task<string> Reason(StatusCode code, Func<Task> call)
    {
        var ex = await Fails(code, call);
        var info = ex.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        return info.Reason;
    }
}
