using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace RedCross.Messaging;

/// <summary>Endpoint settings of one module's consumers (prefetch and concurrency set explicitly). Batch
/// consumers on it collect up to <paramref name="BatchSize"/> messages, one batch at a time per type.</summary>
public sealed record ModuleEndpoint(string Name, int ConcurrentMessageLimit, int PrefetchCount, int BatchSize = 1);

/// <summary>What modules contribute to the one bus of a process; the host's AddMessaging() builds it.</summary>
public sealed class BusContributions
{
    internal List<Action<IBusRegistrationConfigurator>> Consumers { get; } = [];

    internal Dictionary<Type, int> BatchSizes { get; } = [];
}

/// <summary>Batch settings of a batch consumer: up to its endpoint's batch size, 20 ms to fill, one batch at a time.</summary>
internal sealed class BatchDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly int size;

    public BatchDefinition(BusContributions contributions) => size = contributions.BatchSizes[typeof(TConsumer)];

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.Options<BatchOptions>(o => o.SetMessageLimit(size).SetTimeLimit(TimeSpan.FromMilliseconds(20)).SetConcurrencyLimit(1));
}

public static class MessagingExtensions
{
    /// <summary>A publishing module: its event types, and the relay that publishes its outbox.</summary>
    public static void AddModuleOutbox<TContext>(this WebApplicationBuilder builder, string module, params Type[] eventTypes)
        where TContext : ModuleDbContext
    {
        builder.Services.AddSingleton(new EventTypeRegistration(eventTypes));
        builder.Services.AddSingleton(new OutboxRegistration(module, typeof(TContext)));
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
    }

    /// <summary>Maps what the messaging building block serves: the outbox admin service.</summary>
    public static IEndpointRouteBuilder MapMessaging(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<OutboxAdminService>();
        return app;
    }

    /// <summary>A consuming module: its consumers on one receive endpoint named for the module, so
    /// endpoints never collide when modules share a bus in the monolith.</summary>
    public static void AddModuleConsumers(this WebApplicationBuilder builder, ModuleEndpoint endpoint, params Type[] consumerTypes)
    {
        var contributions = Contributions(builder.Services);
        foreach (var consumer in consumerTypes)
        {
            contributions.BatchSizes[consumer] = endpoint.BatchSize;
            var batched = consumer.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>)
                && i.GenericTypeArguments[0] is { IsGenericType: true } m && m.GetGenericTypeDefinition() == typeof(Batch<>));
            contributions.Consumers.Add(x =>
            {
                var registration = batched ? x.AddConsumer(consumer, typeof(BatchDefinition<>).MakeGenericType(consumer)) : x.AddConsumer(consumer);
                registration.Endpoint(e =>
                {
                    e.Name = endpoint.Name;
                    e.ConcurrentMessageLimit = endpoint.ConcurrentMessageLimit;
                    e.PrefetchCount = endpoint.PrefetchCount;
                });
            });
        }
    }

    /// <summary>Builds the process's one bus from the modules' contributions. `Messaging:Transport` is
    /// "InMemory" (default) or "RabbitMq" (`Messaging:RabbitMq:Host|Port|VirtualHost|Username|Password`).</summary>
    public static void AddMessaging(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var contributions = Contributions(builder.Services);
        builder.Services.AddSingleton<EventTypeRegistry>();
        builder.Services.AddOptions<RelayOptions>().Bind(config.GetSection("Messaging:Relay"));
        builder.Services.AddMassTransit(x =>
        {
            foreach (var add in contributions.Consumers)
            {
                add(x);
            }

            // The broker's state is reported (degraded), but never takes the service out of rotation:
            // writes go to the outbox and wait there while the broker is away.
            x.ConfigureHealthCheckOptions(o =>
            {
                o.MinimalFailureStatus = HealthStatus.Degraded;
            });
            x.AddConfigureEndpointsCallback((_, _, endpoint) =>
                endpoint.UseMessageRetry(r => r.Intervals(100, 500, 2000, 5000, 10000)));

            if (string.Equals(config["Messaging:Transport"], "RabbitMq", StringComparison.OrdinalIgnoreCase))
            {
                var rabbit = config.GetSection("Messaging:RabbitMq");
                var (username, password) = BrokerCredentials(rabbit, builder.Environment.IsDevelopment());
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(rabbit["Host"] ?? "localhost", rabbit.GetValue<ushort>("Port", 5672), rabbit["VirtualHost"] ?? "/", h =>
                    {
                        h.Username(username);
                        h.Password(password);
                    });
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });
    }

    /// <summary>The broker account: RabbitMQ's guest (whose password everyone knows) only in Development on one machine;
    /// anywhere else a host refuses to start without an account of its own.</summary>
    internal static (string Username, string Password) BrokerCredentials(IConfigurationSection rabbit, bool development)
    {
        var username = rabbit["Username"] is { Length: > 0 } u ? u : "guest";
        var password = rabbit["Password"] is { Length: > 0 } p ? p : "guest";
        if (!development && (username == "guest" || password == "guest"))
        {
            throw new InvalidOperationException(
                "Messaging:RabbitMq:Username and :Password must name the deployment's own broker account: guest is refused outside "
                + "the Development environment (ASPNETCORE_ENVIRONMENT=Development).");
        }

        return (username, password);
    }

    private static BusContributions Contributions(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(BusContributions))?.ImplementationInstance is BusContributions existing)
        {
            return existing;
        }

        var created = new BusContributions();
        services.AddSingleton(created);
        return created;
    }
}
