using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Membership.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.Membership.Tests;

/// <summary>Every field of the events the API's writes publish, as reporting reads them: only the event id and the
/// instant are the publisher's own. The events are built in Domain/IntegrationEvents; these pin what they carry.</summary>
public sealed class EventContentsTests(MembershipFactory factory) : IClassFixture<MembershipFactory>
{
    private readonly Members.MembersClient members = factory.Members(factory.Tokens.DistrictOfficer058);
    private readonly Dues.DuesClient dues = factory.Dues(factory.Tokens.DistrictOfficer058);
    private readonly Trainings.TrainingsClient trainings = factory.Trainings(factory.Tokens.DistrictOfficer058);
    private readonly Welfare.WelfareClient welfare = factory.Welfare(factory.Tokens.DistrictOfficer058);

    [Fact]
    public async Task Member_details_and_status_changes()
    {
        var member = await members.RegisterMemberAsync(MembershipFactory.Valid(name: "Sự Kiện Một"));
        var id = Guid.Parse(member.Id);
        var updated = await members.UpdateMemberAsync(new UpdateMemberRequest
        {
            Member = new Member { Id = member.Id, BirthDate = "1980-02-03", Sex = "male", Volunteer = true },
            UpdateMask = FieldMask.FromString("birth_date,sex,volunteer"),
            Etag = member.Etag,
        });
        await Expect(new MemberDetailsChanged(default, default, "01834", id, new DateOnly(1980, 2, 3), "male", true));

        await members.ChangeMemberStatusAsync(new ChangeMemberStatusRequest { Id = member.Id, Status = "lapsed", EffectiveDate = "2014-01-01", Etag = updated.Etag });
        await Expect(new MemberStatusChanged(default, default, "01834", id, "active", "lapsed", new DateOnly(2014, 1, 1)));
    }

    [Fact]
    public async Task Dues_paid_and_voided()
    {
        var member = await members.RegisterMemberAsync(MembershipFactory.Valid(name: "Sự Kiện Hai"));
        var payment = await dues.RecordDuesPaymentAsync(new RecordDuesPaymentRequest { MemberId = member.Id, Year = 2013, Months = 12, PaidOn = "2013-12-20" });
        var (paymentId, memberId, paidOn) = (Guid.Parse(payment.Id), Guid.Parse(member.Id), new DateOnly(2013, 12, 20));
        await Expect(new DuesPaid(default, default, "01834", paymentId, memberId, 2013, 12, 12_000, 6_000, 3_600, 2_400, paidOn));

        await dues.VoidDuesPaymentAsync(new VoidRecordRequest { Id = payment.Id, Reason = "ghi nhầm" });
        await Expect(new DuesPaymentVoided(default, default, "01834", paymentId, memberId, 2013, 12, 12_000, paidOn));
    }

    [Fact]
    public async Task Training_held_and_voided()
    {
        var member = await members.RegisterMemberAsync(MembershipFactory.Valid(name: "Sự Kiện Ba"));
        var course = await trainings.RecordTrainingAsync(new RecordTrainingRequest
        {
            OrgUnit = "058", Topic = "Sơ cấp cứu", StartDate = "2013-05-06", EndDate = "2013-05-08", ParticipantMemberIds = { member.Id }, OtherParticipants = 30,
        });
        var id = Guid.Parse(course.Id);
        await Expect(new TrainingHeld(default, default, "058", id, "Sơ cấp cứu", new DateOnly(2013, 5, 6), new DateOnly(2013, 5, 8), 31));

        await trainings.VoidTrainingAsync(new VoidRecordRequest { Id = course.Id, Reason = "ghi trùng" });
        await Expect(new TrainingVoided(default, default, "058", id, new DateOnly(2013, 5, 6), 31));
    }

    [Fact]
    public async Task Welfare_contributions_and_visits_made_and_voided()
    {
        var member = await members.RegisterMemberAsync(MembershipFactory.Valid(name: "Sự Kiện Bốn"));
        var contribution = await welfare.RecordWelfareContributionAsync(new RecordWelfareContributionRequest { OrgUnit = "058", Contributor = "Cán bộ Hội", AmountVnd = 2_000_000, ReceivedOn = "2013-02-01" });
        var contributionId = Guid.Parse(contribution.Id);
        await Expect(new WelfareContributionReceived(default, default, "058", contributionId, 2_000_000, new DateOnly(2013, 2, 1)));
        await welfare.VoidWelfareContributionAsync(new VoidRecordRequest { Id = contribution.Id, Reason = "ghi nhầm" });
        await Expect(new WelfareContributionVoided(default, default, "058", contributionId, 2_000_000, new DateOnly(2013, 2, 1)));

        var visit = await welfare.RecordWelfareVisitAsync(new RecordWelfareVisitRequest { MemberId = member.Id, Reason = "illness", AmountVnd = 300_000, VisitedOn = "2013-04-04" });
        var (visitId, memberId) = (Guid.Parse(visit.Id), Guid.Parse(member.Id));
        await Expect(new WelfareVisitMade(default, default, "01834", visitId, memberId, "illness", 300_000, new DateOnly(2013, 4, 4)));
        await welfare.VoidWelfareVisitAsync(new VoidRecordRequest { Id = visit.Id, Reason = "ghi nhầm" });
        await Expect(new WelfareVisitVoided(default, default, "01834", visitId, memberId, 300_000, new DateOnly(2013, 4, 4)));
    }

    [Fact]
    public async Task Growth_target_set()
    {
        await factory.GrowthTargets(factory.Tokens.DistrictOfficer058).SetGrowthTargetAsync(new SetGrowthTargetRequest { OrgUnit = "058", Year = 2016, NewMembers = 123 });
        await Expect(new GrowthTargetSet(default, default, "058", 2016, 123));
    }

    /// <summary>Waits for an event equal to <paramref name="expected"/> in every field but the id and the instant.</summary>
    private Task Expect<T>(T expected)
        where T : class, IIntegrationEvent =>
        factory.Services.Published<T>(p => Contents(p.Context.Message) == Contents(expected));

    private static string Contents(IIntegrationEvent e)
    {
        var json = JsonSerializer.SerializeToNode(e, e.GetType())!.AsObject();
        json.Remove(nameof(IIntegrationEvent.EventId));
        json.Remove(nameof(IIntegrationEvent.OccurredAt));
        return json.ToJsonString();
    }
}
