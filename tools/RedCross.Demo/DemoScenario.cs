namespace RedCross.Demo;

/// <summary>The shape of Bắc Kạn town's (058) year 2013, chosen so that its annual report shows the seed's figures:
/// one training course (F1); 352,323,000 VND of relief activities (F2) = the Viettel gifts 150,000,000 (F5, 500 people
/// at 300,000, F4) + Tết gifts 80,000,000 (200 at 400,000 from Bắc Kạn Electricity's donation) + four cows of the cow
/// bank 48,000,000 + assistance to humanitarian addresses 74,323,000; 3,126 health visits (examinations and consultations) with the health sector (F3);
/// the commendations of F6-F8; and the two weaknesses of F9: 184 new members against a target of 320, and 15 of 24
/// humanitarian addresses not re-reviewed in time.</summary>
internal static class DemoScenario
{
    public const string Town = "058";
    public const int Year = 2013;
    public static readonly string[] Communes = ["01834", "01837", "01840", "01843", "01846", "01849", "01852", "01855"];

    public const int MembersBefore2013PerCommune = 45;
    public const int NewMembersPerCommune = 23;
    public const int GrowthTargetPerCommune = 40;

    /// <summary>The categories of the Viettel list (policy families, the elderly, the poor, war invalids, sick soldiers and
    /// Agent Orange victims), drawn by the campaign from relief.</summary>
    public static readonly string[] ViettelCategories = ["policy_family", "elderly", "poor", "war_invalid", "sick_soldier", "agent_orange_victim"];
    public const int ViettelListSize = 500;
    public const long ViettelGiftVnd = 300_000;

    public const int TetGifts = 200;
    public const long TetGiftVnd = 400_000;
    public const long ElectricityDonationVnd = TetGifts * TetGiftVnd;

    public const int Cows = 4;
    public const long CowVnd = 12_000_000;

    public const int Addresses = 24;
    public const int AddressesReviewedIn2013 = 9;
    public const long AddressTetGiftVnd = 1_500_000;
    public const long HouseRepairVnd = 30_000_000;
    public const long HospitalCostsVnd = 6_823_000;

    public const int BloodDonors = 40;
    public const int BloodVolumeMl = 350;
}
