using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Membership.V1;
using RedCross.Messaging;
using RedCross.Relief.Consumers;
using RedCross.Relief.Data;
using RedCross.Relief.Domain;
using RedCross.Relief.Grpc;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Data;

namespace RedCross.Relief;

/// <summary>The relief module's one entry point.</summary>
public static class ReliefModule
{
    /// <summary>Every event type relief publishes.</summary>
    public static readonly Type[] Events =
    [
        typeof(BeneficiaryRegistered), typeof(DonationReceived), typeof(DistributionRecorded), typeof(DistributionReversed),
        typeof(LivestockGiven), typeof(CalfBorn), typeof(HandoverObligationCreated), typeof(LivestockPassedOn), typeof(LivestockOutcomeRecorded),
        typeof(BeneficiaryUpdated), typeof(BeneficiaryAnonymised),
        typeof(AddressOpened), typeof(AddressReviewed), typeof(AddressClosed), typeof(AddressAssisted),
        typeof(SponsorRegistered),
    ];

    public static WebApplicationBuilder AddReliefModule(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddModuleDatabase<ReliefDb>("relief");
        builder.AddModuleOutbox<ReliefDb>("relief", Events);
        builder.AddAuditTrail<ReliefDb>("Relief");
        builder.Services.AddSingleton(AddressReviewPolicy.Of(builder.Configuration.GetValue(AddressReviewPolicy.Setting, AddressReviewPolicy.DefaultMonths)));

        // The org tree comes from membership: live through the bus, exact through the checkpointed catch-up of
        // membership's log, read with this host's service identity. Org events are few: small endpoint.
        var membership = EventSource.Grpc<MembershipEventLog.MembershipEventLogClient>("membership", OrgTreeApplier.EventTypes,
            (client, request, options) => client.StreamEvents(request, options),
            (client, request, options) => client.DescribeEventLogAsync(request, options));
        builder.AddEventSubscriber<ReliefDb, OrgTreeApplier>("relief", "Relief",
            new ModuleEndpoint("relief", ConcurrentMessageLimit: 20, PrefetchCount: 40, BatchSize: 10), [membership]);

        // Where membership's log is served; in the monolith that is the monolith itself.
        builder.Services.AddGrpcClient<MembershipEventLog.MembershipEventLogClient>((sp, o) =>
            o.Address = new Uri(builder.Configuration["Relief:Sources:Membership"] ?? sp.GetRequiredService<HostPorts>().LocalGrpcUrl));
        return builder;
    }

    public static IEndpointRouteBuilder MapReliefModule(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<BeneficiariesService>();
        app.MapGrpcService<SponsorsService>();
        app.MapGrpcService<DonationsService>();
        app.MapGrpcService<DistributionsService>();
        app.MapGrpcService<HumanitarianAddressesService>();
        app.MapGrpcService<EventLogService>();
        app.MapGrpcService<LivestockProgrammesService>();
        app.MapGrpcService<LivestockService>();
        app.MapGrpcService<BeneficiaryAuditService>();
        app.MapGrpcService<AddressAuditService>();
        return app;
    }
}
