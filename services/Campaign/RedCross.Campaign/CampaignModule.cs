using Grpc.Core;
using Grpc.Net.Client.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RedCross.Campaign.Consumers;
using RedCross.Campaign.Data;
using RedCross.Campaign.Grpc;
using RedCross.Contracts.Events.Campaign;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Campaign;

/// <summary>The campaign module's one entry point.</summary>
public static class CampaignModule
{
    /// <summary>Every event type campaign publishes.</summary>
    public static readonly Type[] Events =
    [
        typeof(CampaignOpened), typeof(CampaignResultRecorded), typeof(CampaignResultCorrected), typeof(CampaignClosed),
        typeof(BloodDonationRecorded), typeof(CampaignPartnerAdded), typeof(CampaignBeneficiaryListDrawn),
    ];

    public static WebApplicationBuilder AddCampaignModule(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddModuleDatabase<CampaignDb>("campaign");
        builder.AddModuleOutbox<CampaignDb>("campaign", Events);
        builder.AddAuditTrail<CampaignDb>("Campaign");

        // The org tree from membership, and relief's distributions against campaigns: live through the bus, exact
        // through the checkpointed catch-up of each log, read with this host's service identity.
        var membership = EventSource.Grpc<MembershipEventLog.MembershipEventLogClient>(SourcesApplier.Membership, SourcesApplier.MembershipTypes,
            (client, request, options) => client.StreamEvents(request, options),
            (client, request, options) => client.DescribeEventLogAsync(request, options));
        var relief = EventSource.Grpc<ReliefEventLog.ReliefEventLogClient>(SourcesApplier.Relief, SourcesApplier.ReliefTypes,
            (client, request, options) => client.StreamEvents(request, options),
            (client, request, options) => client.DescribeEventLogAsync(request, options));
        builder.AddEventSubscriber<CampaignDb, SourcesApplier>("campaign", "Campaign",
            new ModuleEndpoint("campaign", ConcurrentMessageLimit: 20, PrefetchCount: 40, BatchSize: 10), [membership, relief]);

        // Where membership and relief serve their logs and relief its lists; in the monolith that is the monolith itself.
        Uri Address(IServiceProvider sp, string source) => new(config[$"Campaign:Sources:{source}"] ?? sp.GetRequiredService<HostPorts>().LocalGrpcUrl);
        builder.Services.AddGrpcClient<MembershipEventLog.MembershipEventLogClient>((sp, o) => o.Address = Address(sp, "Membership"));
        builder.Services.AddGrpcClient<ReliefEventLog.ReliefEventLogClient>((sp, o) => o.Address = Address(sp, "Relief"));
        builder.Services.AddGrpcClient<Beneficiaries.BeneficiariesClient>((sp, o) => o.Address = Address(sp, "Relief"))
            .ConfigureChannel(c => c.ServiceConfig = new ServiceConfig { MethodConfigs = { ListRetry } });

        // Programme lists are relief's records in bulk: this host's identity asks for relief.read too (only this one).
        builder.AddServiceIdentityScope(Scopes.ReliefRead);
        builder.Services.AddSingleton(new ReliefCallSettings(config.GetValue(ReliefCallSettings.Setting, ReliefCallSettings.Default)));
        builder.Services.AddScoped<ReliefBeneficiaryLists>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCampaignModule(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<CampaignsService>();
        app.MapGrpcService<BloodDonorsService>();
        app.MapGrpcService<BloodSessionsService>();
        app.MapGrpcService<BloodDonationsService>();
        app.MapGrpcService<DonorAuditService>();
        app.MapGrpcService<ListAuditService>();
        app.MapGrpcService<EventLogService>();
        return app;
    }

    /// <summary>Drawing a list is a read: safe to try again when relief was unreachable (Unavailable) and sent nothing
    /// yet. Nothing else is retried; every attempt shares the call's one deadline.</summary>
    private static MethodConfig ListRetry => new()
    {
        Names = { new MethodName { Service = "redcross.relief.v1.Beneficiaries", Method = "StreamBeneficiaryList" } },
        RetryPolicy = new RetryPolicy
        {
            MaxAttempts = 3,
            InitialBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(1),
            BackoffMultiplier = 2,
            RetryableStatusCodes = { StatusCode.Unavailable },
        },
    };
}
