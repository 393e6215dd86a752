using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Relief.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Relief.Tests;

/// <summary>The livestock bank (Ngân hàng bò): programmes with their rules, cows given, calves born with their
/// lineage, hand-over obligations, pass-ons and outcomes.</summary>
public sealed class LivestockTests(ReliefFactory factory) : IClassFixture<ReliefFactory>
{
    private string Token => factory.Tokens.DistrictOfficer058;

    private string Officer060 => factory.Tokens.For(Roles.DistrictOfficer, "06/060");

    private Livestock.LivestockClient Animals(string? token = null) => new(factory.Channel(token ?? Token));

    private LivestockProgrammes.LivestockProgrammesClient Programmes(string? token = null) => new(factory.Channel(token ?? Token));

    private async Task<LivestockProgramme> Programme(int handbackCalf, string requiredSex = "female", string unit = "058", string? token = null)
    {
        await factory.EnsureTree();
        return await Programmes(token).CreateLivestockProgrammeAsync(new CreateLivestockProgrammeRequest
        {
            Programme = new LivestockProgramme
            {
                OrgUnit = unit,
                Name = "Ngân hàng bò " + unit,
                HandbackCalf = handbackCalf,
                RequiredSex = requiredSex,
                HandoverMinAgeMonths = 6,
                HandoverMaxAgeMonths = 12,
            },
        });
    }

    private async Task<Beneficiary> Household(string unit = "01834", string? token = null)
    {
        await factory.EnsureTree();
        return await factory.Beneficiaries(token ?? Token).CreateBeneficiaryAsync(new CreateBeneficiaryRequest
        {
            Beneficiary = new Beneficiary
            {
                Kind = "household",
                FullName = "Hộ " + Guid.NewGuid().ToString("N")[..8],
                BirthDate = "1970-01-01",
                HouseholdSize = 4,
                Categories = { "poor" },
                OrgUnit = unit,
            },
        });
    }

    private static GiveAnimalRequest Gift(LivestockProgramme programme, Beneficiary to, string tag, long value = 15_000_000, string givenOn = "2013-01-10") => new()
    {
        ProgrammeId = programme.Id,
        RecipientBeneficiaryId = to.Id,
        Tag = tag,
        Sex = "female",
        BirthDate = "2011-01-01",
        GivenOn = givenOn,
        ValueVnd = value,
    };

    private Task<RecordBirthResponse> Birth(Animal mother, string tag, string sex, string bornOn, string? token = null) =>
        Animals(token).RecordBirthAsync(new RecordBirthRequest { MotherId = mother.Id, CalfTag = tag, Sex = sex, BornOn = bornOn }).ResponseAsync;

    private Task<(int Programmes, int Animals, int Obligations, int Outbox)> Stored() => factory.WithDb(async db => (
        await db.LivestockProgrammes.CountAsync(), await db.LivestockAnimals.CountAsync(), await db.HandoverObligations.CountAsync(), await factory.OutboxCount()));

    private static async Task<string> NotFoundField(Func<Task> call)
    {
        var ex = await RpcAssert.Fails(StatusCode.NotFound, call);
        return ex.GetRpcStatus()!.GetDetail<ResourceInfo>().ResourceName;
    }

    [Fact]
    public async Task Under_a_second_calf_rule_the_first_calf_creates_no_obligation_the_second_does_and_the_pass_on_clears_it()
    {
        var programme = await Programme(handbackCalf: 2);
        var (first, next) = (await Household(), await Household("01837"));
        var cow = await Animals().GiveAnimalAsync(Gift(programme, first, "BK-001"));
        Assert.Equal(("given", "01834", 15_000_000L), (cow.Status, cow.OrgUnit, cow.ValueVnd));
        await factory.Services.Published<LivestockGiven>(m => m.Context.Message.AnimalId.ToString() == cow.Id
            && m.Context.Message.ValueVnd == 15_000_000 && m.Context.Message.GivenOn == new DateOnly(2013, 1, 10) && m.Context.Message.Species == "cow");

        var calf1 = await Birth(cow, "BK-001-1", "female", "2013-09-01");
        Assert.Null(calf1.Obligation);
        Assert.Equal((1, cow.Id, first.Id, "calved"), (calf1.Calf.CalfNumber, calf1.Calf.MotherId, calf1.Calf.HolderBeneficiaryId, calf1.Calf.Status));

        var calf2 = await Birth(cow, "BK-001-2", "female", "2014-08-01");
        Assert.NotNull(calf2.Obligation);
        Assert.Equal((calf2.Calf.Id, first.Id, "2015-02-01", "2015-08-01", "open"),
            (calf2.Obligation.CalfId, calf2.Obligation.BeneficiaryId, calf2.Obligation.EarliestOn, calf2.Obligation.DueOn, calf2.Obligation.State));
        await factory.Services.Published<HandoverObligationCreated>(m => m.Context.Message.ObligationId.ToString() == calf2.Obligation.Id
            && m.Context.Message.DueOn == new DateOnly(2015, 8, 1));
        var lineage = await Animals().ListAnimalsAsync(new ListAnimalsRequest { MotherId = cow.Id });
        Assert.Equal(["BK-001-1", "BK-001-2"], lineage.Animals.Select(a => a.Tag));

        var passed = await Animals().PassOnCalfAsync(new PassOnCalfRequest { Id = calf2.Calf.Id, RecipientBeneficiaryId = next.Id, HandedOverOn = "2015-03-15" });
        Assert.Equal(("handed_over", next.Id, "01837", "2015-03-15"), (passed.Calf.Status, passed.Calf.HolderBeneficiaryId, passed.Calf.OrgUnit, passed.Calf.HeldSince));
        Assert.Equal(("fulfilled", "2015-03-15", next.Id), (passed.Obligation.State, passed.Obligation.FulfilledOn, passed.Obligation.RecipientBeneficiaryId));
        await factory.Services.Published<LivestockPassedOn>(m => m.Context.Message.CalfId.ToString() == calf2.Calf.Id
            && m.Context.Message.FromBeneficiaryId.ToString() == first.Id && m.Context.Message.ToBeneficiaryId.ToString() == next.Id
            && m.Context.Message.OrgUnitCode == "01837" && m.Context.Message.FromOrgUnitCode == "01834" && m.Context.Message.HandedOverOn == new DateOnly(2015, 3, 15));
        Assert.Empty((await Animals().ListHandoverObligationsAsync(new ListHandoverObligationsRequest { ProgrammeId = programme.Id, State = "open" })).Obligations);

        // The heifer now with the next household owes its own calf in turn; the first household's third calf owes nothing.
        Assert.Null((await Birth(cow, "BK-001-3", "female", "2015-06-01")).Obligation);
        var grandCalf = await Birth(passed.Calf, "BK-001-2-1", "male", "2016-05-01");
        Assert.Equal((1, (HandoverObligation?)null), (grandCalf.Calf.CalfNumber, grandCalf.Obligation));
        Assert.Equal(next.Id, (await Birth(passed.Calf, "BK-001-2-2", "female", "2017-05-01")).Obligation?.BeneficiaryId);
    }

    [Fact]
    public async Task When_the_rules_calf_has_the_wrong_sex_the_next_calf_of_the_required_sex_is_owed_once()
    {
        var programme = await Programme(handbackCalf: 1);
        var cow = await Animals().GiveAnimalAsync(Gift(programme, await Household(), "MS-1"));

        Assert.Null((await Birth(cow, "MS-1-1", "male", "2013-05-01")).Obligation);
        Assert.Null((await Birth(cow, "MS-1-2", "male", "2014-05-01")).Obligation);
        var third = await Birth(cow, "MS-1-3", "female", "2015-05-01");
        Assert.Equal((3, "2016-05-01"), (third.Calf.CalfNumber, third.Obligation?.DueOn));
        // One calf per mother and household: the next female owes nothing more.
        Assert.Null((await Birth(cow, "MS-1-4", "female", "2016-05-01")).Obligation);
    }

    [Fact]
    public async Task A_male_calf_where_the_rule_asks_a_female_a_calf_too_young_and_a_calf_not_owed_are_refused_and_nothing_is_stored()
    {
        var programme = await Programme(handbackCalf: 1);
        var (holder, next) = (await Household(), await Household("01852"));
        var cow = await Animals().GiveAnimalAsync(Gift(programme, holder, "RF-1"));
        var bull = await Birth(cow, "RF-1-1", "male", "2013-04-01");
        var heifer = await Birth(cow, "RF-1-2", "female", "2014-04-01");
        var spare = await Birth(cow, "RF-1-3", "female", "2015-02-01");
        var before = await Stored();

        Task Pass(Animal calf, string on) => Animals().PassOnCalfAsync(new PassOnCalfRequest { Id = calf.Id, RecipientBeneficiaryId = next.Id, HandedOverOn = on }).ResponseAsync;
        Assert.Equal("CALF_SEX_MISMATCH", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Pass(bull.Calf, "2014-01-01")));
        // Five months and 30 days old: one day short of the six-month minimum.
        Assert.Equal("CALF_TOO_YOUNG", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Pass(heifer.Calf, "2014-09-30")));
        Assert.Equal("NOT_THE_OWED_CALF", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Pass(spare.Calf, "2015-09-01")));
        Assert.Equal("RECIPIENT_IS_HOLDER", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => Animals().PassOnCalfAsync(new PassOnCalfRequest { Id = heifer.Calf.Id, RecipientBeneficiaryId = holder.Id, HandedOverOn = "2014-11-01" }).ResponseAsync));
        Assert.Equal(before, await Stored());
        var unchanged = await Animals().GetAnimalAsync(new GetAnimalRequest { Id = bull.Calf.Id });
        Assert.Equal(("calved", holder.Id), (unchanged.Status, unchanged.HolderBeneficiaryId));
        Assert.Equal("open", (await Animals().ListHandoverObligationsAsync(new ListHandoverObligationsRequest { ProgrammeId = programme.Id })).Obligations.Single().State);

        // On the day it turns six months it may go; once with the next household it owes nothing, so it cannot go twice.
        await Pass(heifer.Calf, "2014-10-01");
        Assert.Equal("NOT_THE_OWED_CALF", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Pass(heifer.Calf, "2014-10-02")));
    }

    [Fact]
    public async Task Overdue_obligations_are_listed_per_subtree_as_of_a_date()
    {
        var admin = factory.Tokens.ProvinceAdmin;
        var programme = await Programme(handbackCalf: 1, requiredSex: "any", unit: "06", token: admin);
        var in058 = await Animals(admin).GiveAnimalAsync(Gift(programme, await Household("01852", admin), "OD-058"));
        var in060 = await Animals(admin).GiveAnimalAsync(Gift(programme, await Household("060", admin), "OD-060"));
        var due058 = (await Birth(in058, "OD-058-1", "male", "2013-03-01", admin)).Obligation!;
        var due060 = (await Birth(in060, "OD-060-1", "female", "2013-06-01", admin)).Obligation!;
        Assert.Equal(("2014-03-01", "2014-06-01"), (due058.DueOn, due060.DueOn));

        async Task<List<string>> Overdue(string token, string asOf, string unit = "") =>
            [.. (await Animals(token).ListOverdueObligationsAsync(new ListOverdueObligationsRequest { OrgUnit = unit, AsOf = asOf })).Obligations.Select(o => o.Id)];

        Assert.Equal([due058.Id, due060.Id], (await Overdue(admin, "2014-07-01")).Where(id => id == due058.Id || id == due060.Id));
        Assert.DoesNotContain(due060.Id, await Overdue(admin, "2014-06-01")); // due that day: not overdue yet
        Assert.Contains(due058.Id, await Overdue(admin, "2014-06-01"));
        Assert.Equal([due058.Id], await Overdue(Token, "2014-07-01", "01852"));
        Assert.DoesNotContain(due060.Id, await Overdue(Token, "2014-07-01"));
        Assert.Equal([due060.Id], await Overdue(Officer060, "2014-07-01"));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Animals(Officer060).ListOverdueObligationsAsync(new ListOverdueObligationsRequest { OrgUnit = "058", AsOf = "2014-07-01" }).ResponseAsync);
        Assert.Contains("as_of", await RpcAssert.InvalidFields(() => Animals(admin).ListOverdueObligationsAsync(new ListOverdueObligationsRequest { AsOf = "01/07/2014" }).ResponseAsync));

        // Handed over late it is no longer overdue.
        await Animals(admin).PassOnCalfAsync(new PassOnCalfRequest { Id = due058.CalfId, RecipientBeneficiaryId = (await Household("01834", admin)).Id, HandedOverOn = "2014-08-01" });
        Assert.DoesNotContain(due058.Id, await Overdue(admin, "2014-09-01"));
    }

    [Fact]
    public async Task Officers_act_only_in_their_subtree_and_may_use_the_provinces_programme()
    {
        var provincial = await Programme(handbackCalf: 1, unit: "06", token: factory.Tokens.ProvinceAdmin);
        var household058 = await Household();
        var household060 = await Household("060", Officer060);
        var cow = await Animals().GiveAnimalAsync(Gift(provincial, household058, "AU-1"));
        var owed = await Birth(cow, "AU-1-1", "female", "2013-05-01");
        var before = await Stored();

        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Animals(Officer060).GiveAnimalAsync(Gift(provincial, household058, "AU-2")).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Birth(cow, "AU-1-2", "female", "2014-05-01", Officer060));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Animals(Officer060).GetAnimalAsync(new GetAnimalRequest { Id = cow.Id }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Animals(Officer060).PassOnCalfAsync(new PassOnCalfRequest { Id = owed.Calf.Id, RecipientBeneficiaryId = household060.Id, HandedOverOn = "2014-01-01" }).ResponseAsync);
        // Nor may 058 pass its calf to a household of 060: the recipient is outside its subtree.
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Animals().PassOnCalfAsync(new PassOnCalfRequest { Id = owed.Calf.Id, RecipientBeneficiaryId = household060.Id, HandedOverOn = "2014-01-01" }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Programme(1, unit: "060"));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Programme(1, unit: "06"));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Animals(factory.Tokens.For(Roles.Viewer, "06/058")).GiveAnimalAsync(Gift(provincial, household058, "AU-3")).ResponseAsync);
        Assert.Equal(before, await Stored());

        Assert.Empty((await Animals(Officer060).ListAnimalsAsync(new ListAnimalsRequest { ProgrammeId = provincial.Id })).Animals);
        Assert.Equal(2, (await Animals().ListAnimalsAsync(new ListAnimalsRequest { ProgrammeId = provincial.Id })).Animals.Count);
        Assert.Contains(provincial.Id, (await Programmes(Officer060).ListLivestockProgrammesAsync(new ListLivestockProgrammesRequest())).Programmes.Select(p => p.Id));
        var district = await Programme(1);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Programmes(Officer060).GetLivestockProgrammeAsync(new GetLivestockProgrammeRequest { Id = district.Id }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Animals(Officer060).GiveAnimalAsync(Gift(district, household060, "AU-4")).ResponseAsync);
    }

    [Fact]
    public async Task Bad_input_unknown_references_and_broken_rules_are_refused_and_nothing_is_stored()
    {
        var programme = await Programme(handbackCalf: 2);
        var household = await Household();
        var cow = await Animals().GiveAnimalAsync(Gift(programme, household, "BI-1"));
        var before = await Stored();
        var animals = Animals();

        Assert.Contains("value_vnd", await RpcAssert.InvalidFields(() => animals.GiveAnimalAsync(Gift(programme, household, "BI-2", value: -1)).ResponseAsync));
        Assert.Contains("given_on", await RpcAssert.InvalidFields(() => animals.GiveAnimalAsync(Gift(programme, household, "BI-2", givenOn: "2099-01-01")).ResponseAsync));
        Assert.Contains("given_on", await RpcAssert.InvalidFields(() => animals.GiveAnimalAsync(Gift(programme, household, "BI-2", givenOn: "10/01/2013")).ResponseAsync));
        var both = Gift(programme, household, "BI-2");
        both.AgeMonths = 20;
        Assert.Contains("birth_date", await RpcAssert.InvalidFields(() => animals.GiveAnimalAsync(both).ResponseAsync));
        var bornAfter = Gift(programme, household, "BI-2");
        bornAfter.BirthDate = "2013-02-01";
        Assert.Contains("birth_date", await RpcAssert.InvalidFields(() => animals.GiveAnimalAsync(bornAfter).ResponseAsync));
        var badSex = Gift(programme, household, "BI-2");
        badSex.Sex = "cow";
        Assert.Contains("sex", await RpcAssert.InvalidFields(() => animals.GiveAnimalAsync(badSex).ResponseAsync));
        Assert.Contains("tag", await RpcAssert.InvalidFields(() => animals.GiveAnimalAsync(Gift(programme, household, new string('x', 41))).ResponseAsync));

        var unknownProgramme = Gift(programme, household, "BI-2");
        unknownProgramme.ProgrammeId = Guid.NewGuid().ToString();
        Assert.Equal("programme_id", await NotFoundField(() => animals.GiveAnimalAsync(unknownProgramme).ResponseAsync));
        var unknownHousehold = Gift(programme, household, "BI-2");
        unknownHousehold.RecipientBeneficiaryId = Guid.NewGuid().ToString();
        Assert.Equal("recipient_beneficiary_id", await NotFoundField(() => animals.GiveAnimalAsync(unknownHousehold).ResponseAsync));
        Assert.Equal("mother_id", await NotFoundField(() => animals.RecordBirthAsync(new RecordBirthRequest { MotherId = Guid.NewGuid().ToString(), CalfTag = "x", Sex = "male", BornOn = "2013-05-01" }).ResponseAsync));
        Assert.Equal("id", await NotFoundField(() => animals.PassOnCalfAsync(new PassOnCalfRequest { Id = Guid.NewGuid().ToString(), RecipientBeneficiaryId = household.Id, HandedOverOn = "2013-05-01" }).ResponseAsync));
        var duplicate = await RpcAssert.Fails(StatusCode.AlreadyExists, () => animals.GiveAnimalAsync(Gift(programme, household, "BI-1")).ResponseAsync);
        Assert.Equal("tag", duplicate.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);

        Assert.Contains("born_on", await RpcAssert.InvalidFields(() => Birth(cow, "BI-1-1", "female", "2099-05-01")));
        Assert.Equal("BIRTH_BEFORE_HOLDING", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Birth(cow, "BI-1-1", "female", "2012-12-01")));
        Assert.Equal("calf_tag", (await RpcAssert.Fails(StatusCode.AlreadyExists, () => Birth(cow, "BI-1", "female", "2013-05-01")))
            .GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
        var outside = await Programme(1, unit: "01837");
        Assert.Equal("RECIPIENT_OUTSIDE_PROGRAMME", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => animals.GiveAnimalAsync(Gift(outside, household, "BI-4")).ResponseAsync));
        var afterChecks = await Stored();
        Assert.Equal((before.Animals, before.Obligations, before.Outbox), (afterChecks.Animals, afterChecks.Obligations, afterChecks.Outbox));

        Task Rule(Action<LivestockProgramme> change)
        {
            var p = new LivestockProgramme { OrgUnit = "058", Name = "Bò", HandbackCalf = 2, RequiredSex = "female", HandoverMinAgeMonths = 6, HandoverMaxAgeMonths = 12 };
            change(p);
            return Programmes().CreateLivestockProgrammeAsync(new CreateLivestockProgrammeRequest { Programme = p }).ResponseAsync;
        }

        Assert.Contains("programme.handover_min_age_months", await RpcAssert.InvalidFields(() => Rule(p => p.HandoverMinAgeMonths = 13)));
        Assert.Contains("programme.handback_calf", await RpcAssert.InvalidFields(() => Rule(p => p.HandbackCalf = 3)));
        Assert.Contains("programme.required_sex", await RpcAssert.InvalidFields(() => Rule(p => p.RequiredSex = "heifer")));
        Assert.Contains("programme.species", await RpcAssert.InvalidFields(() => Rule(p => p.Species = "dragon")));
        Assert.Contains("programme.name", await RpcAssert.InvalidFields(() => Rule(p => p.Name = "")));
        Assert.Equal("programme.org_unit", await NotFoundField(() => Rule(p => p.OrgUnit = "999")));
        Assert.Equal(afterChecks.Programmes, (await Stored()).Programmes);
    }

    [Fact]
    public async Task An_owed_calf_cannot_be_sold_and_when_it_dies_the_next_female_calf_is_owed()
    {
        var programme = await Programme(handbackCalf: 1);
        var cow = await Animals().GiveAnimalAsync(Gift(programme, await Household(), "OC-1"));
        var owed = await Birth(cow, "OC-1-1", "female", "2013-05-01");
        var before = await Stored();

        Assert.Equal("CALF_OWED", await RpcAssert.Reason(StatusCode.FailedPrecondition,
            () => Animals().RecordAnimalOutcomeAsync(new RecordAnimalOutcomeRequest { Id = owed.Calf.Id, Outcome = "sold", On = "2013-08-01" }).ResponseAsync));
        Assert.Contains("on", await RpcAssert.InvalidFields(
            () => Animals().RecordAnimalOutcomeAsync(new RecordAnimalOutcomeRequest { Id = owed.Calf.Id, Outcome = "died", On = "2099-08-01" }).ResponseAsync));
        Assert.Contains("outcome", await RpcAssert.InvalidFields(
            () => Animals().RecordAnimalOutcomeAsync(new RecordAnimalOutcomeRequest { Id = owed.Calf.Id, Outcome = "lost", On = "2013-08-01" }).ResponseAsync));
        Assert.Equal(before, await Stored());

        var died = await Animals().RecordAnimalOutcomeAsync(new RecordAnimalOutcomeRequest { Id = owed.Calf.Id, Outcome = "died", On = "2013-08-01" });
        Assert.Equal(("died", "2013-08-01"), (died.Status, died.OutcomeOn));
        await factory.Services.Published<LivestockOutcomeRecorded>(m => m.Context.Message.AnimalId.ToString() == died.Id && m.Context.Message.CancelledObligationId.ToString() == owed.Obligation!.Id);
        var states = (await Animals().ListHandoverObligationsAsync(new ListHandoverObligationsRequest { ProgrammeId = programme.Id })).Obligations;
        Assert.Equal("cancelled", states.Single().State);

        var next = await Birth(cow, "OC-1-2", "female", "2014-05-01");
        Assert.Equal((2, "open", "2015-05-01"), (next.Calf.CalfNumber, next.Obligation?.State, next.Obligation?.DueOn));
        await Animals().RecordAnimalOutcomeAsync(new RecordAnimalOutcomeRequest { Id = cow.Id, Outcome = "sold", On = "2015-01-01" });
        Assert.Equal("ANIMAL_NOT_HELD", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => Birth(cow, "OC-1-3", "female", "2015-05-01")));
    }

    [Fact]
    public async Task A_gift_by_age_is_dated_back_and_a_request_id_replay_gives_once()
    {
        var programme = await Programme(handbackCalf: 1);
        var household = await Household();
        var byAge = new GiveAnimalRequest { ProgrammeId = programme.Id, RecipientBeneficiaryId = household.Id, Tag = "AG-1", Sex = "female", AgeMonths = 18, GivenOn = "2014-03-31", RequestId = "give-ag-1" };

        var first = await Animals().GiveAnimalAsync(byAge);
        var replay = await Animals().GiveAnimalAsync(byAge);
        Assert.Equal(first.Id, replay.Id);
        Assert.Equal(("2012-09-30", true, 0L), (first.BirthDate, first.BirthDateEstimated, first.ValueVnd));
        Assert.Single((await Animals().ListAnimalsAsync(new ListAnimalsRequest { HolderBeneficiaryId = household.Id })).Animals);
    }

    [Fact]
    public async Task The_livestock_api_is_served_over_rest_with_the_same_statuses()
    {
        var programme = await Programme(handbackCalf: 1);
        var household = await Household();
        var rest = factory.Rest(Token);

        var given = await rest.PostAsJsonAsync("/api/v1/livestock", new
        {
            programmeId = programme.Id,
            recipientBeneficiaryId = household.Id,
            tag = "RS-1",
            sex = "female",
            birthDate = "2011-01-01",
            givenOn = "2013-01-10",
        });
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        var cowId = (await given.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var born = await rest.PostAsJsonAsync($"/api/v1/livestock/{cowId}:recordBirth", new { calfTag = "RS-1-1", sex = "female", bornOn = "2013-03-01" });
        Assert.Equal(HttpStatusCode.OK, born.StatusCode);
        var obligationId = (await born.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("obligation").GetProperty("id").GetString();

        var overdue = await rest.GetFromJsonAsync<JsonElement>("/api/v1/handoverObligations:overdue?orgUnit=01834&asOf=2014-04-01");
        Assert.Contains(obligationId, overdue.GetProperty("obligations").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        // The cow itself is not the calf owed: a rule refusal, 400 over REST.
        var notOwed = await rest.PostAsJsonAsync($"/api/v1/livestock/{cowId}:passOn", new { recipientBeneficiaryId = household.Id, handedOverOn = "2014-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, notOwed.StatusCode);
        var bad = await rest.PostAsJsonAsync("/api/v1/livestockProgrammes", new { orgUnit = "058", name = "x", handbackCalf = 1, requiredSex = "female", handoverMinAgeMonths = 12, handoverMaxAgeMonths = 6 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
