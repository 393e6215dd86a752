using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Membership;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Relief.Data;

namespace RedCross.Relief.Consumers;

/// <summary>Keeps relief's replica of the org tree from membership's events (live and caught up from its log),
/// so relief refuses unknown and closed units without calling membership.</summary>
internal sealed class OrgTreeApplier(ReliefDb db) : IEventApplier<ReliefDb>
{
    public static readonly Type[] EventTypes = [typeof(OrgUnitCreated), typeof(OrgUnitChanged)];

    public Task ApplyAsync(IIntegrationEvent evt, CancellationToken cancellationToken) => evt switch
    {
        OrgUnitCreated created => OrgReplica.OrgReplica.ApplyAsync(db, created, cancellationToken),
        OrgUnitChanged changed => OrgReplica.OrgReplica.ApplyAsync(db, changed, cancellationToken),
        _ => throw new InvalidOperationException($"Relief does not consume {evt.GetType().Name}."),
    };

    public Task ClearAsync(string source, CancellationToken cancellationToken) =>
        db.Set<ReplicatedOrgUnit>().ExecuteDeleteAsync(cancellationToken);

    public void Dispose()
    {
    }
}
