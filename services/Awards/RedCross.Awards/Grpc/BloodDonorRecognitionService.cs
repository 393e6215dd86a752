using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Awards.Data;
using RedCross.Awards.Domain;
using RedCross.Contracts.Awards.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using RecognitionTier = RedCross.Awards.Domain.RecognitionTier;

namespace RedCross.Awards.Grpc;

/// <summary>Blood-donor recognition (tôn vinh người hiến máu): tiers as rule tables per issuer and province, candidates
/// from the donation counts campaign's events brought, and candidates nominated in one call.</summary>
internal sealed class BloodDonorRecognitionService(AwardsDb db, TimeProvider clock, NominationWriter writer) : BloodDonorRecognition.BloodDonorRecognitionBase
{
    public override async Task<RecognitionTierTable> SetRecognitionTiers(SetRecognitionTiersRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ManageAwardRules);
        var input = new Input();
        var issuerCode = input.Text("issuer_code", request.IssuerCode, 40);
        var provinceCode = input.Text("province", request.Province, 40);
        var tiers = Tiers(input, request.Tiers);
        input.ThrowIfInvalid();

        await db.WriteAsync(async (db, ct) =>
        {
            var issuer = await AwardsQueries.RequireIssuerAsync(db, issuerCode!, "issuer_code", caller, ct);
            if (issuer.OrgUnitPath.Length == 0 ? caller.Level != UnitLevels.Root : !caller.CanSee(issuer.OrgUnitPath))
            {
                throw new AccessDeniedException($"Issuer '{issuer.Code}' keeps its tiers at its own level.");
            }

            var province = await Units.RequireAsync(db, provinceCode!, "province", caller, ct);
            issuer.EnsureTiersFit(province.Code, province.Level, province.Path, tiers.Select(t => t.FormKind));
            await db.RecognitionTiers.Where(x => x.IssuerCode == issuer.Code && x.ProvinceCode == province.Code).ExecuteDeleteAsync(ct);
            foreach (var tier in tiers)
            {
                (tier.IssuerCode, tier.ProvinceCode) = (issuer.Code, province.Code);
                db.RecognitionTiers.Add(tier);
            }

            return tiers.Count;
        }, context.CancellationToken);
        return new RecognitionTierTable { Tiers = { tiers.OrderBy(t => t.MinDonations).Select(t => t.ToProto()) } };
    }

    public override async Task<RecognitionTierTable> ListRecognitionTiers(ListRecognitionTiersRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadAwards);
        var input = new Input();
        var province = input.Text("province", request.Province, 40, required: false);
        var issuer = input.Text("issuer_code", request.IssuerCode, 40, required: false);
        input.ThrowIfInvalid();

        var rows = db.RecognitionTiers.AsNoTracking();
        if (province is not null)
        {
            var unit = await OrgReplica.OrgReplica.FindAsync(db, province, context.CancellationToken) ?? throw new ResourceNotFoundException("OrgUnit", province, "province");
            if (!caller.CanLocate(unit.Path))
            {
                throw new AccessDeniedException($"Province '{province}' is outside the caller's scope.");
            }

            rows = rows.Where(t => t.ProvinceCode == province);
        }
        else if (caller.Level != UnitLevels.Root)
        {
            var own = caller.OrgPath.Split('/')[0];
            rows = rows.Where(t => t.ProvinceCode == own);
        }

        rows = issuer is null ? rows : rows.Where(t => t.IssuerCode == issuer);
        var tiers = await rows.OrderBy(t => t.ProvinceCode).ThenBy(t => t.IssuerCode).ThenBy(t => t.MinDonations).ToListAsync(context.CancellationToken);
        return new RecognitionTierTable { Tiers = { tiers.Select(t => t.ToProto()) } };
    }

    public override async Task<ListRecognitionCandidatesResponse> ListRecognitionCandidates(ListRecognitionCandidatesRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadAwards);
        var ct = context.CancellationToken;
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        var issuer = input.Text("issuer_code", request.IssuerCode, 40, required: false);
        input.ThrowIfInvalid();

        var donors = Units.Within(db.Donors.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct));
        var page = await Candidates.FindAsync(db, donors, issuer, after, pageSize + 1, ct);
        var next = page.Count > pageSize ? Input.EncodePageToken(page[pageSize - 1].Donor.DonorId.ToString()) : string.Empty;
        return new ListRecognitionCandidatesResponse { Candidates = { page.Take(pageSize).Select(ToProto) }, NextPageToken = next };
    }

    public override async Task<NominateCandidatesResponse> NominateCandidates(NominateCandidatesRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteAwards);
        var draft = CandidatesDraft.Check(new Input(clock.VietnamToday()), request);
        var submitOn = request.Submit ? clock.VietnamToday() : (DateOnly?)null;

        var made = await db.WriteAsync(async (db, ct) =>
        {
            await Units.RequireAsync(db, draft.Proposer, "proposer_org_unit", caller, ct);
            var donors = Units.Within(db.Donors.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct));
            donors = draft.DonorIds.Count == 0 ? donors : donors.Where(d => draft.DonorIds.Contains(d.DonorId));
            var found = await Candidates.FindAsync(db, donors, draft.IssuerCode, null, Recognition.MaxNominationsPerCall + 1, ct);
            Recognition.EnsureFewEnough(found.Sum(c => c.Due.Count));

            var issuers = await AwardsQueries.RequireIssuersAsync(db, found.SelectMany(c => c.Due).Select(t => t.IssuerCode), "issuer_code", caller, ct);
            var created = new List<Domain.Nomination>();
            foreach (var (donor, tier) in found.SelectMany(c => c.Due.Select(tier => (c.Donor, tier))))
            {
                var nomination = Recognition.Propose(issuers[tier.IssuerCode], tier, donor, draft.Year, draft.Proposer, caller.Subject);
                await writer.AddAsync(db, nomination, issuers[tier.IssuerCode], submitOn, ct);
                created.Add(nomination);
            }

            return created;
        }, context.CancellationToken);
        return new NominateCandidatesResponse { Nominations = { made.Select(n => n.ToProto()) } };
    }

    /// <summary>A province's tier table as given: at most 20 tiers, each threshold and each form once.</summary>
    private static List<RecognitionTier> Tiers(Input input, IReadOnlyList<Contracts.Awards.V1.RecognitionTier> given)
    {
        if (given.Count > 20)
        {
            input.Fail("tiers", "must hold at most 20 tiers");
        }

        var tiers = new List<RecognitionTier>();
        for (var i = 0; i < Math.Min(given.Count, 20); i++)
        {
            var min = (int)input.Range($"tiers[{i}].min_donations", given[i].MinDonations, 1, 500);
            var form = input.OneOf($"tiers[{i}].form_kind", given[i].FormKind, FormKinds.All);
            if (tiers.Any(t => t.MinDonations == min) || tiers.Any(t => t.FormKind == form))
            {
                input.Fail($"tiers[{i}]", "each threshold and each form appears once in an issuer's table");
            }

            tiers.Add(new RecognitionTier { Id = Guid.CreateVersion7(), MinDonations = min, FormKind = form ?? string.Empty });
        }

        return tiers;
    }

    private static RecognitionCandidate ToProto(Candidates.Candidate c) => new()
    {
        DonorId = c.Donor.DonorId.ToString(),
        OrgUnit = c.Donor.OrgUnitCode,
        DonationCount = c.Donor.DonationCount,
        LastDonatedOn = c.Donor.LastDonatedOn.Iso(),
        Due = { c.Due.Select(t => t.ToProto()) },
    };
}

/// <summary>What NominateCandidates was asked, checked: the issuer (all when none), the year, the proposing unit and at
/// most 1000 donors named (all candidates in the subtree when none).</summary>
internal sealed record CandidatesDraft(string? IssuerCode, int Year, string Proposer, IReadOnlyList<Guid> DonorIds)
{
    private const int MaxDonorIds = 1000;

    public static CandidatesDraft Check(Input input, NominateCandidatesRequest request)
    {
        var issuerCode = input.Text("issuer_code", request.IssuerCode, 40, required: false);
        var year = (int)input.Range("year", request.Year, 2000, input.Today.Year);
        var proposer = input.Text("proposer_org_unit", request.ProposerOrgUnit, 40);
        if (request.DonorIds.Count > MaxDonorIds)
        {
            input.Fail("donor_ids", $"must hold at most {MaxDonorIds} ids");
        }

        var donorIds = request.DonorIds.Take(MaxDonorIds).Select((id, i) => input.Id($"donor_ids[{i}]", id)).OfType<Guid>().ToList();
        input.ThrowIfInvalid();
        return new CandidatesDraft(issuerCode, year, proposer!, donorIds);
    }
}
