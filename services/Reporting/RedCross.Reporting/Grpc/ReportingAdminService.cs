using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Reporting.V1;
using RedCross.Messaging;
using RedCross.Reporting.Data;
using RedCross.Reporting.Projections;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using Parked = RedCross.Messaging.ParkedEvent;

namespace RedCross.Reporting.Grpc;

/// <summary>Operations on reporting's projections; province-level admins only. The sources' logs are read
/// with reporting's own service identity, never the admin's token.</summary>
internal sealed class ReportingAdminService(
    EventCatchUp<ReportingDb> catchUp,
    CatchUpState<ReportingDb> state,
    EventSubscription<ReportingDb> subscription,
    ReportingDb db,
    TimeProvider time) : ReportingAdmin.ReportingAdminBase
{
    public override async Task<RebuildProjectionsResponse> RebuildProjections(RebuildProjectionsRequest request, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.Admin);
        var source = SourceOrAll(request.Source);
        var result = await catchUp.RebuildAsync(source, context.CancellationToken);
        return new RebuildProjectionsResponse { EventsReplayed = result.Applied, Positions = { result.Positions } };
    }

    public override async Task<CatchUpResponse> CatchUp(CatchUpRequest request, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.Admin);
        var result = await catchUp.RunAsync(null, context.CancellationToken);
        return new CatchUpResponse { EventsApplied = result.Applied, ParkedApplied = result.ParkedApplied, Positions = { result.Positions } };
    }

    public override async Task<ProjectionStatus> GetProjectionStatus(GetProjectionStatusRequest request, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.Admin);
        var ct = context.CancellationToken;
        var parked = await db.Set<Parked>().AsNoTracking().GroupBy(p => p.Source).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var status = new ProjectionStatus { ParkedEvents = parked.Values.Sum() };
        var now = time.GetUtcNow();
        foreach (var source in subscription.Sources)
        {
            var standing = state.Of(source.Name);
            var checkpoint = await Parking.CheckpointAsync(db, subscription.InboxOf(source.Name), source.Name, ct);
            status.Sources.Add(new SourceStatus
            {
                Source = source.Name,
                Checkpoint = checkpoint,
                HeadPosition = standing.Head,
                PositionsBehind = Math.Max(0, standing.Head - checkpoint),
                OldestUnappliedAgeSeconds = standing.AgeSeconds(now),
                ParkedEvents = parked.GetValueOrDefault(source.Name),
                LastCaughtUpAt = standing.LastCaughtUpAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
                LastError = standing.LastError ?? string.Empty,
            });
        }

        return status;
    }

    public override async Task<ListParkedEventsResponse> ListParkedEvents(ListParkedEventsRequest request, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.Admin);
        var input = new Input();
        var size = input.PageSize(request.PageSize, 100);
        var after = input.PageToken(request.PageToken);
        input.ThrowIfInvalid();

        // Parked events are exceptions (a handful), so the page is cut in memory from a stable order.
        // (SQLite cannot order by an instant stored as text with an offset; the few rows are ordered here.)
        var query = (await db.Set<Parked>().AsNoTracking().ToListAsync(context.CancellationToken)).OrderBy(p => p.ParkedAt).ThenBy(p => p.EventId);
        var rows = (after is null ? query : query.SkipWhile(p => Key(p) != after).Skip(1)).Take(size + 1).ToList();
        var response = new ListParkedEventsResponse
        {
            ParkedEvents =
            {
                rows.Take(size).Select(p => new Contracts.Reporting.V1.ParkedEvent
                {
                    Source = p.Source, Position = p.Position, EventId = p.EventId.ToString(), EventType = p.Type, Reason = p.Reason,
                    ParkedAt = Timestamp.FromDateTimeOffset(p.ParkedAt), Attempts = p.Attempts,
                }),
            },
        };
        if (rows.Count > size)
        {
            response.NextPageToken = Input.EncodePageToken(Key(rows[size - 1]));
        }

        return response;
    }

    private static string Key(Parked p) => p.Consumer + "/" + p.EventId;

    private static string? SourceOrAll(string source)
    {
        if (string.IsNullOrEmpty(source))
        {
            return null;
        }

        if (ReportingSources.All.All(p => p.Name != source))
        {
            throw new ValidationFailedException("source", $"unknown source '{source}' (known: {string.Join(", ", ReportingSources.All.Select(p => p.Name))})");
        }

        return source;
    }
}
