namespace RedCross.Membership.Domain;

/// <summary>A dues payment (hội phí) and its split between the branch, the commune and the levels above.</summary>
internal sealed class DuesPayment : RecordedFact
{
    public Guid MemberId { get; set; }

    public int Year { get; set; }

    public int Months { get; set; }

    public long AmountVnd { get; set; }

    public long BranchShareVnd { get; set; }

    public long CommuneShareVnd { get; set; }

    public long UpperShareVnd { get; set; }

    public DateOnly PaidOn { get; set; }
}

/// <summary>A hardship exemption from dues for one year; its unit is the commune whose cap it takes a place under.</summary>
internal sealed class DuesExemption : RecordedFact
{
    public Guid MemberId { get; set; }

    public int Year { get; set; }

    public string Reason { get; set; } = string.Empty;
}

/// <summary>A training course (lớp tập huấn).</summary>
internal sealed class Training : RecordedFact
{
    public string Topic { get; set; } = string.Empty;

    public DateOnly StartDate { get; set; }

    public DateOnly EndDate { get; set; }

    public List<Guid> ParticipantMemberIds { get; set; } = [];

    public int OtherParticipants { get; set; }

    public int ParticipantCount => ParticipantMemberIds.Count + OtherParticipants;
}

/// <summary>Money into a unit's welfare fund (quỹ thăm hỏi).</summary>
internal sealed class WelfareContribution : RecordedFact
{
    public string Contributor { get; set; } = string.Empty;

    public long AmountVnd { get; set; }

    public DateOnly ReceivedOn { get; set; }
}

/// <summary>A visit to a member who is ill, injured or in misfortune.</summary>
internal sealed class WelfareVisit : RecordedFact
{
    public static readonly IReadOnlyDictionary<string, string> Reasons =
        new Dictionary<string, string> { ["illness"] = "illness", ["accident"] = "accident", ["misfortune"] = "misfortune" };

    public Guid MemberId { get; set; }

    public string Reason { get; set; } = string.Empty;

    public long AmountVnd { get; set; }

    public DateOnly VisitedOn { get; set; }
}

/// <summary>How many new members a unit aims to win in a year.</summary>
internal sealed class GrowthTarget
{
    public string OrgUnitCode { get; set; } = string.Empty;

    public int Year { get; set; }

    public int NewMembers { get; set; }
}
