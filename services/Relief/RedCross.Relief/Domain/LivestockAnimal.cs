using RedCross.OrgReplica;
using System.Globalization;

namespace RedCross.Relief.Domain;

/// <summary>An animal of a livestock bank: given by the programme, or born to one of its animals (lineage by
/// <see cref="MotherId"/>). It counts in its holder's home unit.</summary>
internal sealed class LivestockAnimal : IInUnit
{
    public Guid Id { get; set; }

    public Guid ProgrammeId { get; set; }

    public string Tag { get; set; } = string.Empty;

    public string Species { get; set; } = LivestockSpecies.Cow;

    public string Sex { get; set; } = LivestockSexes.Female;

    public DateOnly BirthDate { get; set; }

    public bool BirthDateEstimated { get; set; }

    public Guid? MotherId { get; set; }

    /// <summary>The household that held the mother when this calf was born: calves are numbered per mother and
    /// household, and the holder changes when a calf is passed on.</summary>
    public Guid? BornWithBeneficiaryId { get; set; }

    /// <summary>Which calf of its mother this is, counted while the mother was with the same household; 0 when given.</summary>
    public int CalfNumber { get; set; }

    /// <summary>The household (beneficiary) holding it, or that held it last.</summary>
    public Guid HolderBeneficiaryId { get; set; }

    public string OrgUnitCode { get; set; } = string.Empty;

    public string OrgUnitPath { get; set; } = string.Empty;

    public DateOnly HeldSince { get; set; }

    public string Status { get; set; } = LivestockStatuses.Given;

    public DateOnly? OutcomeOn { get; set; }

    public long ValueVnd { get; set; }

    public int Version { get; set; }

    public string ETag => Version.ToString(CultureInfo.InvariantCulture);

    public bool IsHeld => LivestockStatuses.Held.Contains(Status);

    /// <summary>The holder got it from the programme (given, or handed over to it as someone's owed calf), so its
    /// calves may be owed; a calf born to the household is the household's own.</summary>
    public bool CameFromProgramme => Status is LivestockStatuses.Given or LivestockStatuses.HandedOver;

    public void PassTo(Beneficiary recipient, DateOnly on)
    {
        (HolderBeneficiaryId, OrgUnitCode, OrgUnitPath, HeldSince, Status) = (recipient.Id, recipient.OrgUnitCode, recipient.OrgUnitPath, on, LivestockStatuses.HandedOver);
        Version++;
    }

    public void End(string outcome, DateOnly on)
    {
        (Status, OutcomeOn) = (outcome, on);
        Version++;
    }
}

/// <summary>How the animal came to its holder (given, calved, handed_over), or how it left the programme (sold, died).</summary>
internal static class LivestockStatuses
{
    public const string Given = "given";
    public const string Calved = "calved";
    public const string HandedOver = "handed_over";
    public const string Sold = "sold";
    public const string Died = "died";

    public static readonly IReadOnlySet<string> Held = new HashSet<string>(StringComparer.Ordinal) { Given, Calved, HandedOver };

    public static readonly IReadOnlyDictionary<string, string> Outcomes = new Dictionary<string, string> { [Sold] = Sold, [Died] = Died };
}
