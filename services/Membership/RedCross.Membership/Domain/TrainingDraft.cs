using RedCross.ServiceDefaults.Errors;

namespace RedCross.Membership.Domain;

/// <summary>A training course checked field by field; the member participants are checked to exist inside the write.</summary>
internal sealed record TrainingDraft(string OrgUnitCode, string Topic, DateOnly StartDate, DateOnly EndDate, IReadOnlyList<Guid?> Participants, int OtherParticipants)
{
    /// <summary>Most members named on one course (a bound on the request, not a rule of the Society).</summary>
    public const int MaxMemberParticipants = 10_000;

    public static TrainingDraft? Check(Input input, string? orgUnit, string? topic, string? startDate, string? endDate,
        IReadOnlyList<string> participantIds, int otherParticipants)
    {
        var unitCode = input.Text("org_unit", orgUnit, 20);
        var topicValue = input.Text("topic", topic, 300);
        var start = input.NotFuture("start_date", input.Date("start_date", startDate));
        var end = input.Date("end_date", endDate);
        if (start is { } s && end is { } e && e < s)
        {
            input.Fail("end_date", "must not be before start_date");
        }

        input.Range("other_participants", otherParticipants, 0, 100_000);
        var participants = participantIds.Select((p, i) => input.Id($"participant_member_ids[{i}]", p)).ToList();
        if (participants.Count > MaxMemberParticipants)
        {
            input.Fail("participant_member_ids", $"at most {MaxMemberParticipants} members per course");
        }

        return input.IsValid ? new TrainingDraft(unitCode!, topicValue!, start!.Value, end!.Value, participants, otherParticipants) : null;
    }

    /// <summary>The members named, each once.</summary>
    public List<Guid> MemberIds => Participants.Select(p => p!.Value).Distinct().ToList();

    /// <summary>The field that names <paramref name="member"/> (its first mention).</summary>
    public string FieldOf(Guid member) => $"participant_member_ids[{Participants.ToList().FindIndex(p => p == member)}]";

    public Training ToTraining(OrgUnit unit) => new()
    {
        Id = Guid.CreateVersion7(),
        OrgUnitCode = unit.Code,
        Topic = Topic,
        StartDate = StartDate,
        EndDate = EndDate,
        ParticipantMemberIds = MemberIds,
        OtherParticipants = OtherParticipants,
    };
}
