using Microsoft.EntityFrameworkCore;
using RedCross.Awards.Data;
using RedCross.Awards.Domain;
using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Campaign;
using RedCross.Contracts.Events.Membership;
using RedCross.Messaging;
using RedCross.OrgReplica;

namespace RedCross.Awards.Consumers;

/// <summary>What awards learns from other services' events, live from the bus and exactly from their logs: the org
/// tree and the members (who may be nominated, and where) from membership; donors' cumulative donation counts from
/// campaign. Each is idempotent through the inbox, and order does not matter: the highest count and the latest move win.</summary>
internal sealed class AwardsApplier(AwardsDb db) : IEventApplier<AwardsDb>
{
    public static readonly Type[] MembershipTypes =
        [typeof(OrgUnitCreated), typeof(OrgUnitChanged), typeof(MemberRegistered), typeof(MemberDetailsChanged), typeof(MemberTransferred)];

    public static readonly Type[] CampaignTypes = [typeof(BloodDonationRecorded)];

    public Task ApplyAsync(IIntegrationEvent evt, CancellationToken cancellationToken) => evt switch
    {
        OrgUnitCreated created => OrgReplica.OrgReplica.ApplyAsync(db, created, cancellationToken),
        OrgUnitChanged changed => OrgReplica.OrgReplica.ApplyAsync(db, changed, cancellationToken),
        MemberRegistered registered => MemberAsync(registered.MemberId, registered.OrgUnitCode, registered.JoinedDate, registered.Volunteer, cancellationToken),
        MemberDetailsChanged details => MemberAsync(details.MemberId, details.OrgUnitCode, null, details.Volunteer, cancellationToken),
        MemberTransferred moved => MemberAsync(moved.MemberId, moved.OrgUnitCode, moved.EffectiveDate, null, cancellationToken),
        BloodDonationRecorded donation => DonationAsync(donation, cancellationToken),
        _ => throw new InvalidOperationException($"Awards does not consume {evt.GetType().Name}."),
    };

    public async Task ClearAsync(string source, CancellationToken cancellationToken)
    {
        if (source == AwardsModule.CampaignSource)
        {
            await db.Donors.ExecuteDeleteAsync(cancellationToken);
            return;
        }

        await db.Members.ExecuteDeleteAsync(cancellationToken);
        await db.Set<ReplicatedOrgUnit>().ExecuteDeleteAsync(cancellationToken);
    }

    public void Dispose()
    {
    }

    /// <summary>A move (or a registration) sets the unit unless a later move was applied first; details set the flag.</summary>
    private async Task MemberAsync(Guid id, string unitCode, DateOnly? since, bool? volunteer, CancellationToken ct)
    {
        var member = await db.Members.FindAsync([id], ct);
        if (member is null)
        {
            member = new KnownMember { MemberId = id, OrgUnitCode = unitCode, UnitSince = since ?? DateOnly.MinValue };
            db.Members.Add(member);
        }
        else if (since is { } on && on >= member.UnitSince)
        {
            (member.OrgUnitCode, member.UnitSince) = (unitCode, on);
        }

        if (volunteer is { } flag)
        {
            member.Volunteer = flag;
        }
    }

    /// <summary>The highest cumulative count wins, so a replay or an older event changes nothing. A donor of a unit awards
    /// does not know yet is parked (the throw) and counted once membership's tree has the unit.</summary>
    private async Task DonationAsync(BloodDonationRecorded e, CancellationToken ct)
    {
        var unit = await OrgReplica.OrgReplica.FindAsync(db, e.OrgUnitCode, ct)
            ?? throw new InvalidOperationException($"Org unit '{e.OrgUnitCode}' is not in awards' replica of the tree yet.");
        var donor = await db.Donors.FindAsync([e.DonorId], ct);
        if (donor is null)
        {
            donor = new DonorTally { DonorId = e.DonorId, RecipientKey = RecipientKinds.Key(RecipientKinds.Donor, e.DonorId.ToString(), e.OrgUnitCode, null) };
            db.Donors.Add(donor);
        }
        else if (donor.DonationCount >= e.CumulativeCount)
        {
            return;
        }

        (donor.OrgUnitCode, donor.OrgUnitPath, donor.ProvinceCode) = (unit.Code, unit.Path, unit.Path.Split('/')[0]);
        (donor.DonationCount, donor.LastDonatedOn) = (e.CumulativeCount, e.DonatedOn);
    }
}
