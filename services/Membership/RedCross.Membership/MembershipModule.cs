using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RedCross.Contracts.Events.Membership;
using RedCross.Membership.Data;
using RedCross.Membership.Domain;
using RedCross.Membership.Grpc;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Data;

namespace RedCross.Membership;

/// <summary>The membership module's one entry point.</summary>
public static class MembershipModule
{
    /// <summary>Every event type membership publishes.</summary>
    public static readonly Type[] Events =
    [
        typeof(OrgUnitCreated), typeof(OrgUnitChanged), typeof(MemberRegistered), typeof(MemberStatusChanged),
        typeof(MemberDetailsChanged), typeof(DuesPaid), typeof(TrainingHeld), typeof(WelfareContributionReceived),
        typeof(WelfareVisitMade), typeof(GrowthTargetSet), typeof(DuesPaymentVoided), typeof(TrainingVoided),
        typeof(WelfareContributionVoided), typeof(WelfareVisitVoided), typeof(MemberTransferred),
    ];

    public static WebApplicationBuilder AddMembershipModule(this WebApplicationBuilder builder)
    {
        var settings = new MembershipSettings(
            builder.Configuration["Membership:ReferenceDataFile"] ?? Path.Combine(AppContext.BaseDirectory, "ReferenceData", "org-units.json"),
            builder.Configuration["Membership:DuesRulesFile"] ?? Path.Combine(AppContext.BaseDirectory, "Rules", "dues.json"));
        builder.Services.AddSingleton(settings);
        builder.AddAuditTrail<MembershipDb>("Membership");
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(DuesRules.Load(settings.DuesRulesFile));
        builder.AddModuleDatabase<MembershipDb>("membership");
        builder.Services.AddHostedService<ReferenceData>();
        builder.AddModuleOutbox<MembershipDb>("membership", Events);
        return builder;
    }

    public static IEndpointRouteBuilder MapMembershipModule(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<OrgUnitsService>();
        app.MapGrpcService<MembersService>();
        app.MapGrpcService<DuesService>();
        app.MapGrpcService<TrainingsService>();
        app.MapGrpcService<WelfareService>();
        app.MapGrpcService<GrowthTargetsService>();
        app.MapGrpcService<AuditService>();
        app.MapGrpcService<EventLogService>();
        return app;
    }
}
