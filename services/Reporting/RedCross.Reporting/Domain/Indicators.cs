namespace RedCross.Reporting.Domain;

/// <summary>How an indicator's value is measured, which decides how a report writes it.</summary>
internal enum IndicatorUnit
{
    /// <summary>A count of people, courses, visits, animals or addresses.</summary>
    Count,

    /// <summary>Whole đồng.</summary>
    Vnd,

    /// <summary>A whole percentage.</summary>
    Percent,

    /// <summary>Millilitres (of blood collected).</summary>
    Millilitre,
}

/// <summary>One indicator of the catalogue: its stable code, labels, unit, and the events it is computed from; for a part of
/// a figure's breakdown by sex or age (<see cref="PeopleBreakdown"/>), the figure's code.</summary>
internal sealed record IndicatorDefinition(string Code, string Vi, string En, IndicatorUnit Unit, string[] SourceEvents, string? PartOf = null);

/// <summary>The indicator codes reporting keeps, with their Vietnamese and English labels. This registry is the one
/// source of docs/indicators.md and of the DHIS2 data elements.</summary>
internal static class Indicators
{
    public const string MembersActive = "membership.members.active";
    public const string VolunteersActive = "membership.volunteers.active";
    public const string MembersNew = "membership.members.new";
    public const string VolunteersNew = "membership.volunteers.new";
    public const string GrowthTarget = "membership.members.growth_target";
    public const string GrowthPercent = "membership.members.growth_vs_target_pct";
    public const string TrainingsHeld = "membership.trainings.held";
    public const string TrainingParticipants = "membership.trainings.participants";
    public const string WelfareVisits = "membership.welfare.visits";
    public const string WelfareValue = "membership.welfare.value_vnd";
    public const string WelfareContributions = "membership.welfare.contributions_vnd";
    public const string DuesCollected = "membership.dues.collected_vnd";
    public const string ReliefDonationsReceived = "relief.donations.received_vnd";
    public const string ReliefActivityValue = "relief.activity_value_vnd";
    public const string ReliefBeneficiariesReached = "relief.beneficiaries.reached";
    public const string ReliefBeneficiariesRegistered = "relief.beneficiaries.registered";
    public const string ReliefLivestockGiven = "relief.livestock.given";
    public const string ReliefLivestockPassedOn = "relief.livestock.passed_on";
    public const string ReliefAddressesActive = "relief.addresses.active";
    public const string ReliefAddressesOverdue = "relief.addresses.review_overdue";
    public const string AwardsCollective = "awards.commendations.collective";
    public const string AwardsIndividual = "awards.commendations.individual";
    public const string AwardsCash = "awards.cash_vnd";

    /// <summary>Awards' issuer kinds, with their labels: each awards indicator is also kept per kind of issuer.</summary>
    public static readonly IReadOnlyList<(string Kind, string Vi, string En)> IssuerKinds =
    [
        ("district_emulation_council", "Hội đồng Thi đua - Khen thưởng cấp huyện", "district Emulation & Commendation Council"),
        ("district_red_cross", "Hội Chữ thập đỏ cấp huyện", "district Red Cross"),
        ("provincial_red_cross", "Hội Chữ thập đỏ tỉnh", "provincial Red Cross"),
        ("provincial_peoples_committee", "Ủy ban nhân dân tỉnh", "provincial People's Committee"),
        ("central_red_cross", "Trung ương Hội Chữ thập đỏ Việt Nam", "central Red Cross"),
    ];

    /// <summary>Awards' forms, with their labels (the report's commendations name the form).</summary>
    public static readonly IReadOnlyList<(string Kind, string Vi, string En)> FormKinds =
    [
        ("certificate_of_merit", "Giấy khen", "certificate of merit"),
        ("diploma_of_merit", "Bằng khen", "diploma of merit"),
        ("commemorative_medal", "Kỷ niệm chương", "commemorative medal"),
    ];

    /// <summary>The movements (phong trào) a commendation is given for, with their labels (the report's commendations name
    /// the movement).</summary>
    public static readonly IReadOnlyList<(string Kind, string Vi, string En)> MovementKinds =
    [
        ("blood_donation", "Hiến máu tình nguyện", "voluntary blood donation"),
        ("society_work", "Công tác Hội", "Society work"),
        ("relief", "Cứu trợ", "relief"),
        ("humanitarian_address", "Địa chỉ nhân đạo", "humanitarian addresses"),
        ("first_aid", "Sơ cấp cứu", "first aid"),
        ("health_care", "Chăm sóc sức khỏe", "health care"),
        ("other", "Khác", "other"),
    ];

    /// <summary>An awards indicator for one kind of issuer: the code suffixed with the kind.</summary>
    public static string ByIssuer(string code, string issuerKind) => code + "." + issuerKind;
    public const string CampaignsHeld = "campaign.campaigns.held";
    public const string CampaignVisits = "campaign.health.visits";
    public const string CampaignVisitsExamination = "campaign.health.visits.examination";
    public const string CampaignVisitsConsultation = "campaign.health.visits.consultation";
    public const string CampaignCommunicationSessions = "campaign.health.communication_sessions";
    public const string CampaignPeopleServed = "campaign.people.served";
    public const string CampaignBloodDonations = "campaign.blood.donations";
    public const string CampaignBloodDonors = "campaign.blood.donors";
    public const string CampaignBloodVolumeMl = "campaign.blood.volume_ml";
    public const string CampaignFundsRaised = "campaign.funds.raised_vnd";

    private const IndicatorUnit Count = IndicatorUnit.Count;
    private const IndicatorUnit Vnd = IndicatorUnit.Vnd;
    private static readonly string[] MemberStock = ["MemberRegistered", "MemberStatusChanged", "MemberTransferred", "MemberDetailsChanged"];
    private static readonly string[] CampaignResults = ["CampaignResultRecorded", "CampaignResultCorrected"];
    private static readonly string[] Commendations = ["CommendationApproved", "CommendationRevoked"];

    /// <summary>Every code in report order, with its labels, unit and source events.</summary>
    public static readonly IReadOnlyList<IndicatorDefinition> Catalog =
    [
        .. WithParts(new(MembersActive, "Hội viên đang sinh hoạt (cuối kỳ)", "Active members (end of period)", Count, MemberStock)),
        .. WithParts(new(VolunteersActive, "Tình nguyện viên đang hoạt động (cuối kỳ)", "Active volunteers (end of period)", Count, MemberStock)),
        .. WithParts(new(MembersNew, "Hội viên mới kết nạp", "New members", Count, ["MemberRegistered"])),
        .. WithParts(new(VolunteersNew, "Tình nguyện viên mới", "New volunteers", Count, ["MemberRegistered"])),
        new(GrowthTarget, "Chỉ tiêu phát triển hội viên", "Member growth target", Count, ["GrowthTargetSet"]),
        new(GrowthPercent, "Tỷ lệ hoàn thành chỉ tiêu phát triển hội viên (%)", "Member growth against target (%)", IndicatorUnit.Percent,
            ["MemberRegistered", "GrowthTargetSet"]),
        new(TrainingsHeld, "Lớp tập huấn đã tổ chức", "Training courses held", Count, ["TrainingHeld", "TrainingVoided"]),
        new(TrainingParticipants, "Lượt người dự tập huấn", "Training participants", Count, ["TrainingHeld", "TrainingVoided"]),
        new(WelfareVisits, "Lượt thăm hỏi hội viên", "Welfare visits to members", Count, ["WelfareVisitMade", "WelfareVisitVoided"]),
        new(WelfareValue, "Giá trị thăm hỏi (đồng)", "Value of welfare visits (VND)", Vnd, ["WelfareVisitMade", "WelfareVisitVoided"]),
        new(WelfareContributions, "Đóng góp quỹ thăm hỏi (đồng)", "Welfare fund contributions (VND)", Vnd,
            ["WelfareContributionReceived", "WelfareContributionVoided"]),
        new(DuesCollected, "Hội phí thu được (đồng)", "Dues collected (VND)", Vnd, ["DuesPaid", "DuesPaymentVoided"]),
        new(ReliefDonationsReceived, "Tiền và hàng tiếp nhận quy ra tiền (đồng)", "Donations received, cash and goods valued (VND)", Vnd,
            ["DonationReceived"]),
        new(ReliefActivityValue, "Tổng giá trị các hoạt động cứu trợ, trao quà (đồng)", "Total value of relief reaching people (VND)", Vnd,
            ["DistributionRecorded", "DistributionReversed", "LivestockGiven", "AddressAssisted"]),
        .. WithParts(new(ReliefBeneficiariesReached, "Lượt đối tượng được trợ giúp", "Beneficiary handovers (people reached, counted per handover)", Count,
            ["DistributionRecorded", "DistributionReversed"])),
        new(ReliefBeneficiariesRegistered, "Đối tượng được lập hồ sơ mới", "Beneficiaries newly registered", Count, ["BeneficiaryRegistered"]),
        new(ReliefLivestockGiven, "Số con bò (gia súc) trao cho hộ nghèo (Ngân hàng bò)", "Livestock given to households (cow bank)", Count,
            ["LivestockGiven"]),
        new(ReliefLivestockPassedOn, "Số con bê được bàn giao cho hộ tiếp theo (Ngân hàng bò)", "Calves passed on to the next household (cow bank)", Count,
            ["LivestockPassedOn"]),
        new(ReliefAddressesActive, "Địa chỉ nhân đạo đang theo dõi (cuối kỳ)", "Humanitarian addresses followed (end of period)", Count,
            ["AddressOpened", "AddressReviewed", "AddressClosed"]),
        new(ReliefAddressesOverdue, "Địa chỉ nhân đạo quá hạn rà soát (cuối kỳ)", "Humanitarian addresses overdue for review (end of period)", Count,
            ["AddressOpened", "AddressReviewed", "AddressClosed"]),
        .. Awards(AwardsCollective, "Tập thể được khen thưởng", "Collectives commended", Count),
        .. Awards(AwardsIndividual, "Cá nhân được khen thưởng", "Individuals commended", Count),
        .. Awards(AwardsCash, "Tiền thưởng kèm theo khen thưởng (đồng)", "Cash awarded with commendations (VND)", Vnd),
        new(CampaignsHeld, "Phong trào, chiến dịch, chương trình đã tổ chức", "Campaigns and programmes held", Count, ["CampaignOpened"]),
        // A visit is a person examined or advised; a communication session is a meeting held, another unit, never added to visits.
        new(CampaignVisits, "Lượt khám, tư vấn sức khỏe", "Health visits (examinations and consultations)", Count, CampaignResults),
        new(CampaignVisitsExamination, "Lượt khám bệnh", "Health examinations", Count, CampaignResults),
        new(CampaignVisitsConsultation, "Lượt tư vấn sức khỏe", "Health consultations", Count, CampaignResults),
        new(CampaignCommunicationSessions, "Buổi truyền thông phòng bệnh", "Disease-prevention communication sessions", Count, CampaignResults),
        new(CampaignPeopleServed, "Lượt người được phục vụ trong các chương trình", "People served by campaigns", Count, CampaignResults),
        .. WithParts(new(CampaignBloodDonations, "Đơn vị máu tiếp nhận (lượt hiến máu tình nguyện)", "Voluntary blood donations", Count, ["BloodDonationRecorded"])),
        .. WithParts(new(CampaignBloodDonors, "Người hiến máu tình nguyện (mỗi người một lần trong kỳ)", "Voluntary blood donors (each counted once in the period)",
            Count, ["BloodDonationRecorded"])),
        new(CampaignBloodVolumeMl, "Lượng máu tiếp nhận (ml)", "Blood collected (ml)", IndicatorUnit.Millilitre, ["BloodDonationRecorded"]),
        new(CampaignFundsRaised, "Tiền vận động được qua các chương trình (đồng)", "Funds raised by campaigns (VND)", Vnd, CampaignResults),
    ];

    /// <summary>The figures the report's table of child units shows for each unit, in column order.</summary>
    public static readonly IReadOnlyList<string> ChildUnitColumns =
        [MembersActive, MembersNew, GrowthTarget, GrowthPercent, ReliefActivityValue, CampaignBloodDonations];

    /// <summary>The flows the report charts month by month: people joining, reached by relief, served by health
    /// programmes, and blood given.</summary>
    public static readonly IReadOnlyList<string> MonthlyChartCodes =
        [MembersNew, ReliefBeneficiariesReached, CampaignVisits, CampaignBloodDonations];

    private static readonly Dictionary<string, IndicatorDefinition> ByCode = Catalog.ToDictionary(i => i.Code);

    public static IndicatorDefinition Of(string code) => ByCode[code];

    /// <summary>A people figure, then its parts by sex and by age band.</summary>
    private static IEnumerable<IndicatorDefinition> WithParts(IndicatorDefinition figure) => [figure, .. PeopleBreakdown.Parts(figure)];

    /// <summary>An awards indicator in total, then per kind of issuer.</summary>
    private static IEnumerable<IndicatorDefinition> Awards(string code, string vi, string en, IndicatorUnit unit) =>
        [new(code, vi, en, unit, Commendations), .. IssuerKinds.Select(k => new IndicatorDefinition(ByIssuer(code, k.Kind), $"{vi} - {k.Vi}", $"{en} - {k.En}", unit, Commendations))];
}
