using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Membership.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Reporting.Consumers;
using RedCross.Reporting.Data;
using RedCross.Reporting.Grpc;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Data;

namespace RedCross.Reporting;

/// <summary>The reporting module's one entry point.</summary>
public static class ReportingModule
{
    /// <summary>Membership events reporting projects (org events feed its replica).</summary>
    private static readonly Type[] ProjectedEvents =
    [
        typeof(MemberRegistered), typeof(MemberStatusChanged), typeof(MemberDetailsChanged), typeof(DuesPaid), typeof(TrainingHeld),
        typeof(WelfareContributionReceived), typeof(WelfareVisitMade), typeof(GrowthTargetSet),
    ];

    public static WebApplicationBuilder AddReportingModule(this WebApplicationBuilder builder)
    {
        builder.AddModuleDatabase<ReportingDb>("reporting");
        builder.Services.AddSingleton<ProjectionGate>();
        builder.Services.AddScoped<Rebuild>();
        builder.Services.AddSingleton(new EventTypeRegistration([typeof(OrgUnitCreated), typeof(OrgUnitChanged), .. ProjectedEvents]));

        // Batches of up to 100 events of a type per transaction, one batch at a time (the gate): SQLite has one
        // writer, and the timeline makes the order of events irrelevant.
        // Twice the batch in flight, so the next batch fills while one is written.
        var batch = builder.Configuration.GetValue("Reporting:BatchSize", 100);
        var endpoint = new ModuleEndpoint("reporting-membership", ConcurrentMessageLimit: 2 * batch,
            PrefetchCount: builder.Configuration.GetValue("Reporting:PrefetchCount", 4 * batch), BatchSize: batch);
        builder.AddModuleConsumers(endpoint, [.. OrgReplicaConsumers.For<ReportingDb>(), .. ProjectedEvents.Select(t => typeof(ProjectionConsumer<>).MakeGenericType(t))]);

        // Where membership's event log is served; in the monolith that is the monolith itself.
        builder.Services.AddGrpcClient<MembershipEventLog.MembershipEventLogClient>((sp, o) =>
            o.Address = new Uri(builder.Configuration["Reporting:Sources:Membership"] ?? sp.GetRequiredService<HostPorts>().LocalGrpcUrl));
        return builder;
    }

    public static IEndpointRouteBuilder MapReportingModule(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<ReportingService>();
        app.MapGrpcService<ReportingAdminService>();
        return app;
    }
}
