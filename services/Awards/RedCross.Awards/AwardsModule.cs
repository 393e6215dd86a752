using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RedCross.Awards.Consumers;
using RedCross.Awards.Data;
using RedCross.Awards.Grpc;
using RedCross.Contracts.Campaign.V1;
using RedCross.Contracts.Events.Awards;
using RedCross.Contracts.Membership.V1;
using RedCross.Messaging;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Data;

namespace RedCross.Awards;

/// <summary>The awards module's one entry point.</summary>
public static class AwardsModule
{
    /// <summary>The name of campaign's log among awards' sources.</summary>
    public const string CampaignSource = "campaign";

    /// <summary>Every event type awards publishes.</summary>
    public static readonly Type[] Events = [typeof(NominationSubmitted), typeof(CommendationApproved), typeof(CommendationRevoked)];

    public static WebApplicationBuilder AddAwardsModule(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddModuleDatabase<AwardsDb>("awards");
        builder.AddModuleOutbox<AwardsDb>("awards", Events);
        builder.Services.AddScoped<NominationWriter>();

        // Two sources, each live through the bus and exact through the checkpointed catch-up of its log, read with
        // this host's service identity: membership (the tree, and the members who may be nominated) and campaign
        // (donations, whose cumulative counts make blood-donor candidates).
        var membership = EventSource.Grpc<MembershipEventLog.MembershipEventLogClient>("membership", AwardsApplier.MembershipTypes,
            (client, request, options) => client.StreamEvents(request, options),
            (client, request, options) => client.DescribeEventLogAsync(request, options));
        var campaign = EventSource.Grpc<CampaignEventLog.CampaignEventLogClient>(CampaignSource, AwardsApplier.CampaignTypes,
            (client, request, options) => client.StreamEvents(request, options),
            (client, request, options) => client.DescribeEventLogAsync(request, options));
        builder.AddEventSubscriber<AwardsDb, AwardsApplier>("awards", "Awards",
            new ModuleEndpoint("awards", ConcurrentMessageLimit: 40, PrefetchCount: 80, BatchSize: 20), [membership, campaign]);

        // Where each source's log is served; in the monolith that is the monolith itself.
        builder.Services.AddGrpcClient<MembershipEventLog.MembershipEventLogClient>((sp, o) =>
            o.Address = new Uri(builder.Configuration["Awards:Sources:Membership"] ?? sp.GetRequiredService<HostPorts>().LocalGrpcUrl));
        builder.Services.AddGrpcClient<CampaignEventLog.CampaignEventLogClient>((sp, o) =>
            o.Address = new Uri(builder.Configuration["Awards:Sources:Campaign"] ?? sp.GetRequiredService<HostPorts>().LocalGrpcUrl));
        return builder;
    }

    public static IEndpointRouteBuilder MapAwardsModule(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<IssuersService>();
        app.MapGrpcService<NominationsService>();
        app.MapGrpcService<BloodDonorRecognitionService>();
        app.MapGrpcService<EventLogService>();
        return app;
    }
}
