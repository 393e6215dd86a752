using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RedCross.Messaging;

/// <summary>Endpoint settings of one module's consumers (prefetch and concurrency set explicitly).</summary>
public sealed record ModuleEndpoint(string Name, int ConcurrentMessageLimit, int PrefetchCount);

/// <summary>What modules contribute to the one bus of a process; the host's AddMessaging() builds it.</summary>
public sealed class BusContributions
{
    internal List<Action<IBusRegistrationConfigurator>> Consumers { get; } = [];
}

public static class MessagingExtensions
{
    /// <summary>A publishing module: its event types, and the relay that publishes its outbox.</summary>
    public static void AddModuleOutbox<TContext>(this WebApplicationBuilder builder, params Type[] eventTypes)
        where TContext : ModuleDbContext
    {
        builder.Services.AddSingleton(new EventTypeRegistration(eventTypes));
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
    }

    /// <summary>A consuming module: its consumers on one receive endpoint named for the module, so
    /// endpoints never collide when modules share a bus in the monolith.</summary>
    public static void AddModuleConsumers(this WebApplicationBuilder builder, ModuleEndpoint endpoint, params Type[] consumerTypes)
    {
        var contributions = Contributions(builder.Services);
        foreach (var consumer in consumerTypes)
        {
            contributions.Consumers.Add(x => x.AddConsumer(consumer).Endpoint(e =>
            {
                e.Name = endpoint.Name;
                e.ConcurrentMessageLimit = endpoint.ConcurrentMessageLimit;
                e.PrefetchCount = endpoint.PrefetchCount;
            }));
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

            x.AddConfigureEndpointsCallback((_, _, endpoint) =>
                endpoint.UseMessageRetry(r => r.Intervals(100, 500, 2000, 5000, 10000)));

            if (string.Equals(config["Messaging:Transport"], "RabbitMq", StringComparison.OrdinalIgnoreCase))
            {
                var rabbit = config.GetSection("Messaging:RabbitMq");
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(rabbit["Host"] ?? "localhost", rabbit.GetValue<ushort>("Port", 5672), rabbit["VirtualHost"] ?? "/", h =>
                    {
                        h.Username(rabbit["Username"] ?? "guest");
                        h.Password(rabbit["Password"] ?? "guest");
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
