using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Awards.V1;
using RedCross.Contracts.Campaign.V1;
using RedCross.Contracts.Events.Reporting;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.Reporting.Data;
using RedCross.Reporting.Grpc;
using RedCross.Reporting.Projections;
using RedCross.Reporting.Reports;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Data;

namespace RedCross.Reporting;

/// <summary>The reporting module's one entry point.</summary>
public static class ReportingModule
{
    /// <summary>Every event type reporting publishes: hand-ins of annual reports.</summary>
    public static readonly Type[] Events = [typeof(AnnualReportIssued), typeof(AnnualReportAmended)];

    public static WebApplicationBuilder AddReportingModule(this WebApplicationBuilder builder)
    {
        builder.AddModuleDatabase<ReportingDb>("reporting");
        builder.AddModuleOutbox<ReportingDb>("reporting", Events);

        // Live batches of up to 100 events of a type per transaction, one batch at a time (the gate): SQLite has
        // one writer, and the timeline makes the order of events irrelevant. Twice the batch in flight, so the
        // next batch fills while one is written. The catch-up from each source's log makes the result exact.
        var batch = builder.Configuration.GetValue("Reporting:BatchSize", 100);
        var endpoint = new ModuleEndpoint("reporting", ConcurrentMessageLimit: 2 * batch,
            PrefetchCount: builder.Configuration.GetValue("Reporting:PrefetchCount", 4 * batch), BatchSize: batch);
        builder.Services.AddSingleton<ReportRenderer>();
        builder.AddEventSubscriber<ReportingDb, Projector>("reporting", "Reporting", endpoint, [.. ReportingSources.All.Select(p => p.Source)]);

        // Where each source's event log is served; in the monolith that is the monolith itself.
        builder.Services.AddGrpcClient<MembershipEventLog.MembershipEventLogClient>((sp, o) =>
            o.Address = new Uri(builder.Configuration["Reporting:Sources:Membership"] ?? sp.GetRequiredService<HostPorts>().LocalGrpcUrl));
        builder.Services.AddGrpcClient<ReliefEventLog.ReliefEventLogClient>((sp, o) =>
            o.Address = new Uri(builder.Configuration["Reporting:Sources:Relief"] ?? sp.GetRequiredService<HostPorts>().LocalGrpcUrl));
        builder.Services.AddGrpcClient<AwardsEventLog.AwardsEventLogClient>((sp, o) =>
            o.Address = new Uri(builder.Configuration["Reporting:Sources:Awards"] ?? sp.GetRequiredService<HostPorts>().LocalGrpcUrl));
        builder.Services.AddGrpcClient<CampaignEventLog.CampaignEventLogClient>((sp, o) =>
            o.Address = new Uri(builder.Configuration["Reporting:Sources:Campaign"] ?? sp.GetRequiredService<HostPorts>().LocalGrpcUrl));
        return builder;
    }

    public static IEndpointRouteBuilder MapReportingModule(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<ReportingService>();
        app.MapGrpcService<ReportingAdminService>();
        app.MapGrpcService<EventLogService>();
        return app;
    }
}
