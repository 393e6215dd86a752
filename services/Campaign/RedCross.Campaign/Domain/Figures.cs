namespace RedCross.Campaign.Domain;

/// <summary>A campaign's figures: targets, one result entry or the totals. Counts and whole VND, never negative in a
/// stored entry (a correction's change may be).</summary>
internal sealed class Figures
{
    public long PeopleServed { get; set; }

    public long Examinations { get; set; }

    public long Consultations { get; set; }

    public long CommunicationSessions { get; set; }

    public long FundsRaisedVnd { get; set; }

    public long BloodDonations { get; set; }

    public Figures Copy() => (Figures)MemberwiseClone();

    /// <summary>This minus <paramref name="other"/>, figure by figure: what a correction changes.</summary>
    public Figures Minus(Figures other) => new()
    {
        PeopleServed = PeopleServed - other.PeopleServed,
        Examinations = Examinations - other.Examinations,
        Consultations = Consultations - other.Consultations,
        CommunicationSessions = CommunicationSessions - other.CommunicationSessions,
        FundsRaisedVnd = FundsRaisedVnd - other.FundsRaisedVnd,
        BloodDonations = BloodDonations - other.BloodDonations,
    };

    public void Add(Figures change)
    {
        PeopleServed += change.PeopleServed;
        Examinations += change.Examinations;
        Consultations += change.Consultations;
        CommunicationSessions += change.CommunicationSessions;
        FundsRaisedVnd += change.FundsRaisedVnd;
        BloodDonations += change.BloodDonations;
    }
}
