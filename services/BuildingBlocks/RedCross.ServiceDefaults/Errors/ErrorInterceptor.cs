using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using RedCross.ServiceDefaults.Data;
using Status = Google.Rpc.Status;

namespace RedCross.ServiceDefaults.Errors;

/// <summary>Maps every failure to one gRPC status with google.rpc details; unexpected exceptions become
/// Internal with nothing leaked (no stack, no SQL).</summary>
internal sealed class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    private const string Domain = "redcross.vn";
    private const int UniqueConstraintFailed = 2067;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    private RpcException Map(Exception ex, ServerCallContext context)
    {
        RedCrossMetrics.RequestRefused(ex.GetType().Name);
        return ex switch
        {
            ValidationFailedException v => ToRpc(Code.InvalidArgument, v.Message, new BadRequest
            {
                FieldViolations = { v.Violations.Select(f => new BadRequest.Types.FieldViolation { Field = f.Field, Description = f.Description }) },
            }),
            ResourceNotFoundException n => ToRpc(Code.NotFound, n.Message, new ResourceInfo
            {
                ResourceType = n.Resource,
                ResourceName = n.Field ?? string.Empty,
                Description = n.Message,
            }),
            ResourceConflictException c => ToRpc(Code.AlreadyExists, c.Message, new BadRequest
            {
                FieldViolations = { new BadRequest.Types.FieldViolation { Field = c.Field, Description = c.Message } },
            }),
            RuleViolationException r => ToRpc(Code.FailedPrecondition, r.Message, new ErrorInfo { Reason = r.Reason, Domain = Domain }),
            AccessDeniedException d => ToRpc(Code.PermissionDenied, d.Message, new ErrorInfo { Reason = d.Reason, Domain = Domain }),
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => ToRpc(Code.FailedPrecondition,
                ETag.MismatchMessage, new ErrorInfo { Reason = ETag.Mismatch, Domain = Domain }),
            Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: UniqueConstraintFailed } } =>
                ToRpc(Code.AlreadyExists, "A resource with the same unique value exists already.", new ErrorInfo { Reason = "DUPLICATE", Domain = Domain }),
            // The token fires for the caller's deadline as well as for a caller that went away or a shutdown:
            // a deadline must read DeadlineExceeded (the status gRPC itself sets for it), never Cancelled.
            OperationCanceledException when context.CancellationToken.IsCancellationRequested => DeadlinePassed(context)
                ? new RpcException(new Grpc.Core.Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"))
                : new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled.")),
            _ => Unexpected(ex, context),
        };
    }

    private static bool DeadlinePassed(ServerCallContext context) =>
        context.Status.StatusCode == StatusCode.DeadlineExceeded || context.Deadline <= DateTime.UtcNow;

    private RpcException Unexpected(Exception ex, ServerCallContext context)
    {
        logger.LogError(ex, "Unhandled error in {Method}", context.Method);
        return ToRpc(Code.Internal, "An internal error occurred. It has been logged.",
            new ErrorInfo { Reason = "INTERNAL", Domain = Domain });
    }

    private static RpcException ToRpc(Code code, string message, Google.Protobuf.IMessage detail) =>
        new Status { Code = (int)code, Message = message, Details = { Any.Pack(detail) } }.ToRpcException();
}
