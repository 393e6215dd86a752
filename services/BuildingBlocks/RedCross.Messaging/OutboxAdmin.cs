using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Common.V1;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Messaging;

/// <summary>Where one outbox stands: pending rows, the oldest one's age, flagged rows.</summary>
public sealed record OutboxStatus(long Head, long Pending, double OldestPendingAgeSeconds, long Flagged)
{
    public static async Task<OutboxStatus> ReadAsync(ModuleDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = db.Set<OutboxMessage>().AsNoTracking();
        var pending = rows.Where(m => m.SentAt == null && !m.Dead);
        var oldest = await pending.OrderBy(m => m.Position).Select(m => (DateTimeOffset?)m.OccurredAt).FirstOrDefaultAsync(cancellationToken);
        return new OutboxStatus(
            await rows.MaxAsync(m => (long?)m.Position, cancellationToken) ?? 0,
            await pending.CountAsync(cancellationToken),
            oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0,
            await rows.CountAsync(m => m.Dead, cancellationToken));
    }
}

/// <summary>A publishing module known to the host's outbox admin service.</summary>
public sealed record OutboxRegistration(string Module, System.Type ContextType);

/// <summary>The outboxes of every module in this host, for operators (`rc admin outbox`).</summary>
internal sealed class OutboxAdminService(IEnumerable<OutboxRegistration> outboxes, IServiceProvider services, TimeProvider time) : OutboxAdmin.OutboxAdminBase
{
    public override async Task<Contracts.Common.V1.OutboxStatus> GetOutboxStatus(GetOutboxStatusRequest request, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.Admin);
        var response = new Contracts.Common.V1.OutboxStatus();
        foreach (var outbox in outboxes)
        {
            var status = await OutboxStatus.ReadAsync(Db(outbox), time.GetUtcNow(), context.CancellationToken);
            response.Outboxes.Add(new ModuleOutbox
            {
                Module = outbox.Module,
                HeadPosition = status.Head,
                Pending = status.Pending,
                OldestPendingAgeSeconds = status.OldestPendingAgeSeconds,
                Flagged = status.Flagged,
            });
        }

        return response;
    }

    public override async Task<ListFlaggedOutboxRowsResponse> ListFlaggedOutboxRows(ListFlaggedOutboxRowsRequest request, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.Admin);
        var input = new Input();
        var size = input.PageSize(request.PageSize);
        var selected = string.IsNullOrEmpty(request.Module) ? outboxes : [Find(input, request.Module)];
        input.ThrowIfInvalid();
        var response = new ListFlaggedOutboxRowsResponse();
        foreach (var outbox in selected)
        {
            var rows = await Db(outbox).Set<OutboxMessage>().AsNoTracking().Where(m => m.Dead).OrderBy(m => m.Position).Take(size).ToListAsync(context.CancellationToken);
            response.Rows.AddRange(rows.Select(r => new FlaggedOutboxRow
            {
                Module = outbox.Module,
                Position = r.Position,
                EventId = r.Id.ToString(),
                EventType = r.Type,
                OccurredAt = Timestamp.FromDateTimeOffset(r.OccurredAt),
                Attempts = r.Attempts,
                LastError = r.LastError ?? string.Empty,
            }));
        }

        return response;
    }

    public override async Task<RetryOutboxRowsResponse> RetryOutboxRows(RetryOutboxRowsRequest request, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.Admin);
        var input = new Input();
        var outbox = string.IsNullOrEmpty(request.Module) ? null : Find(input, request.Module);
        if (string.IsNullOrEmpty(request.Module))
        {
            input.Fail("module", "is required");
        }

        input.ThrowIfInvalid();
        var positions = request.Positions.ToList();
        var rows = Db(outbox!).Set<OutboxMessage>().Where(m => m.Dead);
        if (positions.Count > 0)
        {
            rows = rows.Where(m => positions.Contains(m.Position));
        }

        var cleared = await rows.ExecuteUpdateAsync(u => u.SetProperty(m => m.Dead, false).SetProperty(m => m.NextAttemptAt, (long?)null), context.CancellationToken);
        OutboxSignal.For(outbox!.ContextType).Notify();
        return new RetryOutboxRowsResponse { Rows = cleared };
    }

    private OutboxRegistration Find(Input input, string module)
    {
        var found = outboxes.FirstOrDefault(o => o.Module == module);
        if (found is null)
        {
            input.Fail("module", $"no outbox '{module}' in this host (known: {string.Join(", ", outboxes.Select(o => o.Module))})");
        }

        return found!;
    }

    private ModuleDbContext Db(OutboxRegistration outbox) => (ModuleDbContext)services.GetRequiredService(outbox.ContextType);
}
