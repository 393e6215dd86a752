namespace RedCross.Reporting.Domain;

/// <summary>The indicator codes reporting keeps, with their Vietnamese and English labels.</summary>
internal static class Indicators
{
    public const string MembersActive = "membership.members.active";
    public const string MembersNew = "membership.members.new";
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

    /// <summary>An awards indicator for one kind of issuer: the code suffixed with the kind.</summary>
    public static string ByIssuer(string code, string issuerKind) => code + "." + issuerKind;
    public const string CampaignsHeld = "campaign.campaigns.held";
    public const string CampaignVisits = "campaign.health.visits";
    public const string CampaignVisitsExamination = "campaign.health.visits.examination";
    public const string CampaignVisitsConsultation = "campaign.health.visits.consultation";
    public const string CampaignVisitsCommunication = "campaign.health.visits.communication";
    public const string CampaignPeopleServed = "campaign.people.served";
    public const string CampaignBloodDonations = "campaign.blood.donations";
    public const string CampaignBloodVolumeMl = "campaign.blood.volume_ml";
    public const string CampaignFundsRaised = "campaign.funds.raised_vnd";

    /// <summary>Every code in report order, with its labels.</summary>
    public static readonly IReadOnlyList<(string Code, string Vi, string En)> Catalog =
    [
        (MembersActive, "Hội viên đang sinh hoạt (cuối kỳ)", "Active members (end of period)"),
        (MembersNew, "Hội viên mới kết nạp", "New members"),
        (GrowthTarget, "Chỉ tiêu phát triển hội viên", "Member growth target"),
        (GrowthPercent, "Tỷ lệ hoàn thành chỉ tiêu phát triển hội viên (%)", "Member growth against target (%)"),
        (TrainingsHeld, "Lớp tập huấn đã tổ chức", "Training courses held"),
        (TrainingParticipants, "Lượt người dự tập huấn", "Training participants"),
        (WelfareVisits, "Lượt thăm hỏi hội viên", "Welfare visits to members"),
        (WelfareValue, "Giá trị thăm hỏi (đồng)", "Value of welfare visits (VND)"),
        (WelfareContributions, "Đóng góp quỹ thăm hỏi (đồng)", "Welfare fund contributions (VND)"),
        (DuesCollected, "Hội phí thu được (đồng)", "Dues collected (VND)"),
        (ReliefDonationsReceived, "Tiền và hàng tiếp nhận quy ra tiền (đồng)", "Donations received, cash and goods valued (VND)"),
        (ReliefActivityValue, "Tổng giá trị các hoạt động cứu trợ, trao quà (đồng)", "Total value of relief reaching people (VND)"),
        (ReliefBeneficiariesReached, "Lượt đối tượng được trợ giúp", "Beneficiary handovers (people reached, counted per handover)"),
        (ReliefBeneficiariesRegistered, "Đối tượng được lập hồ sơ mới", "Beneficiaries newly registered"),
        (ReliefLivestockGiven, "Số con bò (gia súc) trao cho hộ nghèo (Ngân hàng bò)", "Livestock given to households (cow bank)"),
        (ReliefLivestockPassedOn, "Số con bê được bàn giao cho hộ tiếp theo (Ngân hàng bò)", "Calves passed on to the next household (cow bank)"),
        (ReliefAddressesActive, "Địa chỉ nhân đạo đang theo dõi (cuối kỳ)", "Humanitarian addresses followed (end of period)"),
        (ReliefAddressesOverdue, "Địa chỉ nhân đạo quá hạn rà soát (cuối kỳ)", "Humanitarian addresses overdue for review (end of period)"),
        .. Awards(AwardsCollective, "Tập thể được khen thưởng", "Collectives commended"),
        .. Awards(AwardsIndividual, "Cá nhân được khen thưởng", "Individuals commended"),
        .. Awards(AwardsCash, "Tiền thưởng kèm theo khen thưởng (đồng)", "Cash awarded with commendations (VND)"),
        (CampaignsHeld, "Phong trào, chiến dịch, chương trình đã tổ chức", "Campaigns and programmes held"),
        (CampaignVisits, "Lượt khám, tư vấn, truyền thông sức khỏe", "Health visits (examinations, consultations, communication sessions)"),
        (CampaignVisitsExamination, "Lượt khám bệnh", "Health examinations"),
        (CampaignVisitsConsultation, "Lượt tư vấn sức khỏe", "Health consultations"),
        (CampaignVisitsCommunication, "Buổi truyền thông phòng bệnh", "Disease-prevention communication sessions"),
        (CampaignPeopleServed, "Lượt người được phục vụ trong các chương trình", "People served by campaigns"),
        (CampaignBloodDonations, "Đơn vị máu tiếp nhận (lượt hiến máu tình nguyện)", "Voluntary blood donations"),
        (CampaignBloodVolumeMl, "Lượng máu tiếp nhận (ml)", "Blood collected (ml)"),
        (CampaignFundsRaised, "Tiền vận động được qua các chương trình (đồng)", "Funds raised by campaigns (VND)"),
    ];

    /// <summary>An awards indicator in total, then per kind of issuer.</summary>
    private static IEnumerable<(string Code, string Vi, string En)> Awards(string code, string vi, string en) =>
        [(code, vi, en), .. IssuerKinds.Select(k => (ByIssuer(code, k.Kind), $"{vi} - {k.Vi}", $"{en} - {k.En}"))];
}
