using MassTransit;
using RedCross.Contracts.Events.Membership;

namespace RedCross.Testing;

/// <summary>An org tree for a host under test that replicates membership's: sent as membership would send it
/// (OrgUnitCreated through the bus, message id = event id), once per host however many tests ask, then waited for,
/// since the host consumes it asynchronously and a test that runs alone would otherwise ask too early.
/// The units are built when sent, so they are stamped later than anything a test published before asking.</summary>
public sealed class ReplicaTree(Func<IReadOnlyList<OrgUnitCreated>> units)
{
    private readonly SemaphoreSlim once = new(1, 1);
    private bool sent;

    /// <summary>Province 06, districts 058 and 060, communes 01834, 01837, 01852 and OLD, closed on 30 June 2014.</summary>
    public static ReplicaTree District() => new(() =>
    [
        Unit("06", null, "06", "province"), Unit("058", "06", "06/058", "district"), Unit("060", "06", "06/060", "district"),
        Unit("01834", "058", "06/058/01834", "commune"), Unit("01837", "058", "06/058/01837", "commune"),
        Unit("01852", "058", "06/058/01852", "commune"), Unit("OLD", "058", "06/058/OLD", "commune", new DateOnly(2014, 6, 30)),
    ]);

    /// <summary>A unit as membership announces it, named "Hội CODE", valid from 1 January 1997.</summary>
    public static OrgUnitCreated Unit(string code, string? parent, string path, string level, DateOnly? validTo = null) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, code, "Hội " + code, level, parent, path, null, new DateOnly(1997, 1, 1), validTo, []);

    /// <summary>Publishes the units the first time it is called and runs <paramref name="untilKnown"/> with them (it waits
    /// for the host to hold them, and may send more); later calls return at once. A failed wait is tried again by the next call.</summary>
    public async Task EnsureSentAsync(IBus bus, Func<IReadOnlyList<OrgUnitCreated>, Task> untilKnown)
    {
        await once.WaitAsync();
        try
        {
            if (sent)
            {
                return;
            }

            var tree = units();
            foreach (var unit in tree)
            {
                await bus.Publish(unit, ctx => ctx.MessageId = unit.EventId);
            }

            await untilKnown(tree);
            sent = true;
        }
        finally
        {
            once.Release();
        }
    }
}
