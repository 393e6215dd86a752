using System.Diagnostics;
using MassTransit;
using MassTransit.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedCross.Contracts.Events;
using RedCross.ServiceDefaults;

namespace RedCross.Messaging;

public static class EventSubscriberExtensions
{
    /// <summary>A module that consumes other services' events into <typeparamref name="TContext"/> through
    /// <typeparamref name="TApplier"/>: live batches from the bus on <paramref name="endpoint"/> for speed, and a
    /// checkpointed catch-up from each source's log (on start, every `{Section}:CatchUp:Interval`, on request)
    /// for exactness.</summary>
    public static void AddEventSubscriber<TContext, TApplier>(this WebApplicationBuilder builder, string consumer, string configSection,
        ModuleEndpoint endpoint, IReadOnlyList<EventSource> sources)
        where TContext : ModuleDbContext
        where TApplier : class, IEventApplier<TContext>
    {
        var services = builder.Services;
        services.AddSingleton(new EventSubscription<TContext>(consumer, sources));
        services.AddSingleton(new EventTypeRegistration([.. sources.SelectMany(s => s.EventTypes)]));
        services.AddSingleton<ConsumerGate<TContext>>();
        services.AddSingleton<CatchUpState<TContext>>();
        services.AddScoped<IEventApplier<TContext>, TApplier>();
        services.AddScoped<EventIntake<TContext>>();
        services.AddScoped<EventCatchUp<TContext>>();
        services.AddOptions<CatchUpOptions>().Bind(builder.Configuration.GetSection(configSection + ":CatchUp"));
        services.AddHostedService<CatchUpService<TContext>>();
        services.AddReceiveObserver(sp => new UnreadableMessageParker<TContext>(sp.GetRequiredService<IServiceScopeFactory>(), endpoint.Name, consumer, sp.GetRequiredService<TimeProvider>()));
        builder.AddModuleConsumers(endpoint, [.. sources.SelectMany(s => s.EventTypes).Select(t => typeof(SubscriberConsumer<,>).MakeGenericType(typeof(TContext), t))]);
    }
}

/// <summary>Live delivery of batches of one event type, through the same intake as the catch-up.</summary>
internal sealed class SubscriberConsumer<TContext, TEvent>(EventIntake<TContext> intake, EventSubscription<TContext> subscription, ConsumerGate<TContext> gate)
    : IConsumer<Batch<TEvent>>
    where TContext : ModuleDbContext
    where TEvent : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<Batch<TEvent>> context)
    {
        var source = subscription.SourceOf(typeof(TEvent)).Name;
        var deliveries = context.Message.Select(m => Delivery.Live(m.MessageId ?? m.Message.EventId, source, m.Message)).ToList();
        using var activity = StartApply(context.Message);
        using var _ = await gate.EnterAsync(context.CancellationToken);
        await intake.ApplyAsync(subscription.InboxOf(source), deliveries, null, context.CancellationToken);
    }

    /// <summary>The batch's projection as one span. MassTransit hands a batch over inside the delivery of its
    /// last message, so the span is that message's child (in its trace); a span has one parent, so the
    /// publishes of the others are linked, each by the trace context its message header carries. A batch of
    /// one, the usual case when traffic is light, is therefore wholly in the request's trace.</summary>
    private static Activity? StartApply(Batch<TEvent> batch)
    {
        var links = new List<ActivityLink>(batch.Length);
        foreach (var message in batch)
        {
            if (message.Headers.Get<string>(DiagnosticHeaders.ActivityId) is { } parent && ActivityContext.TryParse(parent, null, out var published))
            {
                links.Add(new ActivityLink(published));
            }
        }

        return RedCrossMetrics.ActivitySource.StartActivity(
            ActivityKind.Internal,
            Activity.Current?.Context ?? default,
            [new("messaging.batch.message_count", batch.Length)],
            links,
            name: "apply " + typeof(TEvent).Name);
    }
}

/// <summary>Parks a message that reached the module's endpoint but could not even be read (MassTransit
/// moves it to the `_error` queue); the source's log still has the real event, so the catch-up counts it.</summary>
internal sealed class UnreadableMessageParker<TContext>(IServiceScopeFactory scopes, string endpoint, string consumer, TimeProvider time) : IReceiveObserver
    where TContext : ModuleDbContext
{
    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public async Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        if (!context.InputAddress.AbsolutePath.TrimEnd('/').EndsWith("/" + endpoint, StringComparison.Ordinal))
        {
            return; // another module's endpoint on the same bus
        }

        var id = context.GetMessageId() ?? Guid.NewGuid();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await Parking.ParkAsync(db, consumer + ":bus", id, "bus", 0, context.ContentType?.MediaType ?? string.Empty,
            context.GetBody().Length > 0 ? System.Text.Encoding.UTF8.GetString(context.GetBody()) : string.Empty,
            exception.GetType().Name + ": " + exception.Message, time.GetUtcNow(), CancellationToken.None);
        RedCrossMetrics.EventsParked(consumer + ":bus", 1);
    }
}

/// <summary>Runs the catch-up once the host serves requests (in the monolith the source is the host
/// itself), then every interval; a failed run is logged and tried again at the next tick.</summary>
internal sealed class CatchUpService<TContext>(
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IOptions<CatchUpOptions> options,
    TimeProvider time,
    ILogger<CatchUpService<TContext>> logger) : BackgroundService
    where TContext : ModuleDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        using (stoppingToken.Register(started.SetResult))
        {
            await started.Task;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<EventCatchUp<TContext>>().RunAsync(null, stoppingToken);
                if (result.Applied > 0 || result.ParkedApplied > 0)
                {
                    logger.LogInformation("Catch-up applied {Events} events the bus had not delivered and {Parked} parked ones", result.Applied, result.ParkedApplied);
                }

                await Task.Delay(options.Value.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
