using Grpc.Net.Client;
using RedCross.Contracts.Awards.V1;

namespace RedCross.Demo;

/// <summary>The seed's commendations: the town Emulation &amp; Commendation Council's 2 collectives and 4 individuals for
/// blood donation (F6), the provincial Red Cross's 2 collectives and 5 individuals with 3,500,000 VND (F7), and the town
/// Red Cross's 2 collectives for Society work (F8).</summary>
internal sealed class AwardsPart(DemoChannels channels, IProgress<string> progress)
{
    private const string Council = "058-HDTDKT";
    private const string TownRedCross = "058-HCTD";
    private const string ProvincialRedCross = "06-HCTD";

    public async Task LoadAsync(IReadOnlyList<string> members, CancellationToken ct)
    {
        var issuers = new Issuers.IssuersClient(channels.Province);
        await Demo.OnceKnown(() => Demo.Ensure(() => issuers.CreateIssuerAsync(new CreateIssuerRequest { Issuer = Issuer(Council, "district_emulation_council", "058", "Hội đồng Thi đua - Khen thưởng thị xã Bắc Kạn") }, cancellationToken: ct).ResponseAsync), ct);
        await Demo.Ensure(() => issuers.CreateIssuerAsync(new CreateIssuerRequest { Issuer = Issuer(TownRedCross, "district_red_cross", "058", "Hội Chữ thập đỏ thị xã Bắc Kạn") }, cancellationToken: ct).ResponseAsync);
        await Demo.Ensure(() => issuers.CreateIssuerAsync(new CreateIssuerRequest { Issuer = Issuer(ProvincialRedCross, "provincial_red_cross", "06", "Hội Chữ thập đỏ tỉnh Bắc Kạn", 750_000, 400_000) }, cancellationToken: ct).ResponseAsync);

        var n = 0;
        foreach (var unit in new[] { "01834", "01837" })
        {
            await Commend(Council, "blood_donation", Collective(unit), channels.Town, Dates.On(12, 27), n++, ct);
        }

        foreach (var member in members.Take(4))
        {
            await Commend(Council, "blood_donation", Individual(member), channels.Town, Dates.On(12, 27), n++, ct);
        }

        foreach (var unit in new[] { "01840", "01843" })
        {
            await Commend(ProvincialRedCross, "society_work", Collective(unit), channels.Province, new DateOnly(2014, 1, 10), n++, ct);
        }

        foreach (var member in members.Skip(4).Take(5))
        {
            await Commend(ProvincialRedCross, "society_work", Individual(member), channels.Province, new DateOnly(2014, 1, 10), n++, ct);
        }

        foreach (var unit in new[] { "01846", "01852" })
        {
            await Commend(TownRedCross, "society_work", Collective(unit), channels.Town, Dates.On(12, 30), n++, ct);
        }

        progress.Report($"commendations: {n} proposed and approved");
    }

    private static Issuer Issuer(string code, string kind, string unit, string name, long collectiveVnd = 0, long individualVnd = 0) => new()
    {
        Code = code, Kind = kind, OrgUnit = unit, Name = name,
        Forms = { new AwardForm { Kind = "certificate_of_merit", CashCollectiveVnd = collectiveVnd, CashIndividualVnd = individualVnd } },
    };

    private static Recipient Collective(string unit) => new() { Kind = "org_unit", OrgUnit = unit };

    private static Recipient Individual(string memberId) => new() { Kind = "member", Id = memberId };

    /// <summary>The town proposes; the issuer's level decides. A nomination approved on an earlier run is left as it is.</summary>
    private async Task Commend(string issuer, string movement, Recipient recipient, GrpcChannel decider, DateOnly decidedOn, int n, CancellationToken ct)
    {
        var nomination = await Demo.OnceKnown(() => new Nominations.NominationsClient(channels.Town).CreateNominationAsync(new CreateNominationRequest
        {
            Nomination = new Nomination { IssuerCode = issuer, FormKind = "certificate_of_merit", Movement = movement, Year = DemoScenario.Year, ProposerOrgUnit = DemoScenario.Town, Recipient = recipient },
            Submit = true,
            SubmittedOn = Dates.On(12, 20).Iso(),
            RequestId = $"demo-nomination-{n}",
        }, cancellationToken: ct).ResponseAsync, ct);
        if (nomination.Status == "submitted")
        {
            await new Nominations.NominationsClient(decider).ApproveNominationAsync(
                new ApproveNominationRequest { Id = nomination.Id, DecisionNumber = $"{n + 1}/QĐ-{issuer}", DecisionDate = decidedOn.Iso() }, cancellationToken: ct);
        }
    }
}
