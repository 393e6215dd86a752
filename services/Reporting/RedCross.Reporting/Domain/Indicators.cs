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
}

/// <summary>One indicator of the catalogue: its stable code, labels, unit, and the events it is computed from.</summary>
internal sealed record IndicatorDefinition(string Code, string Vi, string En, IndicatorUnit Unit, string[] SourceEvents);

/// <summary>The indicator codes reporting keeps, with their Vietnamese and English labels. This registry is the one
/// source of docs/indicators.md and of the DHIS2 data elements.</summary>
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

    private const IndicatorUnit Count = IndicatorUnit.Count;
    private const IndicatorUnit Vnd = IndicatorUnit.Vnd;

    /// <summary>Every code in report order, with its labels, unit and source events.</summary>
    public static readonly IReadOnlyList<IndicatorDefinition> Catalog =
    [
        new(MembersActive, "Hội viên đang sinh hoạt (cuối kỳ)", "Active members (end of period)", Count,
            ["MemberRegistered", "MemberStatusChanged", "MemberTransferred"]),
        new(MembersNew, "Hội viên mới kết nạp", "New members", Count, ["MemberRegistered"]),
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
        new(ReliefBeneficiariesReached, "Lượt đối tượng được trợ giúp", "Beneficiary handovers (people reached, counted per handover)", Count,
            ["DistributionRecorded", "DistributionReversed"]),
        new(ReliefBeneficiariesRegistered, "Đối tượng được lập hồ sơ mới", "Beneficiaries newly registered", Count, ["BeneficiaryRegistered"]),
        new(ReliefLivestockGiven, "Số con bò (gia súc) trao cho hộ nghèo (Ngân hàng bò)", "Livestock given to households (cow bank)", Count,
            ["LivestockGiven"]),
        new(ReliefLivestockPassedOn, "Số con bê được bàn giao cho hộ tiếp theo (Ngân hàng bò)", "Calves passed on to the next household (cow bank)", Count,
            ["LivestockPassedOn"]),
        new(ReliefAddressesActive, "Địa chỉ nhân đạo đang theo dõi (cuối kỳ)", "Humanitarian addresses followed (end of period)", Count,
            ["AddressOpened", "AddressReviewed", "AddressClosed"]),
        new(ReliefAddressesOverdue, "Địa chỉ nhân đạo quá hạn rà soát (cuối kỳ)", "Humanitarian addresses overdue for review (end of period)", Count,
            ["AddressOpened", "AddressReviewed", "AddressClosed"]),
    ];

    private static readonly Dictionary<string, IndicatorDefinition> ByCode = Catalog.ToDictionary(i => i.Code);

    public static IndicatorDefinition Of(string code) => ByCode[code];
}
