using System.Runtime.CompilerServices;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Common.V1;

namespace RedCross.Messaging;

/// <summary>Serves a module's outbox as its event log, from a position, in pages, so a consumer can
/// rebuild from scratch without the broker.</summary>
public static class EventLog
{
    private const int PageSize = 1000;

    public static async Task StreamAsync(ModuleDbContext db, StreamEventsRequest request, IServerStreamWriter<EventEnvelope> writer, CancellationToken cancellationToken)
    {
        if (request.AfterPosition < 0)
        {
            throw new ServiceDefaults.Errors.ValidationFailedException("after_position", "must be zero or more");
        }

        if (request.MaxEvents < 0)
        {
            throw new ServiceDefaults.Errors.ValidationFailedException("max_events", "must be zero or more");
        }

        await foreach (var envelope in ReadAsync(db, request.AfterPosition, request.MaxEvents, cancellationToken))
        {
            await writer.WriteAsync(envelope, cancellationToken);
        }
    }

    /// <summary>Where the log stands for a reader whose checkpoint is <paramref name="request"/>'s position.</summary>
    public static async Task<EventLogDescription> DescribeAsync(ModuleDbContext db, DescribeEventLogRequest request, CancellationToken cancellationToken)
    {
        if (request.AfterPosition < 0)
        {
            throw new ServiceDefaults.Errors.ValidationFailedException("after_position", "must be zero or more");
        }

        var rows = db.Set<OutboxMessage>().AsNoTracking();
        var next = await rows.Where(m => m.Position > request.AfterPosition).OrderBy(m => m.Position)
            .Select(m => (DateTimeOffset?)m.OccurredAt).FirstOrDefaultAsync(cancellationToken);
        return new EventLogDescription
        {
            HeadPosition = await rows.MaxAsync(m => (long?)m.Position, cancellationToken) ?? 0,
            NextOccurredAt = next is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        };
    }

    public static async IAsyncEnumerable<EventEnvelope> ReadAsync(ModuleDbContext db, long afterPosition, int maxEvents,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var end = await db.Set<OutboxMessage>().MaxAsync(m => (long?)m.Position, cancellationToken) ?? 0;
        var position = afterPosition;
        var sent = 0;
        while (position < end && (maxEvents == 0 || sent < maxEvents))
        {
            var take = maxEvents == 0 ? PageSize : Math.Min(PageSize, maxEvents - sent);
            var page = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.Position > position && m.Position <= end)
                .OrderBy(m => m.Position)
                .Take(take)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            foreach (var row in page)
            {
                yield return new EventEnvelope
                {
                    Position = row.Position,
                    EventId = row.Id.ToString(),
                    EventType = row.Type,
                    OccurredAt = Timestamp.FromDateTimeOffset(row.OccurredAt),
                    PayloadJson = row.Payload,
                };
            }

            position = page[^1].Position;
            sent += page.Count;
        }
    }
}
