using RedCross.Contracts.Events.Membership;
using RedCross.Messaging;

namespace RedCross.OrgReplica;

/// <summary>Keeps <typeparamref name="TContext"/>'s replica in step with membership's tree.</summary>
public sealed class OrgUnitCreatedReplicaConsumer<TContext>(TContext db) : IdempotentConsumer<TContext, OrgUnitCreated>(db)
    where TContext : ModuleDbContext
{
    protected override string ConsumerName => OrgReplicaConsumers.Name;

    protected override Task ApplyAsync(OrgUnitCreated message, CancellationToken cancellationToken) => OrgReplica.ApplyAsync(Db, message, cancellationToken);
}

/// <summary>Keeps <typeparamref name="TContext"/>'s replica in step with membership's tree.</summary>
public sealed class OrgUnitChangedReplicaConsumer<TContext>(TContext db) : IdempotentConsumer<TContext, OrgUnitChanged>(db)
    where TContext : ModuleDbContext
{
    protected override string ConsumerName => OrgReplicaConsumers.Name;

    protected override Task ApplyAsync(OrgUnitChanged message, CancellationToken cancellationToken) => OrgReplica.ApplyAsync(Db, message, cancellationToken);
}

public static class OrgReplicaConsumers
{
    /// <summary>The inbox name of both replica consumers.</summary>
    public const string Name = "org-replica";

    public static Type[] For<TContext>()
        where TContext : ModuleDbContext =>
        [typeof(OrgUnitCreatedReplicaConsumer<TContext>), typeof(OrgUnitChangedReplicaConsumer<TContext>)];
}
