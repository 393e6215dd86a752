using RedCross.Contracts.Membership.V1;

namespace RedCross.Demo;

/// <summary>The town's members (those who joined before 2013 and the 184 new ones), the communes' growth targets and
/// the year's training course.</summary>
internal sealed class MembershipPart(DemoChannels channels, DemoPeople people, IProgress<string> progress)
{
    /// <summary>Registers the members and returns the ids of the 2013 ones, per commune.</summary>
    public async Task<IReadOnlyList<string>> LoadAsync(CancellationToken ct)
    {
        var members = new Members.MembersClient(channels.Town);
        var joined2013 = new List<string>();
        var perCommune = DemoScenario.MembersBefore2013PerCommune + DemoScenario.NewMembersPerCommune;
        for (var c = 0; c < DemoScenario.Communes.Length; c++)
        {
            for (var i = 0; i < perCommune; i++)
            {
                var isNew = i >= DemoScenario.MembersBefore2013PerCommune;
                var joined = isNew ? people.DateIn(Dates.On(1, 10), Dates.On(12, 20)) : people.DateIn(new DateOnly(2003, 1, 1), new DateOnly(2012, 12, 20));
                var member = await Demo.Distinct(people, person => members.RegisterMemberAsync(new RegisterMemberRequest
                {
                    FullName = person.FullName,
                    Sex = person.Sex,
                    BirthDate = people.BirthDate(1950, 1994).Iso(),
                    Phone = people.Phone(),
                    OrgUnit = DemoScenario.Communes[c],
                    JoinedDate = joined.Iso(),
                    Volunteer = i % 5 == 0,
                    RequestId = $"demo-member-{c}-{i}",
                }, cancellationToken: ct).ResponseAsync);
                if (isNew)
                {
                    joined2013.Add(member.Id);
                }
            }

            progress.Report($"members: {(c + 1) * perCommune} of {DemoScenario.Communes.Length * perCommune}");
        }

        var targets = new GrowthTargets.GrowthTargetsClient(channels.Town);
        foreach (var commune in DemoScenario.Communes)
        {
            await targets.SetGrowthTargetAsync(
                new SetGrowthTargetRequest { OrgUnit = commune, Year = DemoScenario.Year, NewMembers = DemoScenario.GrowthTargetPerCommune }, cancellationToken: ct);
        }

        await new Trainings.TrainingsClient(channels.Town).RecordTrainingAsync(new RecordTrainingRequest
        {
            OrgUnit = DemoScenario.Town,
            Topic = "Tập huấn nghiệp vụ công tác Hội Chữ thập đỏ cho cán bộ Hội và chi hội cơ sở",
            StartDate = Dates.On(4, 16).Iso(),
            EndDate = Dates.On(4, 17).Iso(),
            ParticipantMemberIds = { joined2013.Where((_, i) => i % 12 == 0) },
            OtherParticipants = 20,
            RequestId = "demo-training-2013",
        }, cancellationToken: ct);
        progress.Report("members, growth targets and the training course: done");
        return joined2013;
    }
}
