using System.Runtime.CompilerServices;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Common.V1;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Messaging;

/// <summary>Reads one service's event log.</summary>
public interface IEventLogReader
{
    IAsyncEnumerable<EventEnvelope> ReadAsync(long afterPosition, CancellationToken cancellationToken);

    Task<EventLogDescription> DescribeAsync(long afterPosition, CancellationToken cancellationToken);
}

/// <summary>A service whose events a module consumes: its name, the event types it publishes that the module
/// knows, and how to read its log.</summary>
public sealed record EventSource(string Name, IReadOnlyList<Type> EventTypes, Func<IServiceProvider, IEventLogReader> Reader)
{
    /// <summary>A source read over gRPC with the generated client <typeparamref name="TClient"/>, as this
    /// host's service identity (never a caller's token).</summary>
    public static EventSource Grpc<TClient>(string name, IReadOnlyList<Type> eventTypes,
        Func<TClient, StreamEventsRequest, CallOptions, AsyncServerStreamingCall<EventEnvelope>> stream,
        Func<TClient, DescribeEventLogRequest, CallOptions, AsyncUnaryCall<EventLogDescription>> describe)
        where TClient : class =>
        new(name, eventTypes, sp => new GrpcEventLogReader<TClient>(sp.GetRequiredService<TClient>(), sp.GetRequiredService<ServiceIdentity>(), stream, describe));
}

internal sealed class GrpcEventLogReader<TClient>(
    TClient client,
    ServiceIdentity identity,
    Func<TClient, StreamEventsRequest, CallOptions, AsyncServerStreamingCall<EventEnvelope>> stream,
    Func<TClient, DescribeEventLogRequest, CallOptions, AsyncUnaryCall<EventLogDescription>> describe) : IEventLogReader
{
    public async IAsyncEnumerable<EventEnvelope> ReadAsync(long afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = stream(client, new StreamEventsRequest { AfterPosition = afterPosition }, await OptionsAsync(cancellationToken));
        await foreach (var envelope in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            yield return envelope;
        }
    }

    public async Task<EventLogDescription> DescribeAsync(long afterPosition, CancellationToken cancellationToken) =>
        await describe(client, new DescribeEventLogRequest { AfterPosition = afterPosition }, await OptionsAsync(cancellationToken));

    private async Task<CallOptions> OptionsAsync(CancellationToken cancellationToken) =>
        new(new Metadata { { "authorization", "Bearer " + await identity.TokenAsync(cancellationToken) } }, cancellationToken: cancellationToken);
}

/// <summary>What a consuming module subscribes to: its name (prefix of its inbox names) and its sources.</summary>
public sealed class EventSubscription<TContext>(string consumer, IReadOnlyList<EventSource> sources)
    where TContext : ModuleDbContext
{
    private readonly Dictionary<Type, EventSource> byType = sources.SelectMany(s => s.EventTypes.Select(t => (t, s))).ToDictionary(x => x.t, x => x.s);

    public string Consumer => consumer;

    public IReadOnlyList<EventSource> Sources => sources;

    /// <summary>Live deliveries, catch-up and rebuild of one source share this inbox name, so each
    /// event is applied once whichever way it came.</summary>
    public string InboxOf(string source) => consumer + ":" + source;

    public EventSource SourceOf(Type eventType) => byType[eventType];

    public EventSource? Find(string name) => sources.FirstOrDefault(s => s.Name == name);
}

/// <summary>One writer at a time into a consuming module's projections: live batches, catch-up batches and
/// a rebuild (which holds it throughout) take turns instead of fighting over SQLite's lock.</summary>
public sealed class ConsumerGate<TContext>
    where TContext : ModuleDbContext
{
    private readonly SemaphoreSlim semaphore = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await semaphore.WaitAsync(cancellationToken);
        return new Release(semaphore);
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
