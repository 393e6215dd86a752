using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Awards.V1;
using RedCross.Contracts.Events.Awards;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Awards.Tests;

public sealed class NominationsTests(AwardsFactory factory) : IClassFixture<AwardsFactory>
{
    private string Officer058 => factory.Tokens.DistrictOfficer058;

    private string ProvinceAdmin => factory.Tokens.ProvinceAdmin;

    private static Nomination Collective(string issuer, string unit, int year, string movement = "society_work") => new()
    {
        IssuerCode = issuer, FormKind = "certificate_of_merit", Movement = movement, Year = year, ProposerOrgUnit = "058",
        Recipient = new Recipient { Kind = "org_unit", OrgUnit = unit },
    };

    private static Nomination Person(string issuer, string kind, Guid id, int year) => new()
    {
        IssuerCode = issuer, FormKind = "certificate_of_merit", Movement = "blood_donation", Year = year, ProposerOrgUnit = "058",
        Recipient = new Recipient { Kind = kind, Id = id.ToString() },
    };

    private static Nomination With(Nomination n, Action<Nomination> change)
    {
        var copy = n.Clone();
        change(copy);
        return copy;
    }

    private async Task<Nomination> Submitted(Nomination n, string submittedOn = "2013-12-10")
    {
        await factory.EnsureWorld();
        return await factory.Nominations(Officer058).CreateNominationAsync(new CreateNominationRequest { Nomination = n, Submit = true, SubmittedOn = submittedOn });
    }

    [Fact]
    public async Task A_nomination_goes_from_draft_to_approved_with_the_forms_cash_and_is_announced_without_personal_data()
    {
        await factory.EnsureWorld();
        var client = factory.Nominations(Officer058);
        var draft = await client.CreateNominationAsync(new CreateNominationRequest { Nomination = Person(AwardsFactory.ProvincialRedCross, "member", AwardsFactory.Member058, 2010) });
        Assert.Equal(("draft", "01834", ""), (draft.Status, draft.Recipient.OrgUnit, draft.SubmittedOn));

        var submitted = await client.SubmitNominationAsync(new SubmitNominationRequest { Id = draft.Id, SubmittedOn = "2010-12-01", Etag = draft.Etag });
        Assert.Equal(("submitted", "2010-12-01"), (submitted.Status, submitted.SubmittedOn));
        await factory.Services.Published<NominationSubmitted>(m => m.Context.Message.NominationId.ToString() == draft.Id
            && m.Context.Message.IssuerKind == "provincial_red_cross" && m.Context.Message.RecipientKind == "member" && m.Context.Message.OrgUnitCode == "01834");

        // Only the provincial Red Cross's own principal (a province admin of 06) decides; no amount means the form's standard.
        var approved = await factory.Nominations(ProvinceAdmin).ApproveNominationAsync(new ApproveNominationRequest
        {
            Id = draft.Id, DecisionNumber = "45/QĐ-CTĐ", DecisionDate = "2010-12-20",
        });
        Assert.Equal(("approved", "45/QĐ-CTĐ", "2010-12-20", 400_000L), (approved.Status, approved.DecisionNumber, approved.DecisionDate, approved.CashVnd));
        await factory.Services.Published<CommendationApproved>(m => m.Context.Message.NominationId.ToString() == draft.Id
            && m.Context.Message is { IssuerCode: AwardsFactory.ProvincialRedCross, IssuerOrgUnitCode: "06", FormKind: "certificate_of_merit", RecipientKind: "member", CashVnd: 400_000, Year: 2010 }
            && m.Context.Message.DecisionDate == new DateOnly(2010, 12, 20));

        // The event names the recipient by kind and unit only: no member id, no name.
        var published = factory.Services.GetRequiredService<MassTransit.Testing.ITestHarness>().Published.Select<CommendationApproved>()
            .First(m => m.Context.Message.NominationId.ToString() == draft.Id).Context.Message;
        Assert.DoesNotContain(AwardsFactory.Member058.ToString(), System.Text.Json.JsonSerializer.Serialize(published));
    }

    [Fact]
    public async Task An_approved_decision_is_never_edited_it_is_revoked_and_the_revocation_repeats_its_figures()
    {
        var n = await Submitted(Collective(AwardsFactory.ProvincialRedCross, "01852", 2011), "2011-11-01");
        var decider = factory.Nominations(ProvinceAdmin);
        await decider.ApproveNominationAsync(new ApproveNominationRequest { Id = n.Id, DecisionNumber = "1/QĐ", DecisionDate = "2011-12-01", CashVnd = 1_000_000 });

        Assert.Equal("NOMINATION_NOT_SUBMITTED", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => decider.ApproveNominationAsync(new ApproveNominationRequest { Id = n.Id, DecisionNumber = "2/QĐ", DecisionDate = "2011-12-02", CashVnd = 5 }).ResponseAsync));
        Assert.Equal("REVOCATION_BEFORE_DECISION", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => decider.RevokeCommendationAsync(new RevokeCommendationRequest { Id = n.Id, Reason = "QĐ 9/QĐ", RevokedOn = "2011-11-30" }).ResponseAsync));

        var revoked = await decider.RevokeCommendationAsync(new RevokeCommendationRequest { Id = n.Id, Reason = "QĐ 9/QĐ thu hồi", RevokedOn = "2012-01-05" });
        Assert.Equal(("revoked", "1/QĐ", 1_000_000L, "2012-01-05"), (revoked.Status, revoked.DecisionNumber, revoked.CashVnd, revoked.RevokedOn));
        await factory.Services.Published<CommendationRevoked>(m => m.Context.Message.NominationId.ToString() == n.Id
            && m.Context.Message.CashVnd == 1_000_000 && m.Context.Message.RecipientKind == "org_unit" && m.Context.Message.RevokedOn == new DateOnly(2012, 1, 5));

        // Revoked holds no place: the unit may be nominated again for that year.
        await Submitted(Collective(AwardsFactory.ProvincialRedCross, "01852", 2011), "2012-01-06");
    }

    [Fact]
    public async Task A_branch_officer_cannot_approve_a_provincial_award_nor_a_district_officer_nor_a_province_admin_a_towns()
    {
        var provincial = await Submitted(Collective(AwardsFactory.ProvincialRedCross, "01837", 2012));
        var town = await Submitted(Collective(AwardsFactory.TownCouncil, "01837", 2012));
        var before = await factory.Stored();
        var approve = (string token, Nomination n) => factory.Nominations(token).ApproveNominationAsync(new ApproveNominationRequest
        {
            Id = n.Id, DecisionNumber = "7/QĐ", DecisionDate = "2013-12-20",
        }).ResponseAsync;

        var branch = factory.Tokens.For(Roles.BranchOfficer, "06/058/01837");
        Assert.Equal(AccessDeniedException.NotPermitted, await RpcAssert.Reason(StatusCode.PermissionDenied, () => approve(branch, provincial)));
        Assert.Equal("NOT_ACTING_FOR_ISSUER", await RpcAssert.Reason(StatusCode.PermissionDenied, () => approve(Officer058, provincial)));
        Assert.Equal("NOT_ACTING_FOR_ISSUER", await RpcAssert.Reason(StatusCode.PermissionDenied, () => approve(ProvinceAdmin, town)));
        Assert.Equal("NOT_ACTING_FOR_ISSUER", await RpcAssert.Reason(StatusCode.PermissionDenied, () => approve(factory.Tokens.For(Roles.DistrictOfficer, "06/060"), town)));
        Assert.Equal(before, await factory.Stored());
        Assert.Equal("submitted", (await factory.Nominations(ProvinceAdmin).GetNominationAsync(new GetNominationRequest { Id = provincial.Id })).Status);

        // The town council's own principal (a district officer of 058) and the province's do decide.
        Assert.Equal("approved", (await factory.Nominations(Officer058).ApproveNominationAsync(new ApproveNominationRequest { Id = town.Id, DecisionNumber = "8/QĐ", DecisionDate = "2013-12-20" })).Status);
        Assert.Equal("approved", (await approve(ProvinceAdmin, provincial)).Status);
    }

    [Fact]
    public async Task A_district_officer_of_058_cannot_nominate_a_member_of_060_and_nothing_is_stored()
    {
        await factory.EnsureWorld();
        var before = await factory.Stored();
        var ex = await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Nominations(Officer058).CreateNominationAsync(new CreateNominationRequest
        {
            Nomination = Person(AwardsFactory.ProvincialRedCross, "member", AwardsFactory.Member060, 2013), Submit = true,
        }).ResponseAsync);
        Assert.Equal(before, await factory.Stored());
        Assert.DoesNotContain("Member060", ex.Status.Detail);

        // 060's own officer may, to the province; 058's town council is not 060's to use, and commends no one outside 058.
        var officer060 = factory.Nominations(factory.Tokens.For(Roles.DistrictOfficer, "06/060"));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => officer060.CreateNominationAsync(new CreateNominationRequest
        {
            Nomination = With(Person(AwardsFactory.TownCouncil, "member", AwardsFactory.Member060, 2013), n => n.ProposerOrgUnit = "060"),
        }).ResponseAsync);
        Assert.Equal("RECIPIENT_OUTSIDE_ISSUER", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => factory.Nominations(ProvinceAdmin).CreateNominationAsync(new CreateNominationRequest
        {
            Nomination = With(Person(AwardsFactory.TownCouncil, "member", AwardsFactory.Member060, 2013), n => n.ProposerOrgUnit = "06"),
        }).ResponseAsync));
        Assert.Equal(before, await factory.Stored());
        var made = await officer060.CreateNominationAsync(new CreateNominationRequest
        {
            Nomination = With(Person(AwardsFactory.ProvincialRedCross, "member", AwardsFactory.Member060, 2013), n => n.ProposerOrgUnit = "060"),
        });
        Assert.Equal("02000", made.Recipient.OrgUnit);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Nominations(Officer058).GetNominationAsync(new GetNominationRequest { Id = made.Id }).ResponseAsync);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_precise_statuses_and_nothing_is_stored()
    {
        var submitted = await Submitted(Collective(AwardsFactory.ProvincialRedCross, "01834", 2009), "2009-12-15");
        var draft = await factory.Nominations(Officer058).CreateNominationAsync(new CreateNominationRequest { Nomination = Collective(AwardsFactory.TownRedCross, "01834", 2009) });
        var client = factory.Nominations(Officer058);
        var decider = factory.Nominations(ProvinceAdmin);
        var before = await factory.Stored();

        // Negative cash.
        Assert.Equal(["cash_vnd"], await RpcAssert.InvalidFields(() => decider.ApproveNominationAsync(new ApproveNominationRequest
        {
            Id = submitted.Id, DecisionNumber = "3/QĐ", DecisionDate = "2009-12-20", CashVnd = -1,
        }).ResponseAsync));
        // Unknown recipients: a member, a donor, a unit awards never heard of.
        Assert.Equal(StatusCode.NotFound, (await RpcAssert.Fails(StatusCode.NotFound, () => client.CreateNominationAsync(new CreateNominationRequest
        {
            Nomination = Person(AwardsFactory.TownCouncil, "member", Guid.NewGuid(), 2013),
        }).ResponseAsync)).StatusCode);
        await RpcAssert.Fails(StatusCode.NotFound, () => client.CreateNominationAsync(new CreateNominationRequest { Nomination = Person(AwardsFactory.TownCouncil, "donor", Guid.NewGuid(), 2013) }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => client.CreateNominationAsync(new CreateNominationRequest { Nomination = Collective(AwardsFactory.TownCouncil, "09999", 2013) }).ResponseAsync);
        // A member who is no volunteer is not nominated as one.
        Assert.Equal("NOT_A_VOLUNTEER", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => client.CreateNominationAsync(new CreateNominationRequest { Nomination = Person(AwardsFactory.TownCouncil, "volunteer", AwardsFactory.Member058, 2013) }).ResponseAsync));
        // Approving a draft.
        Assert.Equal("NOMINATION_NOT_SUBMITTED", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => client.ApproveNominationAsync(new ApproveNominationRequest
        {
            Id = draft.Id, DecisionNumber = "4/QĐ", DecisionDate = "2009-12-20",
        }).ResponseAsync));
        // A decision dated before its submission.
        Assert.Equal("DECISION_BEFORE_SUBMISSION", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => decider.ApproveNominationAsync(new ApproveNominationRequest
        {
            Id = submitted.Id, DecisionNumber = "5/QĐ", DecisionDate = "2009-12-14",
        }).ResponseAsync));
        // A duplicate: the same unit, form, issuer and year, while the first stands.
        var duplicate = await RpcAssert.Fails(StatusCode.AlreadyExists, () => client.CreateNominationAsync(new CreateNominationRequest
        {
            Nomination = Collective(AwardsFactory.ProvincialRedCross, "01834", 2009, movement: "relief"),
        }).ResponseAsync);
        Assert.Contains("already", duplicate.Status.Detail, StringComparison.Ordinal);
        // Malformed fields, all reported at once.
        var fields = await RpcAssert.InvalidFields(() => client.CreateNominationAsync(new CreateNominationRequest
        {
            Nomination = new Nomination
            {
                IssuerCode = "", FormKind = "medal", Movement = "fun", Year = 2999, ProposerOrgUnit = "058",
                Recipient = new Recipient { Kind = "org_unit", Id = "x", OrgUnit = "01834", GroupName = "nhóm" },
            },
            SubmittedOn = "2013-01-01",
        }).ResponseAsync);
        Assert.Equal(
            ["nomination.form_kind", "nomination.issuer_code", "nomination.movement", "nomination.recipient.group_name", "nomination.recipient.id", "nomination.year", "submitted_on"],
            fields.Order(StringComparer.Ordinal));
        Assert.Equal(["decision_date"], await RpcAssert.InvalidFields(() => decider.ApproveNominationAsync(new ApproveNominationRequest
        {
            Id = submitted.Id, DecisionNumber = "6/QĐ", DecisionDate = "2099-01-01",
        }).ResponseAsync));
        Assert.Equal(["nomination.recipient.id"], await RpcAssert.InvalidFields(() => client.CreateNominationAsync(new CreateNominationRequest
        {
            Nomination = With(Person(AwardsFactory.TownCouncil, "member", Guid.Empty, 2013), n => n.Recipient = new Recipient { Kind = "member", Id = "not-a-uuid" }),
        }).ResponseAsync));
        Assert.Equal(before, await factory.Stored());
        Assert.Equal("submitted", (await client.GetNominationAsync(new GetNominationRequest { Id = submitted.Id })).Status);
    }

    [Fact]
    public async Task Two_officers_nominating_the_same_recipient_at_once_leave_exactly_one_nomination()
    {
        await factory.EnsureWorld();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            try
            {
                await factory.Nominations(Officer058).CreateNominationAsync(new CreateNominationRequest { Nomination = Person(AwardsFactory.TownRedCross, "volunteer", AwardsFactory.Volunteer058, 2008) });
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }));
        Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
        Assert.Equal(9, outcomes.Count(o => o == StatusCode.AlreadyExists));
        // A volunteer is the member: named as a member, the same person is still a duplicate.
        await RpcAssert.Fails(StatusCode.AlreadyExists, () => factory.Nominations(Officer058).CreateNominationAsync(new CreateNominationRequest
        {
            Nomination = Person(AwardsFactory.TownRedCross, "member", AwardsFactory.Volunteer058, 2008),
        }).ResponseAsync);
    }

    [Fact]
    public async Task A_retried_create_with_its_request_id_returns_the_first_nomination()
    {
        await factory.EnsureWorld();
        var request = new CreateNominationRequest { Nomination = Collective(AwardsFactory.TownCouncil, "01852", 2007), RequestId = "retry-1" };
        var first = await factory.Nominations(Officer058).CreateNominationAsync(request);
        var again = await factory.Nominations(Officer058).CreateNominationAsync(request);
        Assert.Equal(first.Id, again.Id);
    }

    [Fact]
    public async Task Groups_and_officials_are_collectives_and_individuals_of_a_unit_and_lists_are_filtered_to_the_subtree()
    {
        await factory.EnsureWorld();
        var client = factory.Nominations(Officer058);
        var group = await client.CreateNominationAsync(new CreateNominationRequest
        {
            Nomination = With(Collective(AwardsFactory.TownCouncil, "01837", 2006), n => n.Recipient = new Recipient { Kind = "group", OrgUnit = "01837", GroupName = "CLB hiến máu Sông Cầu" }),
        });
        var official = await client.CreateNominationAsync(new CreateNominationRequest
        {
            Nomination = With(Collective(AwardsFactory.TownCouncil, "01837", 2006), n => n.Recipient = new Recipient { Kind = "official", Id = "CB-058/12", OrgUnit = "01837" }),
        });
        await RpcAssert.Fails(StatusCode.AlreadyExists, () => client.CreateNominationAsync(new CreateNominationRequest
        {
            Nomination = With(Collective(AwardsFactory.TownCouncil, "01837", 2006), n => n.Recipient = new Recipient { Kind = "group", OrgUnit = "01837", GroupName = "clb hiến máu sông cầu" }),
        }).ResponseAsync);

        var listed = await client.ListNominationsAsync(new ListNominationsRequest { OrgUnit = "01837", Year = 2006 });
        Assert.Equal(new[] { group.Id, official.Id }.Order(StringComparer.Ordinal), listed.Nominations.Select(n => n.Id).Order(StringComparer.Ordinal));
        var other = await factory.Nominations(factory.Tokens.For(Roles.DistrictOfficer, "06/060")).ListNominationsAsync(new ListNominationsRequest { Year = 2006 });
        Assert.Empty(other.Nominations);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Nominations(factory.Tokens.For(Roles.DistrictOfficer, "06/060"))
            .ListNominationsAsync(new ListNominationsRequest { OrgUnit = "058" }).ResponseAsync);
    }
}
